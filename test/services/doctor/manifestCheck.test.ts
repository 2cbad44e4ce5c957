/** The doctor's app-package check: the packaged manifest against the bundled Teams schema, and its bot id. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { BotConfig } from '../../../bot/config';
import { buildAppPackage, type PackageValues } from '../../../scripts/package-app';
import type { DoctorContext } from '../../../services/doctor/doctorTypes';
import { manifestCheck } from '../../../services/doctor/manifestCheck';

const BOT_ID = '2f1b6b1e-7c3d-4a5e-9f00-1234567890ab';
const VALUES: PackageValues = {
  TEAMS_APP_ID: '7c0e4b9a-3d2f-4e1a-8b6c-5a4d3c2b1a09', BOT_ID, BOT_DOMAIN: 'app-cspmove-abc123.azurewebsites.net',
  DEVELOPER_NAME: 'Contoso Partner Services', DEVELOPER_WEBSITE_URL: 'https://partner.contoso.com/support',
  DEVELOPER_PRIVACY_URL: 'https://partner.contoso.com/privacy', DEVELOPER_TERMS_URL: 'https://partner.contoso.com/terms',
};

function contextWith(files: string[], appId: string | null): DoctorContext {
  const config = { botIdentity: appId ? { appId } : null } as unknown as BotConfig;
  return { appPackageFiles: files, config } as unknown as DoctorContext;
}

describe('doctor: the Teams app package', function () {
  this.timeout(30_000);
  let folder: string;
  let packageFile: string;
  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'doctor-package-'));
    packageFile = (await buildAppPackage({ values: VALUES, outFile: path.join(folder, 'appPackage.dev.zip') })).outFile;
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('is green when the package is schema-valid and made for MicrosoftAppId', async () => {
    const outcome = await manifestCheck.run(contextWith([packageFile], BOT_ID.toUpperCase()));
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.detail, /appPackage\.dev\.zip is schema-valid and its bot id is MicrosoftAppId/);
  });

  it('is red when the package is for another bot, and the fix says how to rebuild it', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const outcome = await manifestCheck.run(contextWith([packageFile], other));
    assert.equal(outcome.status, 'problem');
    assert.match(outcome.detail, new RegExp(`is for bot ${BOT_ID}, but the bot runs as MicrosoftAppId ${other}`));
    assert.match(outcome.fix!, new RegExp(`npm run package:app -- --bot-id ${other}`));
  });

  it('is red for a manifest that breaks the schema, or a file that is no package', async () => {
    const broken = path.join(folder, 'broken.zip');
    writeFileSync(broken, zipSync({ 'manifest.json': strToU8(JSON.stringify({ manifestVersion: '1.23', extra: true })) }));
    const notZip = path.join(folder, 'not.zip');
    writeFileSync(notZip, 'not a zip');
    const outcome = await manifestCheck.run(contextWith([broken, notZip], BOT_ID));
    assert.equal(outcome.status, 'problem');
    assert.match(outcome.detail, /broken\.zip: \d+ schema errors/);
    assert.match(outcome.detail, /not\.zip cannot be read as an app package/);
    assert.match(outcome.fix!, /build the package again: npm run package:app/);
  });

  it('is skipped when no package was built, and compares no bot id without MicrosoftAppId', async () => {
    assert.equal((await manifestCheck.run(contextWith([], BOT_ID))).status, 'skipped');
    const anonymous = await manifestCheck.run(contextWith([packageFile], null));
    assert.equal(anonymous.status, 'ok');
    assert.match(anonymous.detail, /no MicrosoftAppId configured to compare with/);
  });
});
