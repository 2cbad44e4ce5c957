import assert from 'node:assert/strict';
import { openFollowUps, followUpsOf } from '../../move/followUps';
import { Harness, users } from './harness';

const DOMAIN = 'fabrikam.onmicrosoft.com';
const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const E3_NO_TEAMS = 'dcf0408c-aaec-446c-afd4-43e3683943ea';
const TEAMS_ENTERPRISE = '7e31c0d9-9551-471d-836f-32ee72be4a01';
const TEAMS1 = '57ff2da0-773e-42df-b2af-ffb7a2317929';

/**
 * Fabrikam over HTTP: Microsoft 365 E3 is not sold, so the plan buys the equivalent pair, and after
 * provisioning every user is moved to it — except those the sandbox makes a person deal with.
 */
describe('a Fabrikam move: equivalent offers and licence reassignment over HTTP', function () {
  this.timeout(90_000);
  const h = new Harness();
  let moveId = '';

  before(() => h.start());
  after(() => h.stop());

  async function fabrikam(): Promise<any> {
    const state = await h.admin('GET', `state?customer=${DOMAIN}`);
    return state.customers[0];
  }

  it('plans E3 (no Teams) + Teams Enterprise for the E3 Fabrikam holds, with its reasoning', async () => {
    moveId = await h.moveToApproval(DOMAIN, { args: 'US csp' });
    const plan = h.app.orchestrator.get(moveId)!.plan!;
    assert.equal(plan.lines.length, 1);
    const [line] = plan.lines;
    assert.equal(line.match, 'equivalent');
    assert.deepEqual(line.offers.map((o) => `${o.productId}:${o.skuId}`), ['CFQ7TTC0LFLX:0021', 'CFQ7TTC0MZJF:0009']);
    assert.equal(line.quantity, 50);
    assert.equal(line.needsReassignment, true);
    assert.match(line.reason, /TEAMS1 from Microsoft Teams Enterprise/);
    const said = h.connector.texts(h.teams.personal(users.megan).id).join('\n');
    assert.match(said, /Microsoft Teams Enterprise/);
  });

  it('after approval buys both offers once, then moves the users, carrying their disabled plans', async () => {
    const state = h.app.orchestrator.get(moveId)!;
    await h.teams.click(users.adele, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash, comment: 'Equivalent pair' });
    await h.sweepUntil(moveId, 'blocked', 20);
    const move = h.app.orchestrator.get(moveId)!;
    assert.equal(move.blocked?.reason.code, 'reassignment-incomplete');

    const world = await fabrikam();
    assert.equal(world.orders.length, 1, 'exactly one order');
    const bought = world.skus.filter((s: any) => [E3_NO_TEAMS, TEAMS_ENTERPRISE].includes(s.skuId));
    assert.deepEqual(bought.map((s: any) => s.enabled).sort(), [50, 50]);

    const holders = world.users.filter((u: any) => u.assignedLicenses.some((l: any) => [SPE_E3, E3_NO_TEAMS].includes(l.skuId)));
    const moved = holders.filter((u: any) => u.assignedLicenses.some((l: any) => l.skuId === E3_NO_TEAMS));
    const stillOld = holders.filter((u: any) => u.assignedLicenses.some((l: any) => l.skuId === SPE_E3));
    assert.equal(moved.length, 43);
    assert.equal(stillOld.length, 3, 'two licensed through the group, one without a usage location');
    for (const user of moved) {
      assert.ok(!user.assignedLicenses.some((l: any) => l.skuId === SPE_E3), 'the old licence is removed in the same change');
      assert.ok(user.assignedLicenses.some((l: any) => l.skuId === TEAMS_ENTERPRISE));
    }
    const teamsOff = moved.filter((u: any) => u.assignedLicenses.find((l: any) => l.skuId === TEAMS_ENTERPRISE).disabledPlans.includes(TEAMS1));
    assert.equal(teamsOff.length, 1, 'the user without Teams keeps Teams switched off');

    const attention = Object.values(move.reassignment.results).filter((r) => r.outcome !== 'moved');
    assert.deepEqual(attention.map((r) => r.outcome).sort(), ['skipped-group', 'skipped-group', 'skipped-usage-location']);
  });

  it('`retry` after the customer sets the usage location moves that user too', async () => {
    const contractor = Object.values(h.app.orchestrator.get(moveId)!.reassignment.results).find((r) => r.outcome === 'skipped-usage-location')!;
    await h.admin('POST', `customers/${DOMAIN}/users/${contractor.userId}/usage-location`, { usageLocation: 'US' });
    await h.teams.say(users.megan, `retry ${DOMAIN}`);
    await h.sweepUntil(moveId, 'blocked', 20);
    const move = h.app.orchestrator.get(moveId)!;
    assert.equal(move.reassignment.pass, 2);
    assert.deepEqual(move.blocked?.reason, { code: 'reassignment-incomplete', users: 2 });
    const user = (await fabrikam()).users.find((u: any) => u.id === contractor.userId);
    assert.ok(user.assignedLicenses.some((l: any) => l.skuId === E3_NO_TEAMS));
  });

  it('an Account admin overrides for the group-licensed users; the move goes on to the source advice', async () => {
    await h.teams.say(users.alex, `override ${DOMAIN} The licensing group is switched to the new offers by the customer's admin.`);
    await h.sweepUntil(moveId, 'watching-sources', 20);
    const move = h.app.orchestrator.get(moveId)!;
    assert.equal(move.advice.length, 1);
    assert.equal(move.advice[0].kind, 'let-expire-or-transfer');
  });

  it('after the override the follow-ups list the two users to move by hand and auto-renew off at the old partner; the card waits on their owners', async () => {
    const move = h.app.orchestrator.get(moveId)!;
    const tasks = followUpsOf(move);
    const byHand = tasks.find((t) => t.kind === 'move-users');
    assert.ok(byHand && byHand.kind === 'move-users', 'a task to move users by hand');
    assert.deepEqual(byHand.users.map((u) => u.outcome), ['skipped-group', 'skipped-group'], 'the two group-licensed users');
    assert.equal(byHand.owner?.name, 'Alex Wilber', 'owned by who overrode');
    const end = move.advice[0].expires!.slice(0, 10);
    assert.ok(byHand.due! < end, `due (${byHand.due}) before the original ends (${end})`);
    const renew = tasks.filter((t) => t.kind === 'auto-renew-off');
    assert.equal(renew.length, 1);
    assert.ok(renew[0].kind === 'auto-renew-off' && renew[0].where === 'old-partner');
    assert.equal(renew[0].owner?.name, 'Adele Vance', 'owned by who approved');
    assert.ok(renew[0].due! < end);
    assert.ok(tasks.some((t) => t.kind === 'confirm-originals-ended' && t.status === 'open'));

    const card = await h.teams.click(users.megan, 'move.refresh', { moveId, version: move.version });
    const shown = JSON.stringify(card.body);
    assert.match(shown, /Move these users by hand to the new licences in Microsoft Entra/);
    assert.match(shown, /Turn auto-renew off for .+ at the old partner/);
    assert.match(shown, /Waiting on Adele Vance or a Billing agent; Alex Wilber or an Admin agent \(follow-ups\)/);
    assert.doesNotMatch(shown, /no one \(the bot watches\)/);

    const ticked = await h.teams.click(users.patti, 'move.followup.done', { moveId, version: move.version, taskId: byHand.id });
    assert.equal(ticked.status, 200);
    const after = h.app.orchestrator.get(moveId)!;
    assert.equal((await h.app.orchestrator.history(moveId)).at(-1)?.type, 'FollowUpDone');
    assert.deepEqual(openFollowUps(after).map((t) => t.kind), ['auto-renew-off', 'confirm-originals-ended']);
  });
});

describe('a Fabrikam reassignment while Graph fails after doing the work', function () {
  this.timeout(90_000);
  const h = new Harness();

  before(() => h.start());
  after(() => h.stop());

  it('moves every user exactly once: repeats of changes already made are recognised, not doubled', async () => {
    const moveId = await h.moveToApproval(DOMAIN, { args: 'US csp' });
    const state = h.app.orchestrator.get(moveId)!;
    // The first two $batch calls change the users, then answer 503: the outcome looks unknown to the bot.
    await h.admin('POST', 'faults', { match: 'POST /**/$batch', status: 503, count: 2, phase: 'after' });
    await h.teams.click(users.adele, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash, comment: 'ok' });
    await h.sweepUntil(moveId, 'blocked', 30);
    const faults = await h.admin('GET', 'faults');
    assert.ok(faults.faults.some((f: any) => f.hits > 0), 'the fault was hit');
    await h.admin('DELETE', 'faults');

    const history = await h.admin('GET', `customers/${DOMAIN}/license-history`);
    const changed = history.users.filter((u: any) => u.changes.length > 0);
    assert.equal(changed.length, 43, 'every reachable user changed');
    for (const user of changed) assert.equal(user.changes.length, 1, `${user.userPrincipalName} changed once`);
    const move = h.app.orchestrator.get(moveId)!;
    assert.equal(Object.values(move.reassignment.results).filter((r) => r.outcome === 'moved').length, 43);
  });
});

/**
 * The record of a reassignment is what Graph did, whatever Graph answers: users changed are recorded as moved
 * (also when Graph answered 500 after making the change), and the cards count from that record.
 */
describe('a Fabrikam reassignment while Graph answers 500, before and after doing the work', function () {
  this.timeout(180_000);
  const h = new Harness();

  before(() => h.start());
  after(() => h.stop());

  /** The users the sandbox's licence history shows changed, by id. */
  async function changedInSandbox(): Promise<Map<string, number>> {
    const history = await h.admin('GET', `customers/${DOMAIN}/license-history`);
    return new Map(history.users.filter((u: any) => u.changes.length > 0).map((u: any) => [u.userId, u.changes.length]));
  }

  it('lists only the 3 users a person must handle, and records as moved exactly the users Graph changed, across a retry', async () => {
    const moveId = await h.moveToApproval(DOMAIN, { args: 'US csp' });
    const state = h.app.orchestrator.get(moveId)!;
    // A quarter of the licence changes fail with 500 before Graph does them, a quarter after; a fifth of the
    // $batch calls answer 500 after running every change in them.
    await h.admin('POST', 'faults', { match: 'POST /graph/v1.0/users/*/assignLicense', status: 500, probability: 0.25 });
    await h.admin('POST', 'faults', { match: 'POST /graph/v1.0/users/*/assignLicense', status: 500, probability: 0.25, phase: 'after' });
    await h.admin('POST', 'faults', { match: 'POST /graph/v1.0/$batch', status: 500, probability: 0.2, phase: 'after' });
    await h.teams.click(users.adele, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash, comment: 'ok' });
    await h.sweepUntil(moveId, 'blocked', 30);

    const faults = await h.admin('GET', 'faults');
    assert.ok(faults.faults.every((f: any) => f.hits > 0), `every fault was hit: ${faults.faults.map((f: any) => f.hits).join(', ')}`);
    let move = h.app.orchestrator.get(moveId)!;
    assert.equal(move.blocked?.reason.code, 'reassignment-incomplete');
    const attention = Object.values(move.reassignment.results).filter((r) => r.outcome !== 'moved');
    assert.deepEqual(attention.map((r) => r.outcome).sort(), ['skipped-group', 'skipped-group', 'skipped-usage-location'],
      `users needing attention: ${attention.map((r) => `${r.userPrincipalName}: ${r.outcome} (${r.detail})`).join('; ')}`);
    let changed = await changedInSandbox();
    const moved = Object.values(move.reassignment.results).filter((r) => r.outcome === 'moved').map((r) => r.userId);
    assert.deepEqual([...moved].sort(), [...changed.keys()].sort(), 'moved on record = changed in Graph');
    assert.equal(changed.size, 43);
    assert.ok([...changed.values()].every((n) => n === 1), 'nobody changed twice');
    assert.equal(move.reassignment.movedTotal, 43);
    const megan = h.teams.personal(users.megan).id;
    assert.match(h.connector.texts(megan).join('\n'), /43 users moved in this pass, 43 in total; 3 users need attention\./);

    // The customer fixes the contractor; `retry` runs another pass, Graph still failing now and then.
    const contractor = attention.find((r) => r.outcome === 'skipped-usage-location')!;
    await h.admin('POST', `customers/${DOMAIN}/users/${contractor.userId}/usage-location`, { usageLocation: 'US' });
    await h.teams.say(users.megan, `retry ${DOMAIN}`);
    await h.sweepUntil(moveId, 'blocked', 20);
    move = h.app.orchestrator.get(moveId)!;
    assert.deepEqual(move.blocked?.reason, { code: 'reassignment-incomplete', users: 2 });
    changed = await changedInSandbox();
    assert.equal(changed.size, 44);
    assert.equal(move.reassignment.movedTotal, changed.size, 'the moves on record over both passes = the users Graph changed');
    assert.match(h.connector.texts(megan).join('\n'), /1 user moved in this pass \(pass 2, after a retry\), 44 in total; 2 users need attention\./);
    await h.admin('DELETE', 'faults');
  });
});
