import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../bot/config';
import { describeTurn } from '../../../bot/turnTelemetry';
import type { TurnContext } from 'botbuilder';
import { NO_APP_TELEMETRY } from '../../../services/telemetry/appTelemetry';
import { connectionStringProblem } from '../../../services/telemetry/connectionString';
import { OutboundOperations, templatePath } from '../../../services/telemetry/outboundOperation';
import { startTelemetry } from '../../../services/telemetry/startTelemetry';
import { PRODUCTION_ENDPOINTS } from './otelTestKit';

const VALID = 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;'
  + 'LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=11111111-1111-4111-8111-111111111111';
const minimal = {
  PARTNER_TENANT_ID: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', AZURE_CLIENT_ID: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', AZURE_CLIENT_SECRET: 'secret',
  MicrosoftAppId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f',
};

describe('telemetry settings and names', () => {
  describe('APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
    it('accepts Application Insights\' connection string, and none at all (telemetry off)', () => {
      assert.equal(connectionStringProblem(VALID, false), null);
      assert.equal(loadConfig({ ...minimal, APPLICATIONINSIGHTS_CONNECTION_STRING: VALID }).APPLICATIONINSIGHTS_CONNECTION_STRING, VALID);
      assert.equal(loadConfig({ ...minimal, APPLICATIONINSIGHTS_CONNECTION_STRING: ' ' }).APPLICATIONINSIGHTS_CONNECTION_STRING, undefined);
    });

    it('refuses a malformed one at startup, naming the setting and the fix, without echoing it', () => {
      for (const [value, says] of [
        ['00000000-0000-4000-8000-000000000000', /"key=value" pairs/],
        ['IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/', /no InstrumentationKey/],
        ['InstrumentationKey=not-a-guid', /InstrumentationKey is not a GUID/],
        ['InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=westeurope', /IngestionEndpoint is not an http\(s\) URL/],
        ['InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=http://ingest.example.com/', /must be https/],
      ] as const) {
        assert.throws(() => loadConfig({ ...minimal, APPLICATIONINSIGHTS_CONNECTION_STRING: value }), (error: Error) => {
          const line = error.message.split('\n').find((l) => l.includes('APPLICATIONINSIGHTS_CONNECTION_STRING'));
          assert.ok(line, error.message);
          assert.match(line, /^- APPLICATIONINSIGHTS_CONNECTION_STRING: /);
          assert.match(line, says);
          assert.match(line, /Application Insights resource .*or leave it empty to turn telemetry off/);
          assert.ok(!line.includes(value), 'the value is not echoed');
          return true;
        });
      }
    });

    it('allows an http endpoint in local mode only', () => {
      const local = 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=http://127.0.0.1:4318/';
      assert.equal(connectionStringProblem(local, true), null);
      assert.match(connectionStringProblem(local, false) ?? '', /https/);
    });
  });

  describe('outbound operation names', () => {
    const production = new OutboundOperations(PRODUCTION_ENDPOINTS);
    const sandbox = new OutboundOperations({
      partnerCenterBaseUrl: 'http://127.0.0.1:3979', graphBaseUrl: 'http://127.0.0.1:3979/graph/', loginBaseUrl: 'http://127.0.0.1:3979/login',
      partnerApiBaseUrl: 'http://127.0.0.1:3979',
    });

    it('names the service by the configured base URLs and the operation by its path template, without ids, names or query', () => {
      assert.deepEqual(production.describe('POST', 'https://api.partnercenter.microsoft.com/v1/customers/2f3a1c5e-9b7d-4e21-8c4f-6a0b1d2e3f40/carts?x=1'), {
        service: 'partner-center', operation: 'POST /v1/customers/:id/carts', url: 'https://api.partnercenter.microsoft.com/v1/customers/:id/carts',
        host: 'api.partnercenter.microsoft.com',
      });
      assert.equal(production.describe('GET', 'https://graph.microsoft.com/v1.0/users/megan%40contoso.com/memberOf?$select=id').operation, 'GET /v1.0/users/:id/memberOf');
      assert.equal(production.describe('POST', 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token').service, 'login');
      assert.equal(production.describe('POST', 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token').operation, 'POST /:id/oauth2/v2.0/token');
      assert.equal(production.describe('GET', "https://api.partner.microsoft.com/v1.0/sales/pricesheets(Market='US',PricesheetView='updatedlicensebased')/$value").operation,
        'GET /v1.0/sales/pricesheets(:key)/$value');
      assert.equal(production.describe('GET', 'https://api.partnercenter.microsoft.com/v1/products/CFQ7TTC0LH18/skus').operation, 'GET /v1/products/:id/skus');
      assert.equal(production.describe('POST', 'https://graph.microsoft.com/v1.0/$batch').operation, 'POST /v1.0/$batch');
      assert.equal(production.describe('GET', 'https://elsewhere.example.com/a/b').service, 'other');
      assert.equal(production.describe('GET', 'not a url').operation, 'GET (invalid url)');
    });

    it('tells the services apart on the sandbox\'s single host by path, and gives the same operations as production', () => {
      assert.deepEqual(sandbox.describe('GET', 'http://127.0.0.1:3979/graph/v1.0/subscribedSkus'), {
        service: 'graph', operation: 'GET /v1.0/subscribedSkus', url: 'http://127.0.0.1:3979/graph/v1.0/subscribedSkus', host: '127.0.0.1',
      });
      assert.equal(sandbox.describe('POST', 'http://127.0.0.1:3979/login/2f3a1c5e-9b7d-4e21-8c4f-6a0b1d2e3f40/oauth2/v2.0/token').service, 'login');
      assert.equal(sandbox.describe('GET', 'http://127.0.0.1:3979/v1/customers').service, 'partner-center');
    });

    it('caps a very long path', () => {
      assert.equal(templatePath(`/${Array.from({ length: 20 }, () => 'a').join('/')}`), `/${Array.from({ length: 12 }, () => 'a').join('/')}/…`);
    });
  });

  describe('turn names', () => {
    const turn = (activity: object) => ({ activity, turnState: new Map() }) as unknown as TurnContext;

    it('names a chat command by its kind and a card click by its verb, never by what was typed', () => {
      assert.deepEqual({ ...describeTurn(turn({ type: 'message', text: '<at>Bot</at> move contoso.com US direct' }), []), requestCorrelationId: undefined },
        { activityType: 'message', name: 'command:move', requestCorrelationId: undefined });
      assert.equal(describeTurn(turn({ type: 'message', text: 'Megan Bowen, please call me' }), []).name, 'command:unknown');
      const click = (verb: string) => turn({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb } } });
      assert.equal(describeTurn(click('move.plan.approve'), ['move.plan.approve']).name, 'verb:move.plan.approve');
      assert.equal(describeTurn(click('megan@contoso.com'), ['move.plan.approve']).name, 'verb:unknown');
      assert.equal(describeTurn(turn({ type: 'invoke', name: 'signin/tokenExchange' }), []).name, 'invoke:signin/tokenExchange');
      assert.equal(describeTurn(turn({ type: 'invoke', name: 'a name with spaces' }), []).name, 'invoke:other');
      assert.deepEqual(describeTurn(turn({ type: 'installationUpdate' }), []).name, null);
      assert.equal(describeTurn(turn({ type: 'somethingNew' }), []).activityType, 'other');
    });
  });

  describe('telemetry off', () => {
    it('is the no-op when no connection string is set: work runs as is, nothing is recorded', async () => {
      const telemetry = await startTelemetry({ endpoints: PRODUCTION_ENDPOINTS });
      assert.equal(telemetry, NO_APP_TELEMETRY);
      assert.equal(telemetry.enabled, false);
      assert.equal(await telemetry.traceTurn({ activityType: 'message', name: null }, async () => 7), 7);
      assert.deepEqual(telemetry.logFields(), {});
      await telemetry.flush();
      await telemetry.shutdown();
    });

    it('imports neither the Azure Monitor distro nor OpenTelemetry on the way from bot/main.ts (only startTelemetry requires them, when set)', () => {
      const root = path.resolve(__dirname, '..', '..', '..');
      const packages = new Map<string, string>();
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        // Static imports only (`import type` is erased); the lazy require in startTelemetry.ts is not one.
        for (const match of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
          const target = match[1];
          if (!target.startsWith('.')) { packages.set(target, path.relative(root, file)); continue; }
          const base = path.resolve(path.dirname(file), target);
          const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
          if (resolved) visit(resolved);
        }
      };
      visit(path.join(root, 'bot', 'main.ts'));
      assert.ok(seen.has(path.join(root, 'services', 'telemetry', 'startTelemetry.ts')), 'the walk reaches startTelemetry');
      assert.ok(seen.size > 50, `the walk covers the bot (${seen.size} files)`);
      const telemetryPackages = [...packages].filter(([name]) => /^@opentelemetry\/|^@azure\/monitor-opentelemetry/.test(name));
      assert.deepEqual(telemetryPackages, []);
    });
  });
});
