import assert from 'node:assert/strict';
import { ADATUM_TENANT_ID } from '../../sandbox/world/constants';
import { cardOf, findAction, textOf } from '../support/fakeConnector';
import { Harness, users } from './harness';

/**
 * A whole Contoso move over HTTP: bot + sandbox in process, Teams played by a fake connector. It runs twice:
 * as local mode runs it (anonymous), and with production authentication against the sandbox's Bot Framework
 * stand-in — every request to the bot carries a channel token, every call of the bot's to the connector is
 * checked for a valid token of its own.
 */
for (const authenticated of [false, true]) describe(`a whole customer move over HTTP (${authenticated ? 'Bot Framework authentication on' : 'local mode, anonymous'})`, function () {
  this.timeout(60_000);
  const h = new Harness({ authenticated });
  const general = '19:general@thread.tacv2';

  before(() => h.start());
  after(() => h.stop());

  function threadTextFor(domain: string): string {
    const thread = h.connector.threads.find((t) => t.channelId === general && h.connector.texts(t.conversationId).join('\n').includes(`move of ${domain}`));
    assert.ok(thread, `a thread for ${domain} in the channel`);
    return h.connector.texts(thread.conversationId).join('\n');
  }


  it('makes a channel the notification channel with `notify here`', async () => {
    const conversation = h.teams.channel(general);
    await h.teams.say(users.alex, '<at>CSP Move Assistant</at> notify here', conversation, { channel: { id: general }, team: { id: 'team-1' } });
    assert.match(h.connector.texts(conversation.id).join('\n'), /notification channel/);
  });

  it('refuses Isaiah (no role) and names who can start', async () => {
    await h.teams.say(users.isaiah, 'move contoso.onmicrosoft.com');
    const said = h.connector.texts(h.teams.personal(users.isaiah).id).join('\n');
    assert.match(said, /Only an Account admin, an Admin agent or a Sales agent can start a move/);
  });

  it('refuses Northwind (Canada) before any invitation, naming both regions', async () => {
    await h.teams.say(users.megan, 'move northwind.onmicrosoft.com');
    const form = h.connector.to(h.teams.personal(users.megan).id).at(-1)!;
    const start = findAction(cardOf(form.activity), 'move.start');
    assert.ok(start, 'the start form has a Start button');
    const { status, body } = await h.teams.click(users.megan, 'move.start', {
      ...start.data, domain: 'northwind.onmicrosoft.com', country: 'CA', source: 'microsoft-direct', multiPartner: 'false', requestGdap: 'true',
    });
    assert.equal(status, 200);
    const text = textOf({ attachments: [{ content: body.value }] });
    assert.match(text, /CA \(Canada\) is in the CSP region Canada, and you sell in United States/);
    assert.equal(h.app.orchestrator.latestMoveFor('northwind.onmicrosoft.com'), undefined, 'no move is recorded');
    const state = await h.admin('GET', 'state');
    const northwind = state.customers.find((c: any) => c.domain === 'northwind.onmicrosoft.com');
    assert.equal(northwind.relationship, 'none');
    assert.deepEqual(northwind.gdap, []);
  });

  let moveId = '';

  it('starts the Contoso move for Megan and shows the invitation link', async () => {
    await h.teams.say(users.megan, 'move contoso.onmicrosoft.com');
    const form = h.connector.to(h.teams.personal(users.megan).id).at(-1)!;
    const start = findAction(cardOf(form.activity), 'move.start');
    const { status, body } = await h.teams.click(users.megan, 'move.start', {
      ...start.data, domain: 'contoso.onmicrosoft.com', country: 'US', source: 'microsoft-direct', multiPartner: 'false', requestGdap: 'true',
    });
    assert.equal(status, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(body.value), /invType=ResellerRelationship/);
    moveId = start.data.moveId;
    assert.equal(h.app.orchestrator.get(moveId)?.stage, 'awaiting-acceptance');
    // A second click on the same form starts nothing new.
    const again = await h.teams.click(users.megan, 'move.start', { ...start.data, domain: 'contoso.onmicrosoft.com', country: 'US' });
    assert.equal(again.status, 200);
    assert.equal(h.app.orchestrator.all().filter((m) => m.customerDomain === 'contoso.onmicrosoft.com').length, 1);
  });

  it('opens a thread for the move in the notification channel', () => {
    assert.match(threadTextFor('contoso.onmicrosoft.com'), /Megan Bowen started the move of contoso/);
    // Northwind was refused at its pre-flight checks (another CSP region): Megan's chat said why, the channel heard nothing.
    assert.equal(h.connector.threads.filter((t) => t.channelId === general).length, 1, 'one thread, for Contoso');
  });

  it('reports the acceptance, the inventory and the plan after the customer accepts', async () => {
    await h.admin('POST', 'customers/contoso.onmicrosoft.com/accept');
    await h.sweepUntil(moveId, 'approval');
    const said = h.connector.texts(h.teams.personal(users.megan).id).join('\n');
    assert.match(said, /accepted/i);
    assert.match(said, /SPB/);
    assert.match(said, /EXCHANGESTANDARD/);
    const plan = h.app.orchestrator.get(moveId)!.plan!;
    assert.deepEqual(plan.lines.map((l) => [l.source.skuPartNumber, l.quantity, l.match]).sort(), [['EXCHANGESTANDARD', 10, 'same'], ['SPB', 25, 'same']]);
    assert.ok(plan.excluded.some((e) => e.skuPartNumber === 'FLOW_FREE'));
    // The approved GDAP relationship now gives the partner's AdminAgents group its roles (one assignment).
    assert.match(said, /your AdminAgents group now has the approved roles/);
    const world = await h.admin('GET', 'state?customer=contoso.onmicrosoft.com');
    const adminAgents = world.partner.groups.find((g: any) => g.displayName === 'AdminAgents').id;
    assert.deepEqual(world.customers[0].gdap.flatMap((r: any) => r.accessAssignments.map((a: any) => a.accessContainerId)), [adminAgents]);
  });

  it('does not let Megan (Sales agent) approve, and names who can', async () => {
    const state = h.app.orchestrator.get(moveId)!;
    const { body } = await h.teams.click(users.megan, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash });
    assert.equal(body.type, 'application/vnd.microsoft.activity.message');
    assert.match(body.value, /Only an Account admin or a Billing agent can approve/);
  });

  it('lets Adele (Billing agent) approve; exactly one order with the same products and quantities', async () => {
    const state = h.app.orchestrator.get(moveId)!;
    const data = { moveId, version: state.version, planHash: state.plan!.hash, comment: 'Approved for Contoso' };
    const [first, second] = await Promise.all([
      h.teams.click(users.adele, 'move.plan.approve', data),
      h.teams.click(users.adele, 'move.plan.approve', data),
    ]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    await h.sweepUntil(moveId, 'watching-sources');
    const world = await h.admin('GET', 'state');
    const contoso = world.customers.find((c: any) => c.domain === 'contoso.onmicrosoft.com');
    assert.equal(contoso.orders.length, 1, 'exactly one order');
    const quantities = contoso.subscriptions.map((s: any) => [s.offerName ?? s.friendlyName, s.quantity]).sort();
    assert.equal(quantities.length, 2);
    assert.deepEqual(quantities.map((q: any) => q[1]).sort((a: number, b: number) => a - b), [10, 25]);
  });

  it('ends with the advice to let the originals expire, with their dates', () => {
    const final = h.connector.texts(h.teams.personal(users.megan).id).join('\n');
    assert.match(final, /expire/i);
    assert.match(final, /no refund/i);
    const move = h.app.orchestrator.get(moveId)!;
    assert.ok(move.advice.length >= 2);
    for (const advice of move.advice) {
      assert.ok(advice.expires, 'each original subscription has its date');
      assert.ok(final.includes(advice.expires!.slice(0, 10)) || /\d{4}/.test(final));
    }
  });

  it('posted every step to the move\'s channel thread', () => {
    const said = threadTextFor('contoso.onmicrosoft.com');
    for (const expected of [/accepted/i, /approved/i, /order/i, /expire/i]) assert.match(said, expected);
  });

  it('does not let Alex approve a plan he proposed (four-eyes)', async () => {
    await h.teams.say(users.alex, 'move woodgrove.onmicrosoft.com US csp');
    const move = h.app.orchestrator.latestMoveFor('woodgrove.onmicrosoft.com')!;
    await h.sweepUntil(move.moveId, 'approval');
    const state = h.app.orchestrator.get(move.moveId)!;
    assert.equal(state.invitation, null, 'an existing customer gets no invitation');
    const { body } = await h.teams.click(users.alex, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
    assert.equal(body.type, 'application/vnd.microsoft.activity.message');
    assert.match(body.value, /You proposed this plan/);
  });

  it('refuses a second move for a tenant typed under another name (tenant id, then domain) at the form, recording nothing', async () => {
    await h.teams.say(users.megan, `move ${ADATUM_TENANT_ID} US direct`);
    const first = h.app.orchestrator.latestMoveFor(ADATUM_TENANT_ID)!;
    assert.equal(first.stage, 'awaiting-acceptance');
    const movesBefore = h.app.orchestrator.all().length;
    await h.teams.say(users.megan, 'move adatum.onmicrosoft.com US direct');
    assert.equal(h.app.orchestrator.all().length, movesBefore, 'no second move');
    assert.equal(h.app.orchestrator.latestMoveFor('adatum.onmicrosoft.com'), undefined);
    const said = h.connector.texts(h.teams.personal(users.megan).id).join('\n');
    assert.match(said, /is already being moved: started by Megan Bowen on/);
  });

  if (authenticated) {
    it('made every call to the connector with a valid Bot Framework token of its own', () => {
      assert.deepEqual(h.connector.authFailures, []);
      assert.ok(h.connector.authenticatedCalls >= 10, `${h.connector.authenticatedCalls} authenticated calls`);
    });

    it('refuses the same activity without the channel token (401), and changes nothing', async () => {
      const before = h.app.orchestrator.all().length;
      const response = await fetch(`${h.botUrl}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'move litware.onmicrosoft.com US direct', channelId: 'msteams', serviceUrl: h.connector.url,
          from: users.megan, recipient: { id: '28:bot' }, conversation: h.teams.personal(users.megan), channelData: { tenant: { id: h.teams.personal(users.megan).tenantId } } }),
      });
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { error: 'Unauthorized: no Authorization header.' });
      assert.equal(h.app.orchestrator.all().length, before);
    });
  }
});
