/**
 * Deployment as code: the Microsoft 365 Agents Toolkit project (m365agents*.yml, env/, aad.manifest.json, .vscode/),
 * checked structurally: actions of the schema it names, every ${{VAR}} set before it is used, the manifest's
 * placeholders filled, no secret in git, the API permissions README lists, launch configurations whose tasks exist.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { stripComments } from './bicep';
import { file, mainBicepTree, read } from './deployFiles';

describe('Deployment as code', () => {
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
    /** main.bicep, whose outputs arm/deploy writes to the environment. */
    const [main] = mainBicepTree();
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
});
