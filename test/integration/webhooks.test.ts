import assert from 'node:assert/strict';
import { fetchTestCertificate, signedEvent } from '../support/webhookSigning';
import { CONTOSO_TENANT_ID } from '../../sandbox/world/constants';
import { Harness, users } from './harness';

/** The push path: a signed Partner Center event moves a waiting move on without waiting for a sweep. */
describe('Partner Center webhooks over HTTP', function () {
  this.timeout(60_000);
  const h = new Harness();
  h.botEnv = { PARTNER_CENTER_WEBHOOKS: 'on' };
  h.fetchWebhookCertificate = fetchTestCertificate;

  before(() => h.start());
  after(() => h.stop());

  async function post(event: object, tamper = false) {
    const { raw, headers } = signedEvent(event);
    return fetch(`${h.botUrl}/api/partnercenter/events`, { method: 'POST', headers, body: tamper ? raw.toString().replace('customers', 'customerz') : raw });
  }

  it('moves the Contoso move on when the acceptance event arrives, and refuses a forged one', async () => {
    await h.teams.say(users.megan, 'move contoso.onmicrosoft.com US direct');
    const move = h.app.orchestrator.latestMoveFor('contoso.onmicrosoft.com')!;
    assert.equal(move.stage, 'awaiting-acceptance');
    const event = { EventName: 'reseller-relationship-accepted-by-customer', ResourceUri: `https://api.partnercenter.microsoft.com/v1/customers/${CONTOSO_TENANT_ID}` };

    // Before the customer really accepted, the event is not believed: Partner Center is asked first.
    assert.equal((await post(event)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(h.app.orchestrator.get(move.moveId)?.stage, 'awaiting-acceptance');

    assert.equal((await post(event, true)).status, 401);

    await h.admin('POST', 'customers/contoso.onmicrosoft.com/accept');
    assert.equal((await post(event)).status, 200);
    for (let i = 0; i < 50 && h.app.orchestrator.get(move.moveId)?.stage !== 'approval'; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(h.app.orchestrator.get(move.moveId)?.stage, 'approval', 'no sweep was needed');
  });
});
