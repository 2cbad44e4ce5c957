import assert from 'node:assert/strict';
import { Harness, users } from './harness';

/** A restart of the bot keeps every move, its channel thread and its followers. */
describe('restarting the bot in the middle of a move', function () {
  this.timeout(60_000);
  const h = new Harness();
  const general = '19:general@thread.tacv2';

  before(() => h.start());
  after(() => h.stop());

  it('finishes the move with one order after restarts at several points', async () => {
    await h.teams.say(users.alex, '<at>CSP Move Assistant</at> notify here', h.teams.channel(general), { channel: { id: general }, team: { id: 'team-1' } });
    await h.teams.say(users.megan, 'move contoso.onmicrosoft.com US direct');
    const moveId = h.app.orchestrator.latestMoveFor('contoso.onmicrosoft.com')!.moveId;
    assert.equal(h.app.orchestrator.get(moveId)!.stage, 'awaiting-acceptance');

    await h.stopBot();
    await h.startBot();
    assert.equal(h.app.orchestrator.get(moveId)?.stage, 'awaiting-acceptance', 'the waiting move survived the restart');

    await h.admin('POST', 'customers/contoso.onmicrosoft.com/accept');
    await h.sweepUntil(moveId, 'approval');

    await h.stopBot();
    await h.startBot();
    const state = h.app.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'approval');
    const { body } = await h.teams.click(users.adele, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash });
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');

    await h.stopBot();
    await h.startBot();
    await h.sweepUntil(moveId, 'watching-sources');

    const world = await h.admin('GET', 'state');
    assert.equal(world.customers.find((c: any) => c.domain === 'contoso.onmicrosoft.com').orders.length, 1);
    // One thread for the move across all the restarts, and Megan heard the end.
    assert.equal(h.connector.threads.length, 1);
    assert.match(h.connector.texts(h.teams.personal(users.megan).id).join('\n'), /New subscriptions are active/);
  });
});
