/**
 * Check 8: the Teams app package as built (appPackage/build/*.zip, by `npm run package:app` or the Agents Toolkit):
 * its manifest validated offline against the Teams schema bundled in @microsoft/app-manifest — the validation
 * scripts/package-app.ts runs before it writes a package — and its bot id compared with MicrosoftAppId.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ok, problem, skipped, type CheckOutcome, type DoctorCheck, type DoctorContext } from './doctorTypes';

type Validator = (manifest: Record<string, unknown>) => Promise<string[]>;

export const manifestCheck: DoctorCheck = {
  name: 'teams app package',
  async run(context) {
    if (context.appPackageFiles.length === 0) {
      return skipped('no app package built (appPackage/build/*.zip): build one with npm run package:app -- --env-file env/.env.dev (or atk provision)');
    }
    let validate: Validator;
    try {
      // The validator and the schema come with a dev dependency; loaded only when a package is there to check.
      validate = (require('../../scripts/package-app') as typeof import('../../scripts/package-app')).validateManifest;
    } catch {
      return skipped('the manifest validator (@microsoft/app-manifest, a dev dependency) is not installed here: run npm install');
    }
    const outcomes = await Promise.all(context.appPackageFiles.map((file) => checkPackage(file, context, validate)));
    const problems = outcomes.filter((o) => o.status === 'problem');
    if (problems.length > 0) {
      return problem(problems.map((p) => p.detail).join('; '), [...new Set(problems.map((p) => p.fix ?? ''))].join(' '));
    }
    return ok(outcomes.map((o) => o.detail).join('; '));
  },
};

async function checkPackage(file: string, context: DoctorContext, validate: Validator): Promise<CheckOutcome> {
  const name = path.relative(process.cwd(), file) || file;
  const rebuild = 'Fix appPackage/manifest.json (or the values it is filled with) and build the package again: npm run package:app -- --env-file env/.env.<env>.';
  let manifest: Record<string, unknown>;
  try {
    const entries = unzipSync(new Uint8Array(await readFile(file)), { filter: (entry) => entry.name === 'manifest.json' });
    const text = entries['manifest.json'];
    if (!text) return problem(`${name} has no manifest.json at its root`, rebuild);
    manifest = JSON.parse(strFromU8(text)) as Record<string, unknown>;
  } catch (error) {
    return problem(`${name} cannot be read as an app package (${error instanceof Error ? error.message : String(error)})`, rebuild);
  }
  const errors = await validate(manifest);
  if (errors.length > 0) {
    return problem(`${name}: ${errors.length} schema error${errors.length === 1 ? '' : 's'} (${errors.slice(0, 3).join('; ')}${errors.length > 3 ? '; …' : ''})`, rebuild);
  }
  const bots = Array.isArray(manifest.bots) ? manifest.bots as Array<{ botId?: unknown }> : [];
  const botId = typeof bots[0]?.botId === 'string' ? bots[0].botId : null;
  const appId = context.config?.botIdentity?.appId ?? null;
  if (!appId) return ok(`${name} is schema-valid (bot ${botId ?? 'none'}; no MicrosoftAppId configured to compare with)`);
  if (!botId || botId.toLowerCase() !== appId.toLowerCase()) {
    return problem(`${name} is for bot ${botId ?? '(none)'}, but the bot runs as MicrosoftAppId ${appId}`,
      `Build the package with BOT_ID=${appId} (npm run package:app -- --bot-id ${appId} …) and upload it again in the Teams admin center, or correct MicrosoftAppId.`);
  }
  return ok(`${name} is schema-valid and its bot id is MicrosoftAppId`);
}
