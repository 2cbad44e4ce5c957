/**
 * Deployment as code: infra/ (Bicep), the Microsoft 365 Agents Toolkit project (m365agents*.yml, env/,
 * aad.manifest.json, .vscode/) and scripts/stage-app-service.ts, checked structurally.
 *
 * The Bicep CLI cannot be installed in this workplace and no npm package compiles Bicep offline (`bicep-node`
 * downloads the CLI binary at run time), so the Bicep files are read by test/deploy/bicep.ts: every module wired
 * with exactly its parameters, every param used, the outputs, the API versions against the list confirmed in the
 * resource references (docs/DEPLOYMENT.md, "API versions"), the app settings against the names bot/config.ts reads
 * — and, with sample values, through the bot's own configuration check — and no secret inline.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import { BOT_IDENTITY_SETTING_NAMES } from '../../bot/botIdentitySettings';
import { StageError, stageAppService } from '../../scripts/stage-app-service';
import { countUses, objectLiterals, readBicepTree, stripComments, type BicepFile } from './bicep';

const ROOT = path.resolve(__dirname, '..', '..');
const file = (...parts: string[]) => path.join(ROOT, ...parts);
const read = (...parts: string[]) => readFileSync(file(...parts), 'utf8');

/**
 * API versions confirmed against published references (Microsoft Learn's template reference pages, or where
 * noted the REST spec as mirrored by Azure Service Operator / Pulumi). A version not listed here fails the test:
 * confirm it first, then add it.
 */
const KNOWN_GOOD_API_VERSIONS: Record<string, readonly string[]> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': ['2023-01-31'],
  'Microsoft.Web/serverfarms': ['2024-11-01'],
  'Microsoft.Web/sites': ['2024-11-01'],
  // Latest GA (stable/2022-09-15/botservice.json); 2023-09-15-preview is the newest but a preview.
  'Microsoft.BotService/botServices': ['2022-09-15'],
  'Microsoft.BotService/botServices/channels': ['2022-09-15'],
  'Microsoft.BotService/botServices/connections': ['2022-09-15'],
  'Microsoft.Storage/storageAccounts': ['2023-05-01'],
  'Microsoft.KeyVault/vaults': ['2023-07-01'],
  'Microsoft.KeyVault/vaults/secrets': ['2023-07-01'],
  'Microsoft.OperationalInsights/workspaces': ['2023-09-01'],
  'Microsoft.Insights/components': ['2020-02-02'],
  // The only current version of diagnostic settings; it carries "preview" in its name.
  'Microsoft.Insights/diagnosticSettings': ['2021-05-01-preview'],
  'Microsoft.Authorization/roleAssignments': ['2022-04-01'],
};

/** Built-in role definition ids (the same in every subscription). */
const ROLES = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
};

/** App settings that are App Service's or Application Insights' own, not the bot's. */
const PLATFORM_SETTINGS = new Set([
  'APPLICATIONINSIGHTS_CONNECTION_STRING', 'ApplicationInsightsAgent_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
]);
/** Bot settings that hold secrets: in App Service they must be Key Vault references. */
const SECRET_SETTINGS = new Set([
  'AZURE_CLIENT_SECRET', 'MicrosoftAppPassword', 'PARTNER_CENTER_REFRESH_TOKEN', 'AZURE_STORAGE_CONNECTION_STRING',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'MicrosoftAppCertificatePassword',
]);
/** What the production bot cannot start without (bot/config.ts, bot/botIdentitySettings.ts) or needs to scale out. */
const REQUIRED_SETTINGS = ['PARTNER_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'MicrosoftAppId', 'MicrosoftAppType',
  'MicrosoftAppTenantId', 'STORE', 'AZURE_STORAGE_CONNECTION_STRING', 'HOST'];

/** The setting names bot/config.ts's schema reads (its `shape` is not exported: read from the source). */
function configSettingNames(): Set<string> {
  const source = read('bot', 'config.ts');
  const start = source.indexOf('const shape = {');
  const end = source.indexOf('\n};', start);
  assert.ok(start > 0 && end > start, 'bot/config.ts declares `const shape = { … };`');
  const names = new Set([...source.slice(start, end).matchAll(/^ {2}([A-Za-z_][A-Za-z0-9_]*):/gm)].map((m) => m[1]!));
  // The FIX table names every setting once more: the two lists must agree, or the parse went wrong.
  const fixStart = source.indexOf('const FIX: Record<SettingName, string> = {');
  const fixNames = new Set([...source.slice(fixStart, source.indexOf('\n};', fixStart)).matchAll(/^ {2}([A-Za-z_][A-Za-z0-9_]*):/gm)].map((m) => m[1]!));
  assert.deepEqual([...names].sort(), [...fixNames].sort(), 'shape and FIX list the same settings');
  assert.ok(names.size > 40 && names.has('STORE') && names.has('AZURE_STORAGE_CONNECTION_STRING'));
  return names;
}

const tree = readBicepTree(file('infra', 'main.bicep'));
const main = tree[0]!;
const byPath = new Map(tree.slice(1).map((f, i) => [main.modules[i]!.path, f]));
const moduleFile = (relative: string): BicepFile => {
  const found = byPath.get(relative);
  assert.ok(found, `module ${relative}`);
  return found;
};
const resource = (f: BicepFile, type: string) => {
  const found = f.resources.filter((r) => r.type === type && !r.existing);
  assert.ok(found.length > 0, `${path.basename(f.file)} declares ${type}`);
  return found;
};

/** The app settings main.bicep builds: each bot identity branch merged with the bot's and the platform's settings. */
function appSettingVariants(): Array<{ appType: string; settings: Map<string, string> }> {
  const identity = objectLiterals(main.text, 'var botIdentitySettings =');
  assert.equal(identity.length, 2, 'botIdentitySettings: one object per MicrosoftAppType');
  const [bot] = objectLiterals(main.text, 'var botSettings =');
  const [platform] = objectLiterals(main.text, 'var platformSettings =');
  return identity.map((branch) => ({
    appType: branch.get('MicrosoftAppType')!.replace(/'/g, ''),
    settings: new Map([...bot!, ...branch, ...platform!]),
  }));
}

/** A Bicep string literal without interpolation, else null. */
function literal(expression: string): string | null {
  const match = /^'([^'$]*)'$/.exec(expression);
  return match ? match[1]! : null;
}

/** The Key Vault secret names a Bicep expression references (following variables). */
function referencedSecrets(expression: string, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const match of expression.matchAll(/@Microsoft\.KeyVault\(SecretUri=\$\{secretsUri\}([a-z0-9-]+|\$\{\w+\})\/\)/g)) {
    const name = match[1]!;
    if (name.startsWith('${')) {
      const variable = main.vars.get(name.slice(2, -1));
      assert.ok(variable, `variable ${name}`);
      names.push(...[...variable.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]!));
    } else names.push(name);
  }
  for (const identifier of expression.match(/\b[A-Za-z_]\w*\b/g) ?? []) {
    const variable = main.vars.get(identifier);
    if (variable !== undefined && !seen.has(identifier)) {
      seen.add(identifier);
      names.push(...referencedSecrets(variable, seen));
    }
  }
  return names;
}

describe('Deployment as code', () => {
  describe('infra/ (Bicep, read structurally)', () => {
    it('main.bicep wires each module with exactly the parameters it declares, every required one included', () => {
      assert.deepEqual(main.modules.map((m) => m.path).sort(), [
        'modules/appService.bicep', 'modules/botService.bicep', 'modules/keyVault.bicep', 'modules/monitoring.bicep', 'modules/storage.bicep',
      ]);
      for (const module of main.modules) {
        const target = moduleFile(module.path);
        for (const name of module.params.keys()) assert.ok(target.params.has(name), `${module.path}: ${name} is a param`);
        for (const param of target.params.values()) {
          if (param.defaultValue === null) assert.ok(module.params.has(param.name), `${module.path}: required ${param.name} is passed`);
        }
        // A secure module parameter only ever receives a secure parameter (or nothing).
        for (const param of target.params.values()) {
          if (!param.secure || !module.params.has(param.name)) continue;
          const given = module.params.get(param.name)!;
          const identifiers = (given.match(/\b[A-Za-z_]\w*\b/g) ?? []).filter((id) => main.params.has(id));
          assert.ok(identifiers.some((id) => main.params.get(id)!.secure), `${module.path}: ${param.name} comes from a @secure() param`);
        }
      }
    });

    it('uses every param it declares, in every file (and no ${{VAR}}: Bicep would read `${` as interpolation)', () => {
      for (const f of tree) {
        assert.doesNotMatch(readFileSync(f.file, 'utf8'), /\$\{\{/, `${path.relative(ROOT, f.file)}: toolkit placeholders belong in main.parameters.json`);
        for (const param of f.params.values()) {
          assert.ok(countUses(f.code, param.name) >= 2, `${path.relative(ROOT, f.file)}: param ${param.name} is never used`);
        }
        for (const name of f.vars.keys()) {
          assert.ok(countUses(f.code, name) >= 2, `${path.relative(ROOT, f.file)}: var ${name} is never used`);
        }
      }
    });

    it('uses only API versions confirmed in the resource references, and no preview one but diagnostic settings', () => {
      const seen = new Set<string>();
      for (const f of tree) {
        for (const r of f.resources) {
          const known = KNOWN_GOOD_API_VERSIONS[r.type];
          assert.ok(known, `${path.relative(ROOT, f.file)}: ${r.type} has no confirmed API version yet`);
          assert.ok(known.includes(r.apiVersion), `${path.relative(ROOT, f.file)}: ${r.type}@${r.apiVersion} is not one of ${known.join(', ')}`);
          if (r.apiVersion.endsWith('-preview')) assert.equal(r.type, 'Microsoft.Insights/diagnosticSettings');
          seen.add(r.type);
        }
      }
      // The comment at the top of main.bicep lists the same versions.
      for (const type of seen) {
        const header = readFileSync(file('infra', 'main.bicep'), 'utf8').split('targetScope')[0]!;
        assert.ok(header.includes(KNOWN_GOOD_API_VERSIONS[type]![0]!), `main.bicep's header lists ${type}'s version`);
      }
      assert.equal(seen.size, Object.keys(KNOWN_GOOD_API_VERSIONS).length, 'every confirmed type is used (drop the ones that are not)');
    });

    it('outputs the messaging endpoint https://<host>/api/messages, the bot id and the identity\'s client id, in UPPER_SNAKE', () => {
      const out = (name: string) => {
        const found = main.outputs.get(name);
        assert.ok(found, `output ${name}`);
        assert.equal(found.type, 'string');
        return found.value;
      };
      assert.equal(out('MESSAGING_ENDPOINT'), '\'https://${app.outputs.defaultHostName}/api/messages\'');
      assert.equal(out('BOT_ENDPOINT'), '\'https://${app.outputs.defaultHostName}\'');
      assert.equal(out('BOT_DOMAIN'), 'app.outputs.defaultHostName');
      assert.equal(out('BOT_ID'), 'bot.outputs.appId');
      assert.equal(out('IDENTITY_CLIENT_ID'), 'identity.properties.clientId');
      assert.equal(out('AZURE_APP_SERVICE_RESOURCE_ID'), 'app.outputs.siteId');
      out('KEY_VAULT_NAME');
      // The Agents Toolkit writes each output under its upper-cased name: keep them upper-case already.
      for (const name of main.outputs.keys()) assert.match(name, /^[A-Z][A-Z0-9_]*$/);
      // The bot posts to the same endpoint the Azure Bot is given.
      assert.equal(main.modules.find((m) => m.symbol === 'bot')!.params.get('messagingEndpoint'), out('MESSAGING_ENDPOINT'));
      assert.equal(moduleFile('modules/botService.bicep').outputs.get('appId')!.value, 'appId');
    });

    it('sets only app settings the bot reads (names as in bot/config.ts and bot/botIdentitySettings.ts) or the platform\'s own', () => {
      const botNames = new Set([...configSettingNames(), ...BOT_IDENTITY_SETTING_NAMES]);
      for (const { appType, settings } of appSettingVariants()) {
        for (const name of settings.keys()) {
          assert.ok(botNames.has(name) || PLATFORM_SETTINGS.has(name), `${appType}: app setting ${name} is neither read by the bot nor App Service's`);
        }
        for (const name of REQUIRED_SETTINGS) assert.ok(settings.has(name), `${appType}: ${name}`);
        assert.equal(settings.has('MicrosoftAppPassword'), appType === 'SingleTenant');
        assert.equal(literal(settings.get('STORE')!), 'azure', 'scale-out storage');
        assert.equal(literal(settings.get('HOST')!), '0.0.0.0');
        assert.match(literal(settings.get('DATA_DIR')!)!, /^\/home\//, 'DATA_DIR is on App Service\'s persistent, writable /home');
        assert.ok(!settings.has('PORT'), 'App Service sets PORT itself');
      }
      assert.deepEqual(appSettingVariants().map((v) => v.appType).sort(), ['SingleTenant', 'UserAssignedMSI']);
      // extraAppSettings come first, so the settings managed here win.
      assert.match(main.vars.get('allSettings')!, /^union\(extraAppSettings, botSettings, botIdentitySettings, platformSettings\)$/);
    });

    it('sets app settings the bot\'s own production configuration check accepts, for SingleTenant and for UserAssignedMSI', () => {
      const GUIDS = { partner: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', app: '2f1b6b1e-7c3d-4a5e-9f00-1234567890ab', identity: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };
      // A sample for every value that is not a plain literal: a setting added without one fails here.
      const SAMPLES: Record<string, string> = {
        PARTNER_TENANT_ID: GUIDS.partner, PARTNER_COUNTRY: 'US', AZURE_CLIENT_ID: GUIDS.app, AZURE_TENANT_ID: GUIDS.partner,
        AZURE_CLIENT_SECRET: 'client-secret-from-key-vault', PARTNER_CENTER_REFRESH_TOKEN: 'refresh-token-from-key-vault',
        SSO_CONNECTION_NAME: 'TeamsSSO', MAIL_SENDER_MAILBOX: 'moves@partner.example', CUSTOMER_GRAPH_MODE: 'app',
        GDAP_ACCESS_GROUP: 'AdminAgents', PARTNER_CENTER_WEBHOOKS: 'off', LOG_LEVEL: 'info',
        AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=stcspmove;AccountKey=c2FtcGxlLWtleQ==;EndpointSuffix=core.windows.net',
        MicrosoftAppId: GUIDS.app, MicrosoftAppTenantId: GUIDS.partner, MicrosoftAppPassword: 'client-secret-from-key-vault',
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
      };
      for (const { appType, settings } of appSettingVariants()) {
        const env: Record<string, string> = {};
        for (const [name, expression] of settings) {
          const value = literal(expression) ?? (appType === 'UserAssignedMSI' && name === 'MicrosoftAppId' ? GUIDS.identity : SAMPLES[name]);
          assert.ok(value !== undefined, `a sample value for ${name} (${expression})`);
          env[name] = value;
        }
        const config = loadConfig(env, 'production');
        assert.equal(config.STORE, 'azure');
        assert.equal(config.botIdentity?.type, appType);
        assert.equal(config.botIdentity?.credential.kind, appType === 'SingleTenant' ? 'secret' : 'managed-identity');
        assert.equal(config.PARTNER_TENANT_ID, GUIDS.partner);
        assert.equal(config.SSO_CONNECTION_NAME, 'TeamsSSO');
      }
    });

    it('gives secrets to the app only as Key Vault references to secrets the template writes, never outputs a secure value, and has none inline', () => {
      const keyVault = moduleFile('modules/keyVault.bicep');
      const written = new Set(resource(keyVault, 'Microsoft.KeyVault/vaults/secrets').map((r) => literal(/name:\s*(.+)/.exec(r.body)![1]!.trim())));
      assert.deepEqual([...written].sort(), ['azure-client-secret', 'microsoft-app-password', 'partner-center-refresh-token', 'storage-connection-string']);
      for (const { appType, settings } of appSettingVariants()) {
        for (const [name, expression] of settings) {
          const secrets = referencedSecrets(expression);
          if (SECRET_SETTINGS.has(name)) {
            assert.ok(secrets.length > 0, `${appType}: ${name} is a Key Vault reference`);
            for (const secret of secrets) assert.ok(written.has(secret), `${appType}: ${name} → ${secret} is a secret keyVault.bicep writes`);
          } else {
            assert.deepEqual(secrets, [], `${appType}: ${name} is not a secret`);
          }
        }
      }
      // The storage key is read in Azure and written straight to Key Vault: no module parameter or output carries it.
      assert.match(keyVault.text, /AccountKey=\$\{storage\.listKeys\(\)\.keys\[0\]\.value\}/);
      for (const f of tree) {
        for (const output of f.outputs.values()) {
          assert.doesNotMatch(output.value, /listKeys|secret|password|token/i, `${path.relative(ROOT, f.file)}: output ${output.name}`);
          for (const param of f.params.values()) {
            if (param.secure) assert.equal(countUses(output.value, param.name), 0, `${path.relative(ROOT, f.file)}: output ${output.name} shows ${param.name}`);
          }
        }
        for (const param of f.params.values()) {
          if (/(secret|password|token)$/i.test(param.name)) {
            assert.ok(param.secure, `${path.relative(ROOT, f.file)}: ${param.name} is @secure()`);
            assert.ok(param.defaultValue === null || param.defaultValue === '\'\'', `${path.relative(ROOT, f.file)}: ${param.name} has no default value`);
          }
        }
      }
    });

    it('runs App Service on Linux, Node 22, HTTPS only, TLS 1.2, FTPS off, always on, reading Key Vault as the user-assigned identity', () => {
      const app = moduleFile('modules/appService.bicep');
      const [plan] = resource(app, 'Microsoft.Web/serverfarms');
      assert.match(plan!.body, /kind: 'linux'/);
      assert.match(plan!.body, /reserved: true/);
      const [site] = resource(app, 'Microsoft.Web/sites');
      for (const expected of [/httpsOnly: true/, /linuxFxVersion: 'NODE\|22-lts'/, /minTlsVersion: '1\.2'/, /scmMinTlsVersion: '1\.2'/,
        /ftpsState: 'Disabled'/, /alwaysOn: true/, /appCommandLine: 'node dist\/bot\/main\.js'/, /healthCheckPath: '\/healthz'/,
        /type: 'UserAssigned'/, /keyVaultReferenceIdentity: identityResourceId/, /appSettings: appSettings/]) {
        assert.match(site!.body, expected);
      }
      assert.ok(existsSync(file('bot', 'main.ts')), 'the entry App Service starts is the production entry');
      const [diagnostics] = resource(app, 'Microsoft.Insights/diagnosticSettings');
      assert.match(diagnostics!.body, /AppServiceConsoleLogs/, 'the bot\'s JSON log lines (stdout) reach Log Analytics');
      assert.equal(main.modules.find((m) => m.symbol === 'app')!.params.get('identityResourceId'), 'identity.id');
    });

    it('keeps storage on TLS 1.2 and https with no public blobs; shared-key on, as the bot reads a connection string only', () => {
      const storage = moduleFile('modules/storage.bicep');
      const [account] = resource(storage, 'Microsoft.Storage/storageAccounts');
      for (const expected of [/minimumTlsVersion: 'TLS1_2'/, /supportsHttpsTrafficOnly: true/, /allowBlobPublicAccess: false/, /kind: 'StorageV2'/]) {
        assert.match(account!.body, expected);
      }
      // Flip this (and set allowSharedKeyAccess false) the day store/azure connects with a managed identity.
      assert.match(read('store', 'azure', 'connection.ts'), /fromConnectionString/);
      assert.match(account!.body, /allowSharedKeyAccess: true/);
      const roles = resource(storage, 'Microsoft.Authorization/roleAssignments').map((r) => r.body);
      assert.ok(roles.some((r) => r.includes('storageTableDataContributor')) && roles.some((r) => r.includes('storageBlobDataContributor')));
      assert.equal(storage.vars.get('storageTableDataContributor'), `'${ROLES.storageTableDataContributor}'`);
      assert.equal(storage.vars.get('storageBlobDataContributor'), `'${ROLES.storageBlobDataContributor}'`);
    });

    it('uses a Key Vault with RBAC where the identity is Key Vault Secrets User', () => {
      const keyVault = moduleFile('modules/keyVault.bicep');
      const [vault] = resource(keyVault, 'Microsoft.KeyVault/vaults');
      assert.match(vault!.body, /enableRbacAuthorization: true/);
      assert.match(vault!.body, /enableSoftDelete: true/);
      assert.equal(keyVault.vars.get('keyVaultSecretsUser'), `'${ROLES.keyVaultSecretsUser}'`);
      assert.equal(keyVault.vars.get('keyVaultSecretsOfficer'), `'${ROLES.keyVaultSecretsOfficer}'`);
      const assignments = resource(keyVault, 'Microsoft.Authorization/roleAssignments');
      const user = assignments.find((r) => r.body.includes('keyVaultSecretsUser'))!;
      assert.match(user.body, /scope: vault/);
      assert.match(user.body, /principalId: secretsUserPrincipalId/);
      assert.equal(main.modules.find((m) => m.symbol === 'vault')!.params.get('secretsUserPrincipalId'), 'identity.properties.principalId');
    });

    it('registers an Azure Bot (SingleTenant or UserAssignedMSI) with the Microsoft Teams channel, and the SSO connection when asked', () => {
      assert.match(main.params.get('botAppType')!.decorators.join(' '), /@allowed\(\[ 'SingleTenant' 'UserAssignedMSI' \]\)/);
      const botFile = moduleFile('modules/botService.bicep');
      const [bot] = resource(botFile, 'Microsoft.BotService/botServices');
      for (const expected of [/kind: 'azurebot'/, /location: 'global'/, /msaAppType: appType/, /msaAppId: appId/, /msaAppTenantId: appTenantId/,
        /msaAppMSIResourceId: appType == 'UserAssignedMSI' \? identityResourceId : null/, /endpoint: messagingEndpoint/]) {
        assert.match(bot!.body, expected);
      }
      const [teams] = resource(botFile, 'Microsoft.BotService/botServices/channels');
      assert.match(teams!.body, /channelName: 'MsTeamsChannel'/);
      const [sso] = resource(botFile, 'Microsoft.BotService/botServices/connections');
      assert.match(sso!.body, /tokenExchangeUrl/);
      assert.match(sso!.body, /'api:\/\/botid-\$\{appId\}'/);
    });

    it('has parameter files that set only declared params, every required one, and no secret value', () => {
      const required = [...main.params.values()].filter((p) => p.defaultValue === null).map((p) => p.name);
      // The Agents Toolkit's (arm/deploy): every value filled from env/.env.<env>, secrets from SECRET_* only.
      const json = JSON.parse(read('infra', 'main.parameters.json')) as { parameters: Record<string, { value: unknown }> };
      for (const [name, { value }] of Object.entries(json.parameters)) {
        assert.ok(main.params.has(name), `main.parameters.json: ${name} is a param of main.bicep`);
        if (main.params.get(name)!.secure) assert.match(String(value), /^\$\{\{SECRET_[A-Z0-9_]+\}\}$/, `${name} comes from a SECRET_ variable`);
      }
      for (const name of required) assert.ok(name in json.parameters, `main.parameters.json sets ${name}`);
      // The az CLI's: environment variables only.
      const bicepparam = readBicepParam();
      assert.match(bicepparam, /^using '\.\/main\.bicep'$/m);
      const set = new Map([...bicepparam.matchAll(/^param\s+(\w+)\s*=\s*(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
      for (const [name, value] of set) {
        assert.ok(main.params.has(name), `main.bicepparam: ${name} is a param of main.bicep`);
        if (main.params.get(name)!.secure) assert.match(value, /^readEnvironmentVariable\('[A-Z_]+', ''\)$/, `${name} comes from the environment`);
      }
      for (const name of required) assert.ok(set.has(name), `main.bicepparam sets ${name}`);
    });
  });

  describe('Microsoft 365 Agents Toolkit project', () => {
    const projects = [
      { yml: 'm365agents.yml', env: 'dev' },
      { yml: 'm365agents.local.yml', env: 'local' },
      { yml: 'm365agents.playground.yml', env: 'playground' },
    ] as const;
    /** Actions the v1.11 schema (https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json) defines. */
    const ACTIONS = new Set(['aadApp/create', 'aadApp/update', 'arm/deploy', 'azureAppService/zipDeploy', 'azureFunctions/zipDeploy',
      'azureStorage/deploy', 'azureStorage/enableStaticWebsite', 'botAadApp/create', 'botFramework/create', 'cli/runDotnetCommand',
      'cli/runNpmCommand', 'cli/runNpxCommand', 'devTool/install', 'file/createOrUpdateEnvironmentFile', 'file/createOrUpdateJsonFile',
      'script', 'teamsApp/create', 'teamsApp/update', 'teamsApp/validateManifest', 'teamsApp/validateAppPackage', 'teamsApp/zipAppPackage',
      'teamsApp/publishAppPackage', 'teamsApp/extendToM365']);
    /** Set by the toolkit itself. */
    const BUILT_IN = new Set(['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'RESOURCE_SUFFIX', 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID']);
    const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);

    interface Action { lifecycle: string; uses: string; text: string }
    function actions(yml: string): Action[] {
      const found: Action[] = [];
      let lifecycle = '';
      for (const line of read(yml).split('\n')) {
        const top = /^(\w+):/.exec(line);
        if (top) lifecycle = top[1]!;
        const uses = /^\s+- uses:\s*(\S+)/.exec(line);
        if (uses) found.push({ lifecycle, uses: uses[1]!, text: '' });
        if (found.length > 0 && !top) found[found.length - 1]!.text += `${line}\n`;
      }
      return found;
    }
    function envFile(env: string): { keys: Map<string, string>; userSecrets: Set<string>; text: string } {
      const text = read('env', `.env.${env}`);
      const keys = new Map([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
      const userSecrets = new Set([...text.matchAll(/^#.*\b(SECRET_[A-Z0-9_]+)=/gm)].map((m) => m[1]!));
      return { keys, userSecrets, text };
    }
    /** Variables an action writes to the environment. */
    function produced(action: Action): string[] {
      const names: string[] = [];
      const block = /writeToEnvironmentFile:\n((?:\s{6,}\w+:\s*\w+\n)+)/.exec(action.text);
      if (block) names.push(...[...block[1]!.matchAll(/:\s*([A-Z][A-Z0-9_]*)\s*$/gm)].map((m) => m[1]!));
      names.push(...[...action.text.matchAll(/::set-teamsfx-env\s+(\w+)=/g)].map((m) => m[1]!));
      if (action.uses === 'arm/deploy') names.push(...main.outputs.keys());
      return names;
    }
    /** The files an action reads, with their placeholders. */
    function readsFiles(action: Action): string[] {
      return [...action.text.matchAll(/(?:manifestPath|parameters|path):\s*(\.\/\S+)/g)].map((m) => m[1]!);
    }

    it('uses actions of the v1.11 schema, whose files exist, with the arm/deploy of infra/main.bicep', () => {
      for (const { yml } of projects) {
        const text = read(yml);
        assert.match(text, /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.11\/yaml\.schema\.json$/m);
        assert.match(text, /^version: v1\.11$/m);
        assert.match(text, /^environmentFolderPath: \.\/env$/m);
        for (const action of actions(yml)) {
          assert.ok(ACTIONS.has(action.uses), `${yml}: ${action.uses} is an action of the v1.11 schema`);
          for (const f of readsFiles(action)) assert.ok(existsSync(file(f)), `${yml}: ${f} exists`);
        }
      }
      const dev = actions('m365agents.yml');
      const uses = (lifecycle: string) => dev.filter((a) => a.lifecycle === lifecycle).map((a) => a.uses);
      assert.deepEqual(uses('provision'), ['teamsApp/create', 'aadApp/create', 'aadApp/update', 'arm/deploy', 'teamsApp/validateManifest',
        'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update']);
      assert.deepEqual(uses('deploy'), ['cli/runNpmCommand', 'cli/runNpmCommand', 'cli/runNpxCommand', 'azureAppService/zipDeploy']);
      const arm = dev.find((a) => a.uses === 'arm/deploy')!;
      assert.match(arm.text, /path: \.\/infra\/main\.bicep/);
      assert.match(arm.text, /parameters: \.\/infra\/main\.parameters\.json/);
      assert.match(dev.find((a) => a.uses === 'azureAppService/zipDeploy')!.text, /artifactFolder: \.deployment\/app-service/);
      assert.match(dev.find((a) => a.uses === 'cli/runNpxCommand')!.text, /args: tsx scripts\/stage-app-service\.ts/);
      const local = actions('m365agents.local.yml').map((a) => a.uses);
      assert.ok(local.includes('botFramework/create') && local.includes('aadApp/update') && !local.includes('arm/deploy'));
    });

    it('sets every ${{VAR}} before an action (or a file it reads) uses it: in the env file, by the user, or by an earlier action', () => {
      for (const { yml, env } of projects) {
        const { keys, userSecrets } = envFile(env);
        const all = actions(yml);
        const producedAnywhere = new Set(all.flatMap(produced));
        // The local environment's dev tunnel task writes these before provision.
        const defined = new Set<string>(env === 'local' ? ['BOT_ENDPOINT', 'BOT_DOMAIN'] : []);
        for (const action of all) {
          const used = [...placeholders(action.text), ...readsFiles(action).flatMap((f) => placeholders(read(f)))];
          for (const name of used) {
            const ok = BUILT_IN.has(name) || defined.has(name) || userSecrets.has(name) || Boolean(keys.get(name))
              || (keys.has(name) && !producedAnywhere.has(name));
            assert.ok(ok, `${yml} (${action.lifecycle}, ${action.uses}): \${{${name}}} is not set by then (env/.env.${env}, a SECRET_ the user sets, or an earlier action)`);
          }
          for (const name of produced(action)) defined.add(name);
        }
      }
    });

    it('fills every manifest placeholder in the dev and local environments', () => {
      const manifest = placeholders(read('appPackage', 'manifest.json'));
      assert.ok(manifest.includes('TEAMS_APP_ID') && manifest.includes('BOT_ID') && manifest.includes('BOT_DOMAIN'));
      for (const env of ['dev', 'local']) {
        const { keys } = envFile(env);
        for (const name of manifest) assert.ok(keys.has(name), `env/.env.${env} has ${name}`);
      }
    });

    it('keeps secrets out of git: empty-or-absent SECRET_ values in env files, and .gitignore for the .user files and generated configs', () => {
      for (const env of ['dev', 'local', 'playground']) {
        const { keys } = envFile(env);
        for (const [name, value] of keys) {
          if (/SECRET|PASSWORD|TOKEN/.test(name)) assert.equal(value, '', `env/.env.${env}: ${name} has a value`);
        }
      }
      const ignored = read('.gitignore').split('\n').map((l) => l.trim());
      for (const pattern of ['env/.env.*.user', '.localConfigs', '.localConfigs.playground', 'appPackage/build/', '.deployment/']) {
        assert.ok(ignored.includes(pattern), `.gitignore has ${pattern}`);
      }
      // Known secret shapes (an Entra client secret, a JWT, an Entra refresh token, a storage key, a private key).
      const SECRET_SHAPES = [/[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{31,34}/, /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
        /\b[01]\.A[A-Za-z0-9_-]{40,}/, /AccountKey=(?!\$\{)[A-Za-z0-9+/]{20,}/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/];
      const files = [...readdirSync(file('infra')).filter((f) => /\.(bicep|json|bicepparam)$/.test(f)).map((f) => path.join('infra', f)),
        ...readdirSync(file('infra', 'modules')).map((f) => path.join('infra', 'modules', f)),
        'env/.env.dev', 'env/.env.local', 'env/.env.playground', 'm365agents.yml', 'm365agents.local.yml', 'm365agents.playground.yml',
        'aad.manifest.json', '.vscode/launch.json', '.vscode/tasks.json', 'appPackage/manifest.json', 'docs/DEPLOYMENT.md'];
      for (const f of files) {
        const text = read(f);
        for (const shape of SECRET_SHAPES) assert.doesNotMatch(text, shape, `${f} holds something shaped like a secret`);
      }
    });

    it('requests, in aad.manifest.json, the API permissions README lists (and the Microsoft Partner API for price sheets)', () => {
      const aad = JSON.parse(read('aad.manifest.json')) as {
        signInAudience: string; identifierUris: string[]; web: { redirectUris: string[] };
        api: { oauth2PermissionScopes: Array<{ value: string }>; preAuthorizedApplications: Array<{ appId: string }> };
        requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
      };
      assert.equal(aad.signInAudience, 'AzureADMultipleOrgs');
      assert.deepEqual(aad.identifierUris, ['api://botid-${{AAD_APP_CLIENT_ID}}']);
      assert.deepEqual(aad.api.oauth2PermissionScopes.map((s) => s.value), ['access_as_user']);
      assert.deepEqual(aad.api.preAuthorizedApplications.map((a) => a.appId).sort(), ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346']);
      assert.deepEqual(aad.web.redirectUris, ['https://token.botframework.com/.auth/web/redirect']);
      const granted = new Set(aad.requiredResourceAccess.flatMap((r) => r.resourceAccess.map((a) => `${r.resourceAppId}|${a.type}|${a.id}`)));

      // README, Deployment 1: | API | Type | Permission | Used for |
      const readme = read('README.md');
      const table = readme.slice(readme.indexOf('**API permissions**'), readme.indexOf('With `CUSTOMER_GRAPH_MODE=app`'));
      const rows = [...table.matchAll(/^\| (Microsoft [^|]+?) \| (delegated|application) \| ([^|]+?) \|/gm)];
      assert.ok(rows.length >= 7, 'README\'s permission table is read');
      const RESOURCE = { 'Microsoft Graph': 'Microsoft Graph', 'Microsoft Partner Center': 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd' } as Record<string, string>;
      const PARTNER_CENTER_SCOPES: Record<string, string> = { user_impersonation: '1cebfa2a-fb4d-419e-b5f9-839b4383e05a' };
      for (const [, api, type, permissions] of rows) {
        const resourceAppId = RESOURCE[api!.trim()];
        assert.ok(resourceAppId, `a resource app id for ${api}`);
        for (const [, permission] of permissions!.matchAll(/`([^`]+)`/g)) {
          const id = resourceAppId === 'Microsoft Graph' ? permission! : PARTNER_CENTER_SCOPES[permission!]!;
          const key = `${resourceAppId}|${type === 'delegated' ? 'Scope' : 'Role'}|${id}`;
          assert.ok(granted.has(key), `aad.manifest.json requests ${api} ${type} ${permission}`);
        }
      }
      // README, "Prices and buy dates": the delegated Microsoft Partner API permission (user_impersonation).
      assert.match(readme, /delegated "Microsoft Partner" API permission/);
      assert.ok(granted.has('4990cffe-04e8-4e8b-808a-1175604b879f|Scope|eabf9ef3-1f9e-f3da-19a1-bcd60d080567'));
      // Nothing README does not account for.
      assert.equal(granted.size, rows.reduce((n, r) => n + [...r[3]!.matchAll(/`/g)].length / 2, 0) + 1);
    });

    it('has VS Code launch configurations for the Playground and for Teams whose tasks exist', () => {
      const jsonc = (f: string) => JSON.parse(stripComments(read(f))) as Record<string, unknown>;
      const launch = jsonc('.vscode/launch.json') as { configurations: Array<{ name: string; preLaunchTask?: string; program?: string }>; compounds: Array<{ name: string; configurations: string[]; preLaunchTask?: string }> };
      const tasks = (jsonc('.vscode/tasks.json') as { tasks: Array<{ label: string; dependsOn?: string[]; command?: string; args?: { env?: string } }> }).tasks;
      const labels = new Set(tasks.map((t) => t.label));
      const names = new Set(launch.configurations.map((c) => c.name));
      for (const compound of launch.compounds) {
        for (const name of compound.configurations) assert.ok(names.has(name), `${compound.name}: ${name}`);
        if (compound.preLaunchTask) assert.ok(labels.has(compound.preLaunchTask), `${compound.name}: task ${compound.preLaunchTask}`);
      }
      for (const configuration of launch.configurations) {
        if (configuration.preLaunchTask) assert.ok(labels.has(configuration.preLaunchTask), `${configuration.name}: task ${configuration.preLaunchTask}`);
      }
      for (const task of tasks) for (const dependency of task.dependsOn ?? []) assert.ok(labels.has(dependency), `${task.label}: ${dependency}`);
      const compounds = new Set(launch.compounds.map((c) => c.name));
      for (const name of ['Debug in Microsoft 365 Agents Playground', 'Debug in Teams (Edge)', 'Debug in Teams (Chrome)']) assert.ok(compounds.has(name), name);
      // Each toolkit environment the tasks provision or deploy has its yml and env file.
      for (const task of tasks) {
        const env = task.args?.env;
        if (env) {
          assert.ok(existsSync(file('env', `.env.${env}`)), `env/.env.${env}`);
          assert.ok(existsSync(file(env === 'dev' ? 'm365agents.yml' : `m365agents.${env}.yml`)), `m365agents.${env}.yml`);
        }
      }
      // The bot entries the tasks start are the project's: local mode (sandbox + Playground) and the production one.
      const commands = tasks.map((t) => t.command ?? '').join('\n');
      assert.match(commands, /node --env-file=\.localConfigs\.playground --inspect=9239 dist\/bot\/local\.js/);
      assert.match(commands, /node --env-file=\.localConfigs --inspect=9239 dist\/bot\/main\.js/);
      assert.match(read('bot', 'local.ts'), /CSP Move Assistant is running in local mode/, 'the Playground task waits for this line');
      assert.match(read('bot', 'main.ts'), /'bot listening'/, 'the Teams task waits for this line');
    });
  });

  describe('scripts/stage-app-service.ts', () => {
    let tmp: string;
    beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'stage-')); });
    afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

    function fakeProject(name = 'project'): string {
      const project = path.join(tmp, name);
      mkdirSync(path.join(project, 'dist', 'bot'), { recursive: true });
      writeFileSync(path.join(project, 'dist', 'bot', 'main.js'), '// built\n');
      writeFileSync(path.join(project, 'package.json'), '{"name":"x"}\n');
      writeFileSync(path.join(project, 'package-lock.json'), '{}\n');
      mkdirSync(path.join(project, 'bot'));
      writeFileSync(path.join(project, 'bot', 'main.ts'), '// source\n');
      return project;
    }

    it('stages dist/ and the package files, not the sources, in .deployment/app-service', () => {
      const project = fakeProject();
      const out = stageAppService({ projectDir: project, skipInstall: true });
      assert.equal(out, path.join(project, '.deployment', 'app-service'));
      assert.deepEqual(readdirSync(out).sort(), ['dist', 'package-lock.json', 'package.json']);
      assert.equal(readFileSync(path.join(out, 'dist', 'bot', 'main.js'), 'utf8'), '// built\n');
      // Staging again starts from an empty folder.
      writeFileSync(path.join(out, 'stale.txt'), 'x');
      stageAppService({ projectDir: project, skipInstall: true });
      assert.equal(existsSync(path.join(out, 'stale.txt')), false);
    });

    it('refuses to stage without a build, or into the project itself', () => {
      const project = fakeProject();
      rmSync(path.join(project, 'dist'), { recursive: true });
      assert.throws(() => stageAppService({ projectDir: project, skipInstall: true }), (e: unknown) => e instanceof StageError && /npm run build/.test(e.message));
      const built = fakeProject('built');
      for (const outDir of [built, path.join(built, 'bot'), path.join(built, 'dist')]) {
        assert.throws(() => stageAppService({ projectDir: built, outDir, skipInstall: true }), StageError, outDir);
      }
      assert.ok(existsSync(path.join(built, 'bot', 'main.ts')), 'nothing of the project was removed');
    });
  });
});

function readBicepParam(): string {
  return stripComments(read('infra', 'main.bicepparam'));
}
