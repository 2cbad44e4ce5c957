/**
 * Each adapter's errors are the move's StepError, judged by the service that failed: worth trying again
 * (throttled, failed, no answer) or not (a refusal); and in a customer's tenant, no access blocks the move
 * with "no-customer-access" (the blocked card then offers the typed inventory).
 */
import assert from 'node:assert/strict';
import type { OrchestratorDeps } from '../../move/orchestratorDeps';
import { StepError } from '../../move/ports';
import { initialState } from '../../move/state';
import { MoveSteps } from '../../move/steps';
import { CustomerGraphDirectory } from '../../services/graph/customerGraphDirectory';
import { GraphClientFactory } from '../../services/graph/graphClientFactory';
import { GraphError, inCustomerTenant } from '../../services/graph/graphError';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { MissingRefreshTokenError, TokenRequestError, type TokenProvider } from '../../services/identity/tokenProvider';
import { PartnerCenterError } from '../../services/partnerCenter/partnerCenterError';
import { TenantLookupError } from '../../services/tenantLookup';
import { startLocalServer, type LocalServer } from './support/localServer';

const CUSTOMER = 'customer-tenant-id';
const ctx = { correlationId: 'c' };

const graphError = (status: number | null, code: string | null = null) => new GraphError('Graph: read', CUSTOMER, status, code, 'message', '');
const tokenError = (httpStatus: number | null, oauthError: string | null, aadsts: string | null) =>
  new TokenRequestError('graph', CUSTOMER, 'app', httpStatus, oauthError, aadsts, `${aadsts ?? 'no code'}: refused`, '');
const pcError = (httpStatus: number | null, code: string | null) => new PartnerCenterError('Partner Center: checkout', httpStatus, code, 'refused', 'req', 'corr', '');

describe('step errors: each adapter judges its own failures for the move', () => {
  it('Graph: throttled, failed or unanswered calls are retried; refusals are not; nothing blocks by itself', () => {
    for (const status of [null, 408, 429, 500, 502, 503, 504]) assert.equal(graphError(status).retryable, true, `HTTP ${status}`);
    for (const status of [400, 401, 403, 404, 409]) assert.equal(graphError(status).retryable, false, `HTTP ${status}`);
    assert.ok(graphError(403) instanceof StepError);
    assert.equal(graphError(403).blocks, undefined, 'a 403 in the partner tenant is a refusal, not a missing customer access');
  });

  it('in a customer tenant, 401/403 and no token for the tenant (AADSTS) block with no-customer-access; the rest is as it was', () => {
    const forbidden = inCustomerTenant(graphError(403, 'Authorization_RequestDenied'));
    assert.ok(forbidden instanceof GraphError && forbidden.status === 403, 'still the GraphError, with its fields');
    assert.equal(forbidden.retryable, false);
    assert.deepEqual(forbidden.blocks, { code: 'no-customer-access', detail: 'Graph answered 403 Authorization_RequestDenied: message' });
    assert.equal((inCustomerTenant(graphError(401)) as GraphError).blocks?.code, 'no-customer-access');
    for (const code of ['AADSTS700016', 'AADSTS65001', 'AADSTS500011', 'AADSTS50020', 'AADSTS7000112']) {
      const judged = inCustomerTenant(tokenError(400, 'unauthorized_client', code));
      assert.ok(judged instanceof TokenRequestError && judged.aadstsCode === code);
      assert.equal(judged.blocks?.code, 'no-customer-access', code);
      assert.match(judged.blocks?.code === 'no-customer-access' ? judged.blocks.detail : '', new RegExp(code));
    }
    const throttled = graphError(429);
    assert.equal(inCustomerTenant(throttled), throttled);
    const badSecret = tokenError(401, 'invalid_client', 'AADSTS7000215');
    assert.equal(inCustomerTenant(badSecret), badSecret);
    assert.equal(badSecret.retryable, false, 'a wrong secret waits for a person');
    assert.equal(tokenError(503, 'temporarily_unavailable', 'AADSTS90033').retryable, true);
    assert.equal(tokenError(null, null, null).retryable, true, 'no answer from the token service');
    assert.equal(new MissingRefreshTokenError('partner-center', 'partner').retryable, false);
    const other = new Error('unexpected');
    assert.equal(inCustomerTenant(other), other);
  });

  it('Partner Center: throttled, failed, unanswered or an order in progress is retried; other refusals wait for a person', () => {
    assert.deepEqual([pcError(null, null), pcError(429, null), pcError(500, '500'), pcError(503, '503'), pcError(409, '800060')].map((e) => e.retryable),
      [true, true, true, true, true]);
    assert.deepEqual([pcError(403, '13605'), pcError(400, '2002'), pcError(401, '401'), pcError(403, '20002'), pcError(404, '400013')].map((e) => e.retryable),
      [false, false, false, false, false]);
    assert.ok(pcError(403, '13605') instanceof StepError);
  });

  it('tenant lookup: a failing metadata service is retried, input that is not a domain is not', () => {
    assert.equal(new TenantLookupError('service', 'down').retryable, true);
    assert.equal(new TenantLookupError('invalid-input', 'not a domain').retryable, false);
  });

  it('the domain records a StepError as judged, and anything else as an unexpected failure tried again', () => {
    const steps = new MoveSteps({} as OrchestratorDeps, () => undefined);
    const state = { ...initialState('mv-1'), stage: 'inventory' as const };
    const blocks = { code: 'no-customer-access' as const, detail: 'Graph answered 403' };
    assert.deepEqual(steps.describeFailure(state, new StepError('no access', { retryable: false, blocks })),
      { step: 'inventory', error: 'no access', retryable: false, blocks });
    assert.deepEqual(steps.describeFailure(state, pcError(400, '2002')).retryable, false);
    // Duck-typed properties mean nothing any more: only a StepError's judgement counts.
    assert.deepEqual(steps.describeFailure(state, Object.assign(new Error('boom'), { retryable: false, blocks })),
      { step: 'inventory', error: 'boom', retryable: true });
  });

  describe('CustomerGraphDirectory (against a scripted Graph)', () => {
    let server: LocalServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    async function directory(status: number, tokens?: TokenProvider): Promise<CustomerGraphDirectory> {
      server = await startLocalServer(() => ({ status, body: { error: { code: status === 403 ? 'Authorization_RequestDenied' : 'serviceNotAvailable', message: 'no' } } }));
      const graph = new GraphClientFactory({
        baseUrl: `${server.url}/graph/`, appId: 'app-1', http: new OutboundHttp({ sleep: async () => undefined, maxAttempts: 1 }),
        tokens: tokens ?? { getToken: async () => 'token' },
      });
      return new CustomerGraphDirectory({ graph });
    }

    it('blocks on 403 for every read and for the users listing; a 503 stays retryable', async () => {
      const forbidden = await directory(403);
      const noAccess = (error: unknown) => error instanceof GraphError && error.blocks?.code === 'no-customer-access' && !error.retryable;
      await assert.rejects(forbidden.subscribedSkus(CUSTOMER, ctx), noAccess);
      await assert.rejects(forbidden.subscriptions(CUSTOMER, ctx), noAccess);
      await assert.rejects(forbidden.tenantCountry(CUSTOMER, ctx), noAccess);
      await assert.rejects((async () => { for await (const user of forbidden.licensedUsers(CUSTOMER, 'bea13e0c-3828-4daa-a392-28af7ff61a0f', ctx)) void user; })(), noAccess);
      await server!.close();
      const unavailable = await directory(503);
      await assert.rejects(unavailable.subscribedSkus(CUSTOMER, ctx), (error: unknown) => error instanceof GraphError && error.retryable && !error.blocks);
    });

    it('blocks when the identity platform gives no token for the customer tenant', async () => {
      const noConsent = await directory(200, {
        getToken: async (resource, tenantId, mode) => {
          throw new TokenRequestError(resource, tenantId, mode, 400, 'unauthorized_client', 'AADSTS700016', 'AADSTS700016: Application not found in the directory', 'grant consent');
        },
      });
      await assert.rejects(noConsent.subscribedSkus(CUSTOMER, ctx),
        (error: unknown) => error instanceof TokenRequestError && error.blocks?.code === 'no-customer-access' && server!.received.length === 0);
    });
  });
});
