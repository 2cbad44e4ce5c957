import assert from 'node:assert/strict';
import type { App } from '../../bot/app';
import type { MoveEvent } from '../../move/events';
import type { Clock } from '../../move/ports';
import { users } from '../integration/harness';
import type { TeamsClient } from '../support/teamsClient';
import { useAzurite } from './azurite';
import { TwoInstanceWorld } from './twoInstanceWorld';

const DOMAIN = 'fabrikam.onmicrosoft.com';
const DAY_MS = 86_400_000;

/** The bots' clock, shared by both instances; the test moves it so back-offs and waits pass at once. */
class SharedClock implements Clock {
  private offsetMs = 0;
  now(): Date { return new Date(Date.now() + this.offsetMs); }
  advance(ms: number): void { this.offsetMs += ms; }
}

/**
 * Two bot instances on one Azure Storage account (Azurite): a move that got blocked while the sweep leader (A)
 * ran it, and that staff unblock through the other instance (B), is reloaded by A's next sweep, which goes on
 * with it — though A's own copy of the move still says "blocked".
 */
describe('a move blocked on the sweep leader and unblocked on the other instance', function () {
  this.timeout(300_000);
  const azurite = useAzurite();
  const clock = new SharedClock();
  const world = new TwoInstanceWorld(azurite, { clock });
  let a: App;
  let b: App;
  let aClient: TeamsClient;
  let bClient: TeamsClient;
  let moveId = '';

  before(async () => {
    await world.start('blocked');
    a = await world.leader();
    b = world.apps.find((app) => app !== a)!;
    [aClient, bClient] = [world.clients[world.apps.indexOf(a)], world.clients[world.apps.indexOf(b)]];
  });

  after(() => world.stop());

  const admin = (method: 'GET' | 'POST' | 'DELETE', route: string, body?: object) => world.admin(method, route, body);

  /** The move's events as stored (what either instance would load). */
  const stored = (): Promise<MoveEvent[]> => b.orchestrator.history(moveId);

  /** A's sweeps, until A's own copy of the move (never reloaded by the test) is at `stage`. */
  async function leaderSweepsUntil(stage: string, tries = 20): Promise<void> {
    for (let i = 0; i < tries; i += 1) {
      await a.orchestrator.sweep();
      if (a.orchestrator.get(moveId)?.stage === stage) return;
      await admin('POST', 'clock', { advanceSeconds: 10 });
      clock.advance(20 * 60_000); // past any back-off of a failed step
    }
    throw new Error(`on the leader, move ${moveId} is at ${a.orchestrator.get(moveId)?.stage}, not ${stage}`);
  }

  async function waitForStored(what: string, check: (events: MoveEvent[]) => boolean): Promise<MoveEvent[]> {
    for (let i = 0; i < 100; i += 1) {
      const events = await stored();
      if (check(events)) return events;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the store never showed ${what}`);
  }

  it('the leader runs a Fabrikam move until some users cannot get the new licence: blocked', async () => {
    await aClient.say(users.megan, `move ${DOMAIN} US csp`);
    moveId = a.orchestrator.latestMoveFor(DOMAIN)!.moveId;
    await admin('POST', `customers/${DOMAIN}/accept`);
    await leaderSweepsUntil('approval');
    const atApproval = a.orchestrator.get(moveId)!;
    const approved = await aClient.click(users.adele, 'move.plan.approve', { moveId, version: atApproval.version, planHash: atApproval.plan!.hash, comment: 'ok' });
    assert.equal(approved.status, 200);
    await leaderSweepsUntil('blocked');
    assert.equal(a.orchestrator.get(moveId)?.blocked?.reason.code, 'reassignment-incomplete');
  });

  it('a retry asked on B fails there for a moment; A\'s sweep picks the move up and runs the pass', async () => {
    const blocked = a.orchestrator.get(moveId)!;
    const contractor = Object.values(blocked.reassignment.results).find((r) => r.outcome === 'skipped-usage-location')!;
    await admin('POST', `customers/${DOMAIN}/users/${contractor.userId}/usage-location`, { usageLocation: 'US' });
    // B's own run of the pass finds Graph unavailable (every attempt of its first call answers 503).
    await admin('POST', 'faults', { match: 'GET /graph/v1.0/subscribedSkus', status: 503, count: 4 });
    const clicked = await bClient.click(users.megan, 'move.reassignment.retry', { moveId, version: blocked.version });
    assert.equal(clicked.status, 200);
    const resumedAt = (await waitForStored('the failed try on B', (events) => {
      const resumed = events.findIndex((e) => e.type === 'ReassignmentResumed');
      return resumed >= 0 && events.slice(resumed).some((e) => e.type === 'StepFailed');
    })).findIndex((e) => e.type === 'ReassignmentResumed');
    assert.equal(a.orchestrator.get(moveId)?.stage, 'blocked', 'A\'s copy still says blocked');
    assert.equal((await b.orchestrator.find(moveId))?.stage, 'reassigning-licenses');

    await leaderSweepsUntil('blocked');
    const after = (await stored()).slice(resumedAt);
    assert.deepEqual(after.filter((e) => e.type === 'ReassignmentFinished').length, 1, 'A ran the pass to its end');
    const move = a.orchestrator.get(moveId)!;
    assert.equal(move.reassignment.pass, 2);
    assert.deepEqual(move.blocked?.reason, { code: 'reassignment-incomplete', users: 2 });
    const history = await admin('GET', `customers/${DOMAIN}/license-history?user=${contractor.userId}`);
    assert.equal(history.users[0].changes.length, 1, 'the contractor got the new licences, in A\'s pass');
  });

  it('an Account admin overrides on B; A\'s sweep picks the move up and reminds before the originals end', async () => {
    // B last saw the move while it was running its own (failed) try: the command reads it afresh from the store.
    assert.equal(b.orchestrator.get(moveId)?.stage, 'reassigning-licenses');
    await bClient.say(users.alex, `override ${DOMAIN} The licensing group is switched to the new offers by the customer's admin.`);
    await waitForStored('the move watching the originals', (events) => events.some((e) => e.type === 'SourceAdviceGiven'));
    assert.equal(a.orchestrator.get(moveId)?.stage, 'blocked', 'A\'s copy still says blocked');

    await a.orchestrator.sweep();
    const watching = a.orchestrator.get(moveId)!;
    assert.equal(watching.stage, 'watching-sources');
    const [original] = watching.advice;
    assert.ok(original?.expires, 'the original E3 subscription has an end date');
    // Ten days before the original subscription ends: inside the 14 days before its end, when A's sweep reminds.
    clock.advance(Date.parse(original.expires) - 10 * DAY_MS - clock.now().getTime());
    await a.orchestrator.sweep();
    const reminders = (await stored()).filter((e) => e.type === 'SourceExpiryReminder');
    assert.deepEqual(reminders.map((e) => e.type === 'SourceExpiryReminder' && e.subscriptionId), [original.subscriptionId]);
    assert.ok(reminders.every((e) => e.correlationId === watching.correlationId), 'the sweep\'s events carry the move\'s correlation id');
  });
});
