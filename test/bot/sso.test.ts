import assert from 'node:assert/strict';
import { SsoGate } from '../../bot/ssoGate';
import type { CallContext } from '../../move/ports';
import { TestBot } from './buildTestBot';
import { STAFF } from './fakes';

/** Teams single sign-on on card actions (Universal Actions): loginRequest, then the click again with the token. */
describe('Teams single sign-on for starting a move', () => {
  const signInResource = async () => ({
    signInLink: 'https://token.botframework.com/api/oauth/signin?signin=abc',
    tokenExchangeResource: { id: 'exchange-1', uri: 'api://botid-11111111-2222-3333-4444-555555555555', providerId: 'aad' },
  });

  function botWithSso() {
    const t = new TestBot({ sso: new SsoGate('TeamsSSO', signInResource) });
    const seen: Array<string | undefined> = [];
    const realLink = t.partnerCenter.resellerInvitationLink.bind(t.partnerCenter);
    t.partnerCenter.resellerInvitationLink = async (ctx: CallContext) => { seen.push(ctx.userAssertion); return realLink(ctx); };
    return { t, seen };
  }

  it('answers a click without a token with a 401 loginRequest carrying the token exchange resource, and starts nothing', async () => {
    const { t } = botWithSso();
    const { invoke } = await t.click(STAFF.megan, 'move.start', t.startForm());
    assert.equal(invoke?.status, 401);
    const body = invoke?.body as { statusCode: number; type: string; value: Record<string, any> };
    assert.equal(body.type, 'application/vnd.microsoft.activity.loginRequest');
    assert.equal(body.value.connectionName, 'TeamsSSO');
    assert.equal(body.value.tokenExchangeResource.id, 'exchange-1');
    assert.equal(body.value.buttons[0].type, 'signin');
    assert.equal(t.store.count(), 0);
  });

  it('starts the move when Teams sends the click again with the SSO token, and asks for the invitation as the staff member', async () => {
    const { t, seen } = botWithSso();
    const form = t.startForm();
    const { invoke } = await t.invoke(t.from(STAFF.megan), t.personal(STAFF.megan), {
      action: { type: 'Action.Execute', id: 'btn', verb: 'move.start', data: form }, trigger: 'manual',
      authentication: { id: 'exchange-1', connectionName: 'TeamsSSO', token: 'eyJ.sso-token-of-megan.sig' },
    });
    assert.equal(invoke?.status, 200);
    assert.equal(t.orchestrator.get(form.moveId as string)?.stage, 'awaiting-acceptance');
    assert.deepEqual(seen, ['eyJ.sso-token-of-megan.sig']);
    assert.doesNotMatch(JSON.stringify(t.store.eventsOf(form.moveId as string)), /sso-token/);
  });

  it('does not ask for a sign-in before the form is valid', async () => {
    const { t } = botWithSso();
    const { invoke } = await t.click(STAFF.megan, 'move.start', t.startForm({ country: '' }));
    assert.equal(invoke?.status, 200);
  });

  it('leaves the bot on the refresh token when no OAuth connection is configured', async () => {
    const t = new TestBot();
    const seen: Array<string | undefined> = [];
    const realLink = t.partnerCenter.resellerInvitationLink.bind(t.partnerCenter);
    t.partnerCenter.resellerInvitationLink = async (ctx: CallContext) => { seen.push(ctx.userAssertion); return realLink(ctx); };
    await t.startContoso(STAFF.megan);
    assert.deepEqual(seen, [undefined]);
  });
});
