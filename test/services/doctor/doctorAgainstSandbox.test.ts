/**
 * `npm run doctor` against a sandbox started in-process, in local mode with `npm start`'s settings: all green, and
 * red with the right fix once an API permission is withdrawn (`/_sandbox/permissions`). It only ever reads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withLocalDefaults } from '../../../bot/localEnv';
import { startSandbox, type SandboxHandleWithWorld } from '../../../sandbox/server';
import { runDoctor, type DoctorReport } from '../../../services/doctor/doctorRunner';
import type { CheckResult } from '../../../services/doctor/doctorTypes';
import { sandboxClient } from '../support/sandboxAdmin';

const CHECK_NAMES = [
  'settings', 'partner center app+user', 'partner center app-only', 'graph staff roles', 'customer access (gdap)', 'mail sender',
  'partner center webhooks', 'teams app package', 'price sheet', 'storage',
];

describe('doctor: against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: SandboxHandleWithWorld;
  let dataDir: string;
  const sb = sandboxClient(() => sandbox.url);
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'doctor-'));
  });
  after(async () => {
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => sb.reset());

  const env = (extra: NodeJS.ProcessEnv = {}) => withLocalDefaults({ DATA_DIR: dataDir, ...extra }, sandbox.url);
  const doctor = (extra: NodeJS.ProcessEnv = {}): Promise<DoctorReport> => runDoctor({ env: env(extra), mode: 'local', appPackageFiles: [] });
  const check = (report: DoctorReport, name: string): CheckResult => {
    const found = report.results.find((r) => r.name === name);
    assert.ok(found, `no check named ${name}`);
    return found;
  };
  const withdraw = (...names: string[]) => sb.admin('POST', '/permissions', { withdraw: names });

  it('is all green with npm start\'s settings (exit code 0), every check in order', async () => {
    const report = await doctor();
    assert.deepEqual(report.results.map((r) => r.name), CHECK_NAMES);
    assert.deepEqual(report.results.filter((r) => r.status === 'problem'), []);
    assert.equal(report.exitCode, 0);
    assert.deepEqual(report.results.filter((r) => r.status === 'skipped').map((r) => r.name), ['partner center webhooks', 'teams app package']);
    assert.match(check(report, 'partner center app+user').detail, /GET \/v1\/profiles\/organization: Relecloud/);
    assert.match(check(report, 'graph staff roles').detail, /"AdminAgents" found .*pcsync@relecloud\.onmicrosoft\.com: AdminAgents/);
    assert.match(check(report, 'mail sender').detail, /Mail\.Send granted/);
    assert.match(check(report, 'price sheet').detail, /^\d+ licence-based prices for US/);
  });

  it('only reads: apart from token requests, the sandbox saw GETs only, and nothing in the world changed', async () => {
    // The world as the admin API shows it, without its clock (which moves on by itself).
    const world = async () => ({ ...(await sb.state()), clock: undefined });
    const before = await world();
    await sb.admin('DELETE', '/requests');
    await doctor({ PARTNER_CENTER_WEBHOOKS: 'on' });
    const { requests } = await sb.admin('GET', '/requests') as { requests: Array<{ area: string; method: string; path: string }> };
    const calls = requests.filter((r) => r.area !== 'login');
    assert.ok(calls.length >= 8, `the doctor made its calls (${calls.length})`);
    assert.deepEqual(calls.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`), []);
    assert.ok(requests.filter((r) => r.area === 'login').every((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token')));
    assert.deepEqual(await world(), before);
  });

  it('withdrawn GroupMember.Read.All: the roles check is red and its fix names the permission and where to grant it', async () => {
    await withdraw('GroupMember.Read.All');
    const report = await doctor();
    const roles = check(report, 'graph staff roles');
    assert.equal(roles.status, 'problem');
    assert.match(roles.detail, /HTTP 403 Authorization_RequestDenied/);
    assert.match(roles.fix!, /Entra admin center → App registrations → .* API permissions → .*Application permissions, add GroupMember\.Read\.All and RoleManagement\.Read\.Directory, then select "Grant admin consent"/);
    assert.equal(report.exitCode, 1);
    assert.deepEqual(report.results.filter((r) => r.status === 'problem').map((r) => r.name), ['graph staff roles']);
  });

  it('withdrawn Partner Center App+User consent: that check is red (AADSTS65001) and names user_impersonation; app-only stays green', async () => {
    await withdraw('partner-center/user_impersonation');
    const report = await doctor();
    const appUser = check(report, 'partner center app+user');
    assert.equal(appUser.status, 'problem');
    assert.match(appUser.detail, /invalid_grant: AADSTS65001/);
    assert.doesNotMatch(appUser.detail, /Trace ID/);
    assert.match(appUser.fix!, /Microsoft Partner Center \(fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd\) → Delegated permissions, add user_impersonation/);
    assert.match(appUser.fix!, /PARTNER_CENTER_REFRESH_TOKEN/);
    assert.equal(check(report, 'partner center app-only').status, 'ok');
    assert.equal(report.exitCode, 1);
  });

  it('withdrawn GDAP, Mail.Send and Partner API permissions: each check is red with its own fix', async () => {
    await withdraw('DelegatedAdminRelationship.ReadWrite.All', 'Mail.Send', 'partner-api/user_impersonation');
    const report = await doctor();
    const gdap = check(report, 'customer access (gdap)');
    assert.equal(gdap.status, 'problem');
    assert.match(gdap.fix!, /Delegated permissions, add DelegatedAdminRelationship\.ReadWrite\.All/);
    const mail = check(report, 'mail sender');
    assert.equal(mail.status, 'problem');
    assert.match(mail.detail, /does not carry Mail\.Send/);
    assert.match(mail.fix!, /Application permissions, add Mail\.Send/);
    const prices = check(report, 'price sheet');
    assert.equal(prices.status, 'problem');
    assert.match(prices.fix!, /Microsoft Partner \(4990cffe-04e8-4e8b-808a-1175604b879f\) → Delegated permissions, add user_impersonation/);
    assert.equal(check(report, 'graph staff roles').status, 'ok');
  });

  it('User.Read.All withdrawn: the mailbox is not confirmed, which is no problem (the bot never reads users)', async () => {
    await withdraw('User.Read.All');
    const mail = check(await doctor(), 'mail sender');
    assert.equal(mail.status, 'ok');
    assert.match(mail.detail, /not confirmed \(reading users needs User\.Read\.All/);
  });

  it('webhooks on: red without a registration or with another URL, green once the bot\'s URL is registered', async () => {
    const webhooksOn = { PARTNER_CENTER_WEBHOOKS: 'on', BOT_DOMAIN: 'bot.contoso.example' };
    const missing = check(await doctor(webhooksOn), 'partner center webhooks');
    assert.equal(missing.status, 'problem');
    assert.match(missing.fix!, /POST https:\/\/api\.partnercenter\.microsoft\.com\/webhooks\/v1\/registration \{"WebhookUrl": "https:\/\/bot\.contoso\.example\/api\/partnercenter\/events"/);

    const token = await sb.token({ audience: 'partner-center' });
    const events = ['reseller-relationship-accepted-by-customer', 'granular-admin-relationship-approved'];
    await sb.raw('POST', '/webhooks/v1/registration', { token, json: { WebhookUrl: 'https://old-host.example/api/partnercenter/events', WebhookEvents: events } });
    const elsewhere = check(await doctor(webhooksOn), 'partner center webhooks');
    assert.equal(elsewhere.status, 'problem');
    assert.match(elsewhere.detail, /registered for https:\/\/old-host\.example\/api\/partnercenter\/events, but the bot receives events at https:\/\/bot\.contoso\.example/);
    assert.match(elsewhere.fix!, /^Register the bot's endpoint with Partner Center as an Admin agent: PUT/);

    await sb.raw('PUT', '/webhooks/v1/registration', { token, json: { webhookUrl: 'https://BOT.contoso.example/api/partnercenter/events/', webhookEvents: events.slice(0, 1) } });
    const fewerEvents = check(await doctor(webhooksOn), 'partner center webhooks');
    assert.match(fewerEvents.detail, /without the event granular-admin-relationship-approved/);

    await sb.raw('PUT', '/webhooks/v1/registration', { token, json: { webhookUrl: 'https://bot.contoso.example/api/partnercenter/events', webhookEvents: events } });
    const registered = check(await doctor(webhooksOn), 'partner center webhooks');
    assert.deepEqual([registered.status, registered.detail], ['ok', 'registered for https://bot.contoso.example/api/partnercenter/events with the events the bot reacts to']);
  });

  it('settings that do not parse: the bot\'s own problem lines are the fix, and the checks that need them are skipped', async () => {
    const report = await runDoctor({ env: { DATA_DIR: dataDir }, mode: 'production', appPackageFiles: [] });
    const settings = check(report, 'settings');
    assert.equal(settings.status, 'problem');
    assert.match(settings.fix!, /^PARTNER_TENANT_ID: required; set your partner \(CSP\) tenant id/m);
    assert.match(settings.fix!, /^AZURE_CLIENT_ID: required/m);
    assert.deepEqual(report.results.filter((r) => r.status === 'problem').map((r) => r.name), ['settings']);
    assert.ok(report.results.filter((r) => r.name !== 'settings' && r.name !== 'teams app package').every((r) => r.status === 'skipped'));
    assert.equal(report.exitCode, 1);
  });

  it('a DATA_DIR the bot cannot use is a storage problem naming DATA_DIR', async () => {
    const notAFolder = path.join(dataDir, 'a-file');
    writeFileSync(notAFolder, 'x');
    const storage = check(await doctor({ DATA_DIR: notAFolder }), 'storage');
    assert.equal(storage.status, 'problem');
    assert.match(storage.detail, /the move store did not answer a read/);
    assert.match(storage.fix!, /^Check DATA_DIR/);
  });
});
