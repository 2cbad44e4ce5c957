/**
 * The Teams app's version is the project's version: appPackage/manifest.json's `version` must equal package.json's.
 * Teams (and the Teams admin center) caches an app by its version, so a manifest changed under a version Teams has
 * already seen may never reach anyone. The rule: bump `version` in package.json whenever the manifest changes, and
 * give the manifest the same version. scripts/package-app.ts refuses to package a mismatch, and
 * test/appPackage/manifestVersion.test.ts fails on one, so the manifest and the project cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PACKAGE_JSON = path.resolve(__dirname, '..', 'package.json');

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** package.json's `version` (plain major.minor.patch, the form Teams takes); throws a plain Error otherwise. */
export function readProjectVersion(file = PACKAGE_JSON): string {
  const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    throw new Error(`${path.basename(file)} must have a "version" like 1.2.3 (major.minor.patch, as Teams takes it); got ${JSON.stringify(version)}`);
  }
  return version;
}

/** Why the manifest's version will not do, or null when it is the project's. */
export function manifestVersionProblem(manifestVersion: unknown, projectVersion: string): string | null {
  if (manifestVersion === projectVersion) return null;
  return `appPackage/manifest.json says version ${JSON.stringify(manifestVersion)} but package.json says "${projectVersion}". `
    + 'Teams caches an app by its version: bump "version" in package.json whenever the manifest changes, and put the same '
    + 'version in appPackage/manifest.json.';
}
