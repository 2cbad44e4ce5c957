/**
 * The app package's translations. appPackage/manifest.json's `localizationInfo` names one file per extra language
 * (ko-kr.json for Korean); each holds the manifest's user-facing strings in that language under the keys Teams defines
 * ("name.short", "bots[0].commandLists[1].commands[2].title", ...), and Teams shows them to people whose Teams client
 * speaks that language. A file is checked offline against the localization schema bundled in @microsoft/app-manifest
 * (never fetched), and against the manifest: every key must name a string the manifest has, so a translation cannot
 * outlive the command it translates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PackageError } from './packageError';

/** A parsed translation file: `$schema`, `localizationKeys`, and a string per translated manifest path. */
export type Localization = Record<string, unknown>;

export interface LocalizationFile {
  languageTag: string;
  /** The file name, at the package root (as the manifest names it). */
  file: string;
  localization: Localization;
}

export interface LocalizationRules {
  manifestVersion: string;
  /** The localization schema of that version (loadLocalizationSchema). */
  schema: Record<string, unknown>;
  /** The longest bot command title Teams shows; a translated title is held to the same limit as the English one. */
  maxCommandTitle: number;
}

const ROOT_JSON_FILE = /^[\w.-]+\.json$/;
const COMMAND_TITLE_KEY = /^bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/;
/** Keys that are not manifest paths. */
const NOT_A_MANIFEST_PATH = new Set(['$schema', 'localizationKeys']);

export function localizationSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`;
}

/** The Teams localization schema for `manifestVersion`, read from the copy inside @microsoft/app-manifest. */
export function loadLocalizationSchema(manifestVersion: string): Record<string, unknown> {
  let file: string;
  try {
    file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`);
  } catch {
    throw new PackageError(`No bundled Teams localization schema v${manifestVersion} in @microsoft/app-manifest (is the dev dependency installed?)`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

interface AjvError { instancePath: string; message?: string; params?: unknown }
interface AjvValidate { (data: unknown): boolean; errors?: AjvError[] | null }
interface AjvInstance { compile(schema: object): AjvValidate }
type AjvClass = new (options: Record<string, unknown>) => AjvInstance;

/**
 * Compiles the schema with the Ajv (draft-04) that @microsoft/app-manifest validates manifests with, set up the same
 * way, except for `unicodeRegExp: false`: the official localization schema's two `activities.activityTypes` patterns
 * end in an unescaped `]`, which JavaScript accepts only without the `u` flag (MicrosoftDocs/msteams-docs#8858), so
 * AppManifestUtils.validateAgainstSchema cannot compile it.
 */
function compileLocalizationSchema(schema: Record<string, unknown>): AjvValidate {
  const fromAppManifest = createRequire(require.resolve('@microsoft/app-manifest'));
  const Ajv = (fromAppManifest('ajv-draft-04') as { default: AjvClass }).default;
  const addFormats = (fromAppManifest('ajv-formats') as { default: (ajv: AjvInstance, formats: string[]) => void }).default;
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(schema);
}

/** `bots[0].commandLists[1].commands[2].title` → ['bots', 0, 'commandLists', 1, 'commands', 2, 'title']; null if not a path. */
export function manifestPath(key: string): Array<string | number> | null {
  const segments: Array<string | number> = [];
  for (const part of key.split('.')) {
    const match = /^([A-Za-z_$][\w$]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return null;
    segments.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/** The manifest's value at `key`'s path, or undefined. */
export function manifestValueAt(manifest: Record<string, unknown>, key: string): unknown {
  const segments = manifestPath(key);
  if (!segments) return undefined;
  let value: unknown = manifest;
  for (const segment of segments) {
    if (typeof segment === 'number' ? !Array.isArray(value) : (value === null || typeof value !== 'object' || Array.isArray(value))) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** Schema errors plus the checks against the manifest the schema cannot make; [] when the translation is fine. */
export function validateLocalization(localization: Localization, manifest: Record<string, unknown>, rules: LocalizationRules): string[] {
  const errors: string[] = [];
  const validate = compileLocalizationSchema(rules.schema);
  if (!validate(JSON.parse(JSON.stringify(localization)))) {
    for (const error of validate.errors ?? []) errors.push(`${error.instancePath} ${error.message ?? ''}. Details: ${JSON.stringify(error.params ?? {})}`);
  }
  const schemaUrl = localizationSchemaUrl(rules.manifestVersion);
  if (localization.$schema !== schemaUrl) errors.push(`/$schema must be ${schemaUrl} (the manifest's version)`);
  for (const [key, value] of Object.entries(localization)) {
    if (NOT_A_MANIFEST_PATH.has(key)) continue;
    if (typeof manifestValueAt(manifest, key) !== 'string') {
      errors.push(`"${key}" translates nothing: manifest.json has no string there (a command moved or was removed?)`);
    }
    if (typeof value !== 'string') continue;
    if (value.trim() === '') errors.push(`"${key}" is blank`);
    if (COMMAND_TITLE_KEY.test(key) && value.length > rules.maxCommandTitle) {
      errors.push(`"${key}" must be at most ${rules.maxCommandTitle} characters (Teams shows no more of a command title)`);
    }
    if (value.includes('${{')) errors.push(`"${key}" still contains a \${{…}} placeholder`);
  }
  return errors;
}

/**
 * Reads each file `manifest.localizationInfo` names (additional languages, and a default-language file if it has one)
 * from `dir`, passes its text through `fill` (the manifest's placeholder values), and parses it.
 */
export function readLocalizations(manifest: Record<string, unknown>, dir: string, fill: (template: string) => string): LocalizationFile[] {
  const info = manifest.localizationInfo as {
    defaultLanguageTag?: string; defaultLanguageFile?: string; additionalLanguages?: Array<{ languageTag: string; file: string }>;
  } | undefined;
  if (!info) return [];
  const named = [...(info.defaultLanguageFile ? [{ languageTag: info.defaultLanguageTag ?? 'en-us', file: info.defaultLanguageFile }] : []),
    ...(info.additionalLanguages ?? [])];
  const seen = new Set<string>();
  return named.map(({ languageTag, file }) => {
    const where = `localizationInfo (${languageTag}): ${file}`;
    if (!ROOT_JSON_FILE.test(file) || file.toLowerCase() === 'manifest.json') throw new PackageError(`${where}: a translation must be a .json file at the package root, like ko-kr.json`);
    if (seen.has(languageTag.toLowerCase())) throw new PackageError(`${where}: language ${languageTag} is named twice`);
    seen.add(languageTag.toLowerCase());
    const full = path.join(dir, file);
    if (!existsSync(full)) throw new PackageError(`${where}: appPackage/${file} does not exist`);
    let text: string;
    try {
      text = fill(readFileSync(full, 'utf8'));
    } catch (err) {
      if (err instanceof PackageError) throw new PackageError(`appPackage/${file}: ${err.message}`);
      throw err;
    }
    let localization: unknown;
    try {
      localization = JSON.parse(text);
    } catch (err) {
      throw new PackageError(`appPackage/${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (localization === null || typeof localization !== 'object' || Array.isArray(localization)) {
      throw new PackageError(`appPackage/${file} must be a JSON object of translated strings`);
    }
    return { languageTag, file, localization: localization as Localization };
  });
}
