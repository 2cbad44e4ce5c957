/**
 * The Teams app package's manifest: appPackage/manifest.json against the Teams manifest schema v1.23 bundled in
 * @microsoft/app-manifest (offline), its placeholders, its bot, and the commands it lists. The icons and
 * scripts/package-app.ts have their own files (appIcons.test.ts, packageApp.test.ts).
 */
import assert from 'node:assert/strict';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { parseCommand } from '../../dialogs/commandParser';
import {
  MANIFEST_VERSION, PACKAGE_SETTINGS, SCHEMA_URL, loadBundledSchema, readManifestTemplate, validateManifest,
} from '../../scripts/package-app';
import { readProjectVersion } from '../../scripts/appVersion';
import { TEST_APP_ID, TEST_BOT_ID, TEST_DOMAIN, TEST_VALUES } from './packageTestValues';
import { manifestBot, renderedManifest } from './renderedManifest';

/** The bot's chat commands (what `dialogs/commandParser.ts` understands); the manifest may list only these. */
export const BOT_COMMANDS: ReadonlySet<string> = new Set(['help', 'move', 'status', 'list', 'cancel', 'retry', 'audit', 'override', 'notify here']);
/** Commands that only make sense in a team channel, so the personal and group chat command list leaves them out. */
const TEAM_ONLY_COMMANDS: ReadonlySet<string> = new Set(['notify here']);

describe('Teams app package', () => {
  describe('appPackage/manifest.json', () => {
    it('is manifest v1.23 whose ids, bot domain and developer are placeholders the Agents Toolkit fills in', () => {
      const template = readManifestTemplate();
      const raw = JSON.parse(template) as Record<string, unknown>;
      assert.equal(raw.$schema, 'https://developer.microsoft.com/json-schemas/teams/v1.23/MicrosoftTeams.schema.json');
      assert.equal(raw.$schema, SCHEMA_URL);
      assert.equal(raw.manifestVersion, '1.23');
      assert.equal(MANIFEST_VERSION, '1.23');
      assert.equal(raw.version, readProjectVersion(), 'the project\'s version (manifestVersion.test.ts)');
      // No sandbox app id or developer ships: each deployment brings its own (env/.env.<env>).
      assert.equal(raw.id, '${{TEAMS_APP_ID}}');
      assert.deepEqual(raw.developer, {
        name: '${{DEVELOPER_NAME}}', websiteUrl: '${{DEVELOPER_WEBSITE_URL}}',
        privacyUrl: '${{DEVELOPER_PRIVACY_URL}}', termsOfUseUrl: '${{DEVELOPER_TERMS_URL}}',
      });
      assert.ok(!template.includes('Relecloud'), 'not the sandbox partner');
      const placeholders = new Set([...template.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));
      assert.deepEqual([...placeholders].sort(), Object.keys(PACKAGE_SETTINGS).sort());
    });

    it('validates against the bundled v1.23 schema with zero errors once the bot id is in', async () => {
      const schema = loadBundledSchema('1.23');
      const properties = schema.properties as Record<string, { const?: string }>;
      assert.equal(properties.manifestVersion?.const, '1.23', 'the schema read is the v1.23 one');
      const m = renderedManifest();
      assert.deepEqual(await AppManifestUtils.validateAgainstSchema(m as never, schema as never), []);
      assert.deepEqual(await validateManifest(m), []);
    });

    it('is checked for real: broken copies fail the same validation', async () => {
      const broken: Array<[string, (m: Record<string, unknown>) => void]> = [
        ['unknown top-level property', (m) => { m.extra = true; }],
        ['short name over 30', (m) => { (m.name as { short: string }).short = 'x'.repeat(31); }],
        ['bad bot scope', (m) => { manifestBot(m).scopes = ['personal', 'everywhere']; }],
        ['botId not a GUID', (m) => { manifestBot(m).botId = 'not-a-guid'; }],
        ['command title over 32', (m) => { manifestBot(m).commandLists[0]!.commands[0]!.title = 'y'.repeat(33); }],
        ['wrong manifestVersion', (m) => { m.manifestVersion = '1.22'; }],
        ['placeholder left', (m) => { (m.webApplicationInfo as { resource: string }).resource = 'api://botid-${{BOT_ID}}'; }],
      ];
      for (const [what, breakIt] of broken) {
        const m = renderedManifest();
        breakIt(m);
        assert.notDeepEqual(await validateManifest(m), [], what);
      }
    });

    it('puts the app id, the bot id (bots, webApplicationInfo.id, the SSO resource) and the developer in', () => {
      const m = renderedManifest();
      assert.equal(m.id, TEST_APP_ID);
      assert.deepEqual(m.developer, {
        name: TEST_VALUES.DEVELOPER_NAME, websiteUrl: TEST_VALUES.DEVELOPER_WEBSITE_URL,
        privacyUrl: TEST_VALUES.DEVELOPER_PRIVACY_URL, termsOfUseUrl: TEST_VALUES.DEVELOPER_TERMS_URL,
      });
      assert.equal(manifestBot(m).botId, TEST_BOT_ID);
      assert.deepEqual(m.webApplicationInfo, { id: TEST_BOT_ID, resource: `api://botid-${TEST_BOT_ID}` });
      assert.ok(!JSON.stringify(m).includes('${{'));
    });

    it('declares a conversational bot for personal, team and group chat, with files (CSV exports) and without RSC; valid domains: SSO and the bot', () => {
      const m = renderedManifest();
      const b = manifestBot(m);
      assert.equal((m.bots as unknown[]).length, 1);
      assert.deepEqual([...b.scopes].sort(), ['groupChat', 'personal', 'team']);
      // The audit and reassignment exports arrive as files in the person's chat with the bot (FileConsentCard).
      assert.equal(b.supportsFiles, true);
      assert.equal(b.isNotificationOnly, false);
      // token.botframework.com: the sign-in card SSO falls back to; the bot's own host.
      assert.deepEqual(m.validDomains, ['token.botframework.com', TEST_DOMAIN]);
      assert.deepEqual(m.permissions, ['identity', 'messageTeamMembers']);
      assert.equal(m.authorization, undefined);
    });

    it('names and describes the app within the Teams limits', () => {
      const m = renderedManifest();
      const name = m.name as { short: string; full: string };
      const description = m.description as { short: string; full: string };
      assert.equal(name.short, 'CSP Move Assistant');
      assert.ok(name.short.length <= 30 && name.full.length <= 100);
      assert.ok(description.short.length > 0 && description.short.length <= 80);
      assert.ok(description.full.length > 0 && description.full.length <= 4000);
      assert.equal((m.developer as { name: string }).name, TEST_VALUES.DEVELOPER_NAME);
      assert.match(String(m.accentColor), /^#[0-9A-Fa-f]{6}$/);
      assert.deepEqual(m.icons, { color: 'color.png', outline: 'outline.png' });
    });

    it('lists only the bot commands: all of them for team, all but "notify here" for personal and group chat', () => {
      const lists = manifestBot().commandLists;
      const byScope = (scope: string) => {
        const found = lists.filter((l) => l.scopes.includes(scope));
        assert.equal(found.length, 1, `one command list for ${scope}`);
        return found[0]!.commands;
      };
      for (const list of lists) {
        const titles = list.commands.map((c) => c.title);
        assert.equal(new Set(titles).size, titles.length, `no duplicate titles in ${list.scopes.join(',')}`);
        for (const command of list.commands) {
          assert.ok(BOT_COMMANDS.has(command.title), `"${command.title}" is a bot command`);
          assert.ok(command.title.length <= 32, `"${command.title}" fits 32 characters`);
          assert.ok(command.description.length > 0 && command.description.length <= 4000);
        }
      }
      assert.deepEqual(new Set(byScope('team').map((c) => c.title)), BOT_COMMANDS);
      assert.deepEqual(
        new Set(byScope('personal').map((c) => c.title)),
        new Set([...BOT_COMMANDS].filter((c) => !TEAM_ONLY_COMMANDS.has(c))),
      );
      // bot/commandRouter.ts routes a group chat's messages as a personal chat's (an @mention, then the command);
      // only `notify here` refuses outside a team channel.
      assert.deepEqual(byScope('groupChat'), byScope('personal'));
      for (const scope of manifestBot().scopes) byScope(scope);
    });

    it('lists commands the bot actually understands', () => {
      for (const command of BOT_COMMANDS) {
        const parsed = parseCommand(command);
        assert.notEqual(parsed.kind, 'unknown', `the bot parses "${command}"`);
        assert.equal(parsed.kind, command.replace(' ', '-'));
      }
    });
  });
});
