import assert from 'node:assert/strict';
import { TeamsClient } from '../support/teamsClient';
import { Harness, users } from './harness';

const DOMAIN = 'contoso.onmicrosoft.com';
const GENERAL = '19:general@thread.tacv2';

/**
 * Teams cannot be reached while a move goes on: the click answers without waiting for it, the order is
 * placed, and every post waits in the outbox until Teams is back — then arrives, once.
 */
describe('when Teams cannot be reached for the channel and the chats', function () {
  this.timeout(90_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('answers Approve without waiting for Teams, places the one order, and delivers every post once Teams is back', async () => {
    await h.teams.say(users.alex, '<at>CSP Move Assistant</at> notify here', h.teams.channel(GENERAL), { channel: { id: GENERAL }, team: { id: 'team-1' } });
    const moveId = await h.moveToApproval(DOMAIN);
    const state = h.app.orchestrator.get(moveId)!;
    const sentBefore = h.connector.sent.length;

    h.connector.down = true;
    // A client that does not wait for the outbox: what Adele's Teams sees is the click's own answer.
    const adele = new TeamsClient(h.botUrl, h.connector.url);
    const started = performance.now();
    const click = await adele.click(users.adele, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash });
    const answeredMs = performance.now() - started;
    assert.equal(click.status, 200);
    assert.match(JSON.stringify(click.body), /Plan approved by: .{0,80}Adele Vance/);
    // Sweeps without waiting for the outbox: its attempts at the unreachable Teams go on in the background.
    for (let i = 0; i < 20 && h.app.orchestrator.get(moveId)!.stage !== 'watching-sources'; i += 1) {
      await h.app.orchestrator.sweep();
      await h.admin('POST', 'clock', { advanceSeconds: 10 });
    }
    assert.equal(h.app.orchestrator.get(moveId)!.stage, 'watching-sources');
    const world = await h.admin('GET', `state?customer=${DOMAIN}`);
    assert.equal(world.customers[0].orders.length, 1, 'exactly one order');
    assert.equal(h.connector.sent.length, sentBefore, 'nothing reached Teams while it was down');
    assert.ok(h.connector.refused > 0, 'the bot tried');
    const waiting = await h.app.outbox.coveredUpTo(moveId);
    assert.equal(waiting, h.app.orchestrator.get(moveId)!.version, 'every event is turned into posts that wait');

    await h.app.outbox.idle();
    h.connector.down = false;
    h.clock.advance(16 * 60_000); // past the longest back-off
    await h.app.orchestrator.sweep();
    await h.app.outbox.idle();
    const thread = h.connector.threads.find((t) => h.connector.texts(t.conversationId).join('\n').includes(`move of ${DOMAIN}`))!;
    const said = h.connector.texts(thread.conversationId).join('\n');
    for (const expected of [/Adele Vance/, /order/i, /expire/i]) assert.match(said, expected);
    assert.match(h.connector.texts(h.teams.personal(users.megan).id).join('\n'), /Adele Vance/, 'the starter hears it too');

    const posts = h.connector.sent.filter((s) => !s.updated).map((s) => `${s.conversationId} ${JSON.stringify(s.activity)}`);
    assert.equal(new Set(posts).size, posts.length, 'no post arrived twice');
    const countAfter = h.connector.sent.length;
    h.clock.advance(16 * 60_000);
    await h.app.orchestrator.sweep();
    await h.app.outbox.idle();
    assert.equal(h.connector.sent.length, countAfter, 'a later sweep posts nothing again');
    console.log(`      Approve answered in ${answeredMs.toFixed(0)} ms with Teams down`);
  });
});
