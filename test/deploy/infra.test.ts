/**
 * Deployment as code: infra/ (Bicep), checked structurally.
 *
 * The Bicep CLI cannot be installed in this workplace and no npm package compiles Bicep offline (`bicep-node`
 * downloads the CLI binary at run time), so the Bicep files are read by test/deploy/bicep.ts: every module wired
 * with exactly its parameters, every param used, the outputs, the API versions against the list confirmed in the
 * resource references (docs/DEPLOYMENT.md, "API versions"), the app settings against the names bot/config.ts reads
 * — and, with sample values, through the bot's own configuration check — and no secret inline. The Agents Toolkit
 * project and the App Service staging script have their own files (agentsToolkit.test.ts, stageAppService.test.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../bot/config';
import { BOT_IDENTITY_SETTING_NAMES } from '../../bot/botIdentitySettings';
import { countUses, objectLiterals, stripComments, type BicepFile } from './bicep';
import { ROOT, file, mainBicepTree, read } from './deployFiles';

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

const tree = mainBicepTree();
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
});

function readBicepParam(): string {
  return stripComments(read('infra', 'main.bicepparam'));
}
