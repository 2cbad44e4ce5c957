import assert from 'node:assert/strict';
import { Harness, users } from '../integration/harness';
import { rawRequest } from '../support/edgeClient';
import { mutate, prng } from '../support/activityFuzz';

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1000);

/** The invoke the bot handles (card actions); any other invoke name may get 501 Not Implemented. */
const HANDLED_INVOKES = new Set(['adaptiveCard/action']);

/**
 * 1,000 seeded mutations of the activities Teams sends (commands, card clicks, installs, channel posts):
 * no 500 and no crash; 501 only for invoke names the bot does not handle; no turn fails with an error in the
 * log. A failure names the seed and the index, so `FUZZ_SEED=<seed> FUZZ_COUNT=<n>` replays it.
 */
describe(`a seeded fuzz of ${COUNT} mutated activities (seed ${SEED})`, function () {
  this.timeout(300_000);
  const h = new Harness();
  const errors: string[] = [];
  before(async () => {
    h.log = { info: () => undefined, warn: () => undefined, error: (fields, message) => { errors.push(`${String(message)} ${JSON.stringify(fields).slice(0, 400)}`); } };
    await h.start();
    await h.teams.say(users.megan, 'move contoso.onmicrosoft.com US direct');
  });
  after(() => h.stop());

  it('answers every one without a 500, a crash or a failed turn', async () => {
    const move = h.app.orchestrator.latestMoveFor('contoso.onmicrosoft.com')!;
    const personal = h.teams.personal(users.adele);
    const common = { channelId: 'msteams', serviceUrl: h.connector.url, recipient: { id: '28:bot', name: 'CSP Move Assistant' }, locale: 'en-US', channelData: { tenant: { id: personal.tenantId } } };
    const bases: Array<Record<string, unknown>> = [
      ...['help', 'list', 'status contoso.onmicrosoft.com', 'audit contoso.onmicrosoft.com', 'move fabrikam.onmicrosoft.com US direct', 'retry contoso.onmicrosoft.com', 'cancel woodgrove.onmicrosoft.com']
        .map((text) => ({ ...common, type: 'message', text, from: users.adele, conversation: personal })),
      { ...common, type: 'message', text: '<at>CSP Move Assistant</at> notify here', from: users.alex, conversation: h.teams.channel('19:general@thread.tacv2'), channelData: { tenant: { id: personal.tenantId }, channel: { id: '19:general@thread.tacv2' }, team: { id: 'team-1' } }, entities: [{ type: 'mention', text: '<at>CSP Move Assistant</at>', mentioned: { id: '28:bot' } }] },
      ...['move.refresh', 'move.plan.approve', 'move.cancel', 'move.invitation.email'].map((verb) => ({
        ...common, type: 'invoke', name: 'adaptiveCard/action', from: users.adele, conversation: personal,
        value: { action: { type: 'Action.Execute', verb, data: { moveId: move.moveId, version: move.version, invitationEmailTo: 'admin@contoso.com' } }, trigger: 'manual' },
      })),
      { ...common, type: 'conversationUpdate', from: users.megan, conversation: personal, membersAdded: [{ id: '28:bot' }, { id: users.megan.id }] },
      { ...common, type: 'installationUpdate', action: 'add', from: users.megan, conversation: personal },
      { ...common, type: 'invoke', name: 'signin/verifyState', from: users.megan, conversation: personal, value: { state: '123456' } },
      { ...common, type: 'messageReaction', from: users.megan, conversation: personal, reactionsAdded: [{ type: 'like' }] },
    ];
    const random = prng(SEED);
    const statuses = new Map<number, number>();
    let slowest = 0;
    for (let i = 0; i < COUNT; i += 1) {
      const activity = mutate(bases[Math.floor(random() * bases.length)], random);
      const answer = await rawRequest(`${h.botUrl}/api/messages`, { body: JSON.stringify(activity), headers: { 'content-type': 'application/json' } });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      slowest = Math.max(slowest, answer.ms);
      const where = `seed ${SEED}, activity ${i}: ${JSON.stringify(activity).slice(0, 600)} → ${answer.status} ${answer.text.slice(0, 300)}`;
      assert.ok(answer.status < 500 || (answer.status === 501 && activity.type === 'invoke' && !HANDLED_INVOKES.has(String(activity.name))), where);
      assert.deepEqual(errors, [], where);
    }
    assert.equal((await rawRequest(`${h.botUrl}/healthz`, { method: 'GET' })).status, 200);
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(', ');
    console.log(`      ${COUNT} mutated activities: ${summary}; slowest answer ${slowest.toFixed(0)} ms`);
  });
});
