/**
 * Builds the Teams app package: appPackage/build/appPackage.zip with manifest.json, the translations its
 * localizationInfo names (ko-kr.json), color.png and outline.png at the root, after filling in the manifest's placeholders (${{TEAMS_APP_ID}}, ${{BOT_ID}}, ${{BOT_DOMAIN}} and
 * ${{DEVELOPER_*}}, named as the Microsoft 365 Agents Toolkit names them) and validating the manifest against the
 * Teams manifest JSON schema bundled in @microsoft/app-manifest, and each translation against the bundled localization
 * schema (appLocalization.ts; offline: a schema is never fetched).
 *
 *   npx tsx scripts/package-app.ts --env-file env/.env.dev        (the Agents Toolkit's env file, after provision)
 *   TEAMS_APP_ID=<guid> BOT_ID=<guid> BOT_DOMAIN=<host> DEVELOPER_NAME=... DEVELOPER_WEBSITE_URL=https://...
 *     DEVELOPER_PRIVACY_URL=https://... DEVELOPER_TERMS_URL=https://... npx tsx scripts/package-app.ts [--out <file.zip>]
 *   (each value can also be a flag: --app-id, --bot-id, --bot-domain, --developer-name, --developer-*-url)
 *
 * The zip is written here (deflate, fixed timestamps, so the same input gives the same bytes). The manifest's version
 * must be package.json's (appVersion.ts: bump it whenever the manifest changes, Teams caches apps by version).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifestVersionProblem, readProjectVersion } from './appVersion';
import { makeZip } from './zipArchive';
import { PackageError } from './packageError';
import { checkPackageValues, parseCli, resolvePackageValues, USAGE, type PackageValues } from './packageInputs';
import { loadLocalizationSchema, readLocalizations, validateLocalization, type Localization, type LocalizationFile } from './appLocalization';
import { AppManifestUtils } from '@microsoft/app-manifest';

export const APP_PACKAGE_DIR = path.resolve(__dirname, '..', 'appPackage');
export const DEFAULT_OUT_FILE = path.join(APP_PACKAGE_DIR, 'build', 'appPackage.zip');
/** The manifest schema version this app is written for; the manifest must say the same. */
export const MANIFEST_VERSION = '1.23';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
/** Teams shows at most this many characters of a bot command title (the schema itself allows 128). */
export const MAX_COMMAND_TITLE = 32;
export const ICON_SIZES = { color: 192, outline: 32 } as const;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export { PackageError };
export {
  PACKAGE_SETTINGS, checkAppId, checkBotDomain, checkBotId, checkPackageValues, resolveBotId, resolvePackageValues,
  type PackageSetting, type PackageValues,
} from './packageInputs';

// ---------------------------------------------------------------- manifest

/** Replaces every `${{NAME}}` with `values.NAME` (JSON-escaped); throws if a placeholder has no value. */
export function substitutePlaceholders(template: string, values: Record<string, string>): string {
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) throw new PackageError(`The manifest has placeholders with no value: ${[...missing].map((n) => `\${{${n}}}`).join(', ')}`);
  return text;
}

/** The raw appPackage/manifest.json (with its ${{…}} placeholders). */
export function readManifestTemplate(dir = APP_PACKAGE_DIR): string {
  return readFileSync(path.join(dir, 'manifest.json'), 'utf8');
}

/** The manifest with the values put in (checked first), parsed. */
export function renderManifest(values: PackageValues, dir = APP_PACKAGE_DIR): Record<string, unknown> {
  const text = substitutePlaceholders(readManifestTemplate(dir), checkPackageValues(values));
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new PackageError(`appPackage/manifest.json is not valid JSON: ${(err as Error).message}`);
  }
}

/** The Teams manifest schema for `version`, read from the copy inside @microsoft/app-manifest (never downloaded). */
export function loadBundledSchema(version = MANIFEST_VERSION): Record<string, unknown> {
  let file: string;
  try {
    file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  } catch {
    throw new PackageError(`No bundled Teams manifest schema v${version} in @microsoft/app-manifest (is the dev dependency installed?)`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

type ValidatableManifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type ValidationSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/**
 * Schema errors (Ajv, draft-04, all errors) plus the checks the schema does not make; [] when the manifest is fine.
 * The schema is always passed in, so @microsoft/app-manifest never fetches `$schema`.
 */
export async function validateManifest(manifest: Record<string, unknown>, schema = loadBundledSchema()): Promise<string[]> {
  const errors: string[] = [];
  if (manifest.manifestVersion !== MANIFEST_VERSION) errors.push(`/manifestVersion must be "${MANIFEST_VERSION}"`);
  if (manifest.$schema !== SCHEMA_URL) errors.push(`/$schema must be ${SCHEMA_URL}`);
  if (typeof manifest.version !== 'string' || !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(manifest.version)) {
    errors.push('/version must be a semver version like 1.2.3');
  }
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as Array<{ commandLists?: Array<{ commands?: Array<{ title?: unknown }> }> }>) : [];
  bots.forEach((bot, b) => bot.commandLists?.forEach((list, l) => list.commands?.forEach((command, c) => {
    if (typeof command.title === 'string' && command.title.length > MAX_COMMAND_TITLE) {
      errors.push(`/bots/${b}/commandLists/${l}/commands/${c}/title must be at most ${MAX_COMMAND_TITLE} characters`);
    }
  })));
  if (JSON.stringify(manifest).includes('${{')) errors.push('the manifest still contains a ${{…}} placeholder');
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as ValidatableManifest, schema as unknown as ValidationSchema);
  return [...schemaErrors, ...errors];
}

/** Checks a translation file against the bundled localization schema and against `manifest` (appLocalization.ts). */
export function validateLocalizationFile(localization: Localization, manifest: Record<string, unknown>): string[] {
  return validateLocalization(localization, manifest, {
    manifestVersion: MANIFEST_VERSION, schema: loadLocalizationSchema(MANIFEST_VERSION), maxCommandTitle: MAX_COMMAND_TITLE,
  });
}

/** The translations the manifest names, with the same values put in as in the manifest, each checked; throws on any problem. */
export function renderLocalizations(manifest: Record<string, unknown>, values: PackageValues, dir = APP_PACKAGE_DIR): LocalizationFile[] {
  const checked = checkPackageValues(values);
  const files = readLocalizations(manifest, dir, (template) => substitutePlaceholders(template, checked));
  for (const { file, localization } of files) {
    const errors = validateLocalizationFile(localization, manifest);
    if (errors.length > 0) {
      throw new PackageError(`appPackage/${file} does not validate against the Teams localization schema v${MANIFEST_VERSION} and the manifest:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    }
  }
  return files;
}

// ---------------------------------------------------------------- icons

export interface PngInfo { width: number; height: number; bitDepth: number; colourType: number; hasAlpha: boolean }

/** Reads a PNG's IHDR (and whether it can be transparent: an alpha channel or a tRNS chunk). */
export function readPngInfo(png: Buffer): PngInfo {
  const signature = '89504e470d0a1a0a';
  if (png.length < 33 || png.subarray(0, 8).toString('hex') !== signature || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new PackageError('not a PNG file');
  }
  const colourType = png[25]!;
  let hasAlpha = colourType === 4 || colourType === 6;
  for (let off = 8; off + 8 <= png.length;) {
    const length = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    if (type === 'tRNS') hasAlpha = true;
    if (type === 'IEND') break;
    off += 12 + length;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24]!, colourType, hasAlpha };
}

/** Reads the two icons the manifest names and checks their sizes (color 192×192, outline 32×32 and transparent). */
export function readIcons(manifest: Record<string, unknown>, dir = APP_PACKAGE_DIR): { color: Buffer; outline: Buffer; names: { color: string; outline: string } } {
  const icons = manifest.icons as { color?: unknown; outline?: unknown } | undefined;
  const names = { color: String(icons?.color ?? ''), outline: String(icons?.outline ?? '') };
  const files = {} as { color: Buffer; outline: Buffer };
  for (const kind of ['color', 'outline'] as const) {
    const name = names[kind];
    if (!/^[\w.-]+\.png$/i.test(name)) throw new PackageError(`icons.${kind} must be a .png file name at the package root; got "${name}"`);
    const file = path.join(dir, name);
    if (!existsSync(file)) throw new PackageError(`icons.${kind}: ${path.relative(process.cwd(), file)} does not exist (npx tsx scripts/make-icons.ts draws the defaults)`);
    const png = readFileSync(file);
    let info: PngInfo;
    try {
      info = readPngInfo(png);
    } catch {
      throw new PackageError(`icons.${kind}: ${name} is not a PNG file`);
    }
    const size = ICON_SIZES[kind];
    if (info.width !== size || info.height !== size) {
      throw new PackageError(`icons.${kind}: ${name} is ${info.width}×${info.height}; Teams needs ${size}×${size}`);
    }
    if (kind === 'outline' && !info.hasAlpha) throw new PackageError(`icons.outline: ${name} must be white on a transparent background; it has no transparency`);
    files[kind] = png;
  }
  if (names.color === names.outline) throw new PackageError('icons.color and icons.outline must be different files');
  return { ...files, names };
}

// ---------------------------------------------------------------- the package

export interface BuildResult {
  outFile: string;
  manifest: Record<string, unknown>;
  /** The language tags of the translations packaged with the manifest (ko-kr). */
  languages: string[];
  /** Things an operator should fix before uploading outside a test tenant (e.g. the example.com developer URLs). */
  warnings: string[];
}

/**
 * Renders, validates and zips the app package. Throws a PackageError (listing every schema error) if anything is wrong,
 * and when the manifest's version is not the project's (`projectVersion`, package.json's by default; see appVersion.ts).
 */
export async function buildAppPackage(options: { values: PackageValues; outFile?: string; appPackageDir?: string; projectVersion?: string }): Promise<BuildResult> {
  const dir = options.appPackageDir ?? APP_PACKAGE_DIR;
  const outFile = path.resolve(options.outFile ?? path.join(dir, 'build', 'appPackage.zip'));
  const manifest = renderManifest(options.values, dir);
  const errors = await validateManifest(manifest);
  if (errors.length > 0) {
    throw new PackageError(`appPackage/manifest.json does not validate against the Teams manifest schema v${MANIFEST_VERSION}:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }
  const versionProblem = manifestVersionProblem(manifest.version, options.projectVersion ?? projectVersion());
  if (versionProblem) throw new PackageError(versionProblem);
  const localizations = renderLocalizations(manifest, options.values, dir);
  const icons = readIcons(manifest, dir);

  const warnings: string[] = [];
  const developer = (manifest.developer ?? {}) as Record<string, unknown>;
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
    if (typeof developer[key] === 'string' && /^https?:\/\/([\w-]+\.)*example\.(com|org|net)(\/|$)/i.test(developer[key] as string)) {
      warnings.push(`developer.${key} is still the placeholder ${developer[key]}: set your own page (DEVELOPER_* in env/.env.<env> or the environment)`);
    }
  }

  const zip = makeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    ...localizations.map(({ file, localization }) => ({ name: file, data: Buffer.from(`${JSON.stringify(localization, null, 2)}\n`, 'utf8') })),
    { name: icons.names.color, data: icons.color },
    { name: icons.names.outline, data: icons.outline },
  ]);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return { outFile, manifest, languages: localizations.map((l) => l.languageTag), warnings };
}

function projectVersion(): string {
  try {
    return readProjectVersion();
  } catch (err) {
    throw new PackageError((err as Error).message);
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    const { values } = parseCli(argv);
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const packageValues = resolvePackageValues(argv, process.env);
    const botId = packageValues.BOT_ID;
    const result = await buildAppPackage({ values: packageValues, outFile: typeof values.out === 'string' ? values.out : undefined });
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
    const name = result.manifest.name as { short: string };
    const defaultLanguage = (result.manifest.localizationInfo as { defaultLanguageTag?: string } | undefined)?.defaultLanguageTag ?? 'en-us';
    console.log(`Wrote ${path.relative(process.cwd(), result.outFile) || result.outFile}: "${name.short}" ${String(result.manifest.version)}, bot ${botId}, manifest v${MANIFEST_VERSION}, languages ${[defaultLanguage, ...result.languages].join(', ')} (schema-valid).`);
    return 0;
  } catch (err) {
    if (err instanceof PackageError) {
      console.error(`package-app: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
