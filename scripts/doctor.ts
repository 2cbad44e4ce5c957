/**
 * `npm run doctor`: checks the configured tenant with harmless read-only calls — the settings, Partner Center
 * (App+User and app-only), the Graph permissions, GDAP, the mail sender, the webhook registration, the Teams app
 * package, the price sheet and the store — and prints each problem with its fix. Exit code 0 when all is green, 1
 * when anything is red.
 *
 *   npm run doctor                              production settings, from the environment and .env (as dist/bot/main.js)
 *   npm run doctor -- --env-file prod.env       settings from this file too (it wins over .env; the shell wins over both)
 *   npm run doctor -- --local                   local mode against the running sandbox (as npm start; SANDBOX_URL or :3979)
 *   npm run doctor -- --app-package my.zip      check this app package instead of appPackage/build/*.zip
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withLocalDefaults } from '../bot/localEnv';
import { formatReport } from '../services/doctor/doctorPrinter';
import { runDoctor } from '../services/doctor/doctorRunner';

const USAGE = 'Usage: npm run doctor -- [--local] [--env-file <file>] [--app-package <zip> ...]';

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, allowPositionals: false, strict: true,
      options: { local: { type: 'boolean' }, 'env-file': { type: 'string' }, 'app-package': { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`doctor: ${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // The shell wins, then --env-file, then .env (loadEnvFile never replaces a variable already set).
  const envFile = values['env-file'];
  if (envFile) {
    if (!existsSync(envFile)) {
      console.error(`doctor: --env-file ${envFile}: no such file`);
      return 1;
    }
    process.loadEnvFile(envFile);
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const local = values.local === true;
  const sandboxUrl = env.SANDBOX_URL?.trim() || `http://127.0.0.1:${env.SANDBOX_PORT ?? 3979}`;
  const report = await runDoctor({
    env: local ? withLocalDefaults(env, sandboxUrl) : env,
    mode: local ? 'local' : 'production',
    appPackageFiles: values['app-package']?.map((file) => path.resolve(file)),
  });
  const heading = `CSP Move Assistant doctor — ${local ? `local mode against the sandbox at ${sandboxUrl}` : 'production settings'}`;
  process.stdout.write(formatReport(report.results, heading));
  return report.exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exitCode = 1;
  });
}
