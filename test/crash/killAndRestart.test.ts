import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { replay } from '../../move/state';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { FileMoveStore } from '../../store/fileMoveStore';
import { FakeConnector, findAction } from '../support/fakeConnector';
import { TeamsClient } from '../support/teamsClient';
import { users } from '../integration/harness';

/**
 * The bot process is killed with SIGKILL at several points of a Contoso move and started again on the
 * same data folder; the move finishes with exactly one order. And at 10 points of a Fabrikam move, 5 of
 * them inside the licence reassignment (while listing the holders, in the middle of a $batch, while reading
 * what a batch did, after Graph did a batch but before the bot heard, at the last user): one order, nobody
 * changed twice, and the move's record lists as moved exactly the users the licence history shows changed.
 * And a Woodgrove move whose two lines have buy dates months apart (its bot's time follows the sandbox's clock):
 * killed while waiting for the dates, in a purchase and between them, it orders each line exactly once.
 */
describe('kill -9 and restart in the middle of a move', function () {
  this.timeout(300_000);
  const botPort = 3998;
  let sandbox: SandboxHandle;
  let connector: FakeConnector;
  let dataDir = '';
  let bot: ChildProcess | null = null;
  const teams = () => new TeamsClient(`http://127.0.0.1:${botPort}`, connector.url);

  before(async function () {
    if (!existsSync(path.resolve('dist', 'bot', 'local.js'))) {
      console.log('    skipped: dist/ is missing; run `npm run test:crash`, which builds first');
      this.skip();
    }
    sandbox = await startSandbox({ port: 0 });
    connector = await new FakeConnector().start();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'csp-move-crash-'));
  });

  after(async () => {
    bot?.kill('SIGKILL');
    await connector?.close();
    await sandbox?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** `buyDaysBeforeEnd`: plans buy at approval unless a test asks for buy dates (the last one does). */
  async function startBot(buyDaysBeforeEnd = 3650): Promise<void> {
    bot = spawn(process.execPath, ['dist/bot/local.js', '--only=bot'], {
      env: {
        ...process.env, SANDBOX_URL: sandbox.url, PORT: String(botPort), DATA_DIR: dataDir, SWEEP_INTERVAL_SECONDS: '1', LOG_LEVEL: 'warn',
        BUY_DAYS_BEFORE_END: String(buyDaysBeforeEnd),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot did not start:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => { output += chunk.toString(); if (/running in local mode/.test(output)) { clearTimeout(timer); resolve(); } };
      bot!.stdout!.on('data', onData);
      bot!.stderr!.on('data', onData);
      bot!.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the bot exited (${code}):\n${output}`)); });
    });
  }

  function killBot(): Promise<void> {
    const child = bot!;
    bot = null;
    return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGKILL'); });
  }

  async function admin(method: string, route: string, body?: object): Promise<any> {
    const response = await fetch(`${sandbox.url}/_sandbox/${route}`, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return response.json();
  }

  async function contoso(): Promise<any> {
    return (await admin('GET', 'state')).customers.find((c: any) => c.domain === 'contoso.onmicrosoft.com');
  }

  /** The move's state as the bot's `status` would tell: read from its event file. */
  async function waitFor(predicate: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await predicate()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  function lastCardAction(conversationId: string, verb: string): any {
    for (const sent of [...connector.to(conversationId)].reverse()) {
      const action = findAction(sent.activity, verb);
      if (action) return action;
    }
    return null;
  }

  it('finishes the Contoso move with one order after kills at the invitation, the approval and the checkout', async () => {
    await startBot();
    const megan = teams().personal(users.megan);
    await teams().say(users.megan, 'move contoso.onmicrosoft.com US direct');
    await killBot();                                       // 1: killed while waiting for the customer

    await startBot();
    await admin('POST', 'customers/contoso.onmicrosoft.com/accept');
    await waitFor(async () => lastCardAction(megan.id, 'move.plan.approve') !== null, 'the plan card');
    const approve = lastCardAction(megan.id, 'move.plan.approve');
    await killBot();                                       // 2: killed while the plan waits for approval

    await startBot();
    // The checkout is done by Partner Center, but its answer comes late: the bot dies before it arrives.
    await admin('POST', 'faults', { match: 'POST /v1/customers/*/carts/*/checkout', delayMs: 4000, phase: 'after', count: 1 });
    void teams().click(users.adele, 'move.plan.approve', approve.data).catch(() => undefined);
    await waitFor(async () => (await contoso()).orders.length > 0, 'the order in Partner Center');
    await killBot();                                       // 3: killed between the checkout and its answer

    await startBot();
    await admin('POST', 'clock', { advanceSeconds: 30 });
    await waitFor(async () => connector.texts(megan.id).join('\n').includes('New subscriptions are active'), 'the final card');
    const customer = await contoso();
    assert.equal(customer.orders.length, 1, 'exactly one order');
    assert.deepEqual(customer.subscriptions.map((s: any) => s.quantity).sort((a: number, b: number) => a - b), [10, 25]);
    await killBot();
  });
  /** The Fabrikam move as its event file says, read while the bot is down. */
  async function fabrikamOnRecord(): Promise<ReturnType<typeof replay> | undefined> {
    const store = new FileMoveStore(path.join(dataDir, 'moves'));
    const moves = await Promise.all((await store.listMoveIds()).map(async (id) => replay(id, await store.load(id))));
    return moves.find((m) => m.customerDomain === 'fabrikam.onmicrosoft.com');
  }

  it('finishes a Fabrikam move after kills at 10 points, 5 of them in the licence reassignment: one order, every user changed once, all on record', async () => {
    const DOMAIN = 'fabrikam.onmicrosoft.com';
    const DELAY_MS = 3000;
    const kills: string[] = [];
    const fabrikamState = async () => (await admin('GET', `state?customer=${DOMAIN}`)).customers[0];
    const changedUsers = async () => (await admin('GET', `customers/${DOMAIN}/license-history`)).users.filter((u: any) => u.changes.length > 0);
    /** Kills the bot, notes the stage its record shows, and lets any delayed request finish in the sandbox before the next start. */
    const kill = async (point: string) => {
      await killBot();
      await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 500));
      const move = await fabrikamOnRecord();
      const record = move?.stage === 'reassigning-licenses'
        ? ` (on record: ${Object.keys(move.reassignment.results).length} users settled, ${move.reassignment.sending.length} sending)` : '';
      kills.push(`${kills.length + 1}. ${point}${record} [${move?.stage ?? 'no move yet'}]`);
    };
    /** A delay of DELAY_MS on the next call that matches (before or after the work); resolves once it is hit. */
    const delayNext = async (match: string, phase: 'before' | 'after') => {
      const fault = await admin('POST', 'faults', { match, delayMs: DELAY_MS, phase, count: 1 });
      return async () => {
        await waitFor(async () => (await admin('GET', 'faults')).faults.some((f: any) => f.id === fault.id && f.hits > 0), `a call matching ${match}`, 90_000);
        await new Promise((resolve) => setTimeout(resolve, 200)); // the work of an `after` fault is done once it is picked; let it land
      };
    };
    // Subscriptions stay pending until the test moves the sandbox clock, so there is a provisioning stage to kill in.
    await admin('POST', 'settings', { provisioningDelaySeconds: 600 });
    const holders = (await fabrikamState()).users.filter((u: any) => u.usageLocation && u.licenseAssignmentStates.some((l: any) => l.assignedByGroup === null));
    assert.equal(holders.length, 43);
    const assign = (user: any) => `POST /graph/v1.0/users/${user.id}/assignLicense`;

    await startBot();
    const megan = teams().personal(users.megan);
    await teams().say(users.megan, `move ${DOMAIN} US csp`);
    await waitFor(async () => (await fabrikamState()).gdap.length > 0, 'the GDAP request');
    await kill('waiting for the customer, GDAP requested');                                           // 1

    let hit = await delayNext('GET /graph/v1.0/subscribedSkus', 'before');
    await startBot();
    await admin('POST', `customers/${DOMAIN}/accept`);
    await hit();
    await kill('reading the inventory after the acceptance');                                         // 2

    await startBot();
    await waitFor(async () => {
      const action = lastCardAction(megan.id, 'move.plan.approve');
      return action !== null && /fabrikam/.test(JSON.stringify(connector.to(megan.id).at(-1)?.activity ?? ''));
    }, 'the Fabrikam plan card');
    const approve = lastCardAction(megan.id, 'move.plan.approve');
    await kill('the plan waiting for approval');                                                     // 3

    hit = await delayNext('POST /v1/customers/*/carts/*/checkout', 'after');
    await startBot();
    void teams().click(users.adele, 'move.plan.approve', approve.data).catch(() => undefined);
    await hit();
    await kill('between the checkout and its answer');                                               // 4

    await startBot();
    // The bot's record names the order (read while it runs; a half-written event just means "not yet").
    await waitFor(async () => ((await fabrikamOnRecord().catch(() => undefined))?.orderIds.length ?? 0) > 0, 'the order on record');
    await kill('the subscriptions still pending');                                                   // 5

    // Provisioning completes; from here on every kill is inside the licence reassignment.
    await admin('POST', 'clock', { advanceSeconds: 700 });
    hit = await delayNext('GET /graph/v1.0/users', 'before');
    await startBot();
    await hit();
    await kill('listing the users who hold the old licence');                                       // 6

    hit = await delayNext(assign(holders[9]), 'after');
    await startBot();
    await hit();
    await kill('inside a $batch: half of it done by Graph');                                         // 7

    hit = await delayNext('GET /graph/v1.0/users/*', 'before');
    await startBot();
    await hit();
    await kill('reading the licences of the batch recorded as sending');                            // 8

    hit = await delayNext('POST /graph/v1.0/$batch', 'after');
    await startBot();
    await hit();
    await kill('a $batch done by Graph, its answer not yet back');                                   // 9

    hit = await delayNext(assign(holders[holders.length - 1]), 'after');
    await startBot();
    await hit();
    await kill('inside the last $batch, at its last user');                                          // 10

    await startBot();
    await waitFor(async () => /still hold the old licence/.test(connector.texts(megan.id).join('\n')), 'the end of the reassignment pass', 90_000);
    await killBot();
    console.log(`      kill points:\n${kills.map((k) => `        ${k}`).join('\n')}`);
    assert.equal(kills.length, 10);
    assert.equal(kills.filter((k) => k.endsWith('[reassigning-licenses]')).length, 5, 'five kills during the reassignment');

    const changed = await changedUsers();
    assert.equal(changed.length, 43, 'every user the bot can move was moved');
    for (const user of changed) assert.equal(user.changes.length, 1, `${user.userPrincipalName} changed once`);
    const fabrikam = await fabrikamState();
    assert.equal(fabrikam.orders.length, 1, 'exactly one order');
    assert.match(connector.texts(megan.id).join('\n'), /43 in total; 3 users need attention\./, 'the card counts from the record');

    // The record (the move's event file), read once the bot is gone: moved = what the licence history shows changed.
    const move = (await fabrikamOnRecord())!;
    assert.equal(move.blocked?.reason.code, 'reassignment-incomplete');
    const results = Object.values(move.reassignment.results);
    assert.deepEqual(results.filter((r) => r.outcome === 'moved').map((r) => r.userId).sort(), changed.map((u: any) => u.userId).sort());
    assert.deepEqual(results.filter((r) => r.outcome !== 'moved').map((r) => r.outcome).sort(), ['skipped-group', 'skipped-group', 'skipped-usage-location']);
    assert.equal(move.reassignment.movedTotal, 43);
  });

  it('orders each of Woodgrove\'s two buy dates exactly once, with kills while scheduled, in a purchase and between purchases', async () => {
    const DOMAIN = 'woodgrove.onmicrosoft.com';
    const WEEK = 7;
    const woodgrove = async () => (await admin('GET', `state?customer=${DOMAIN}`)).customers[0];
    const onRecord = async () => {
      const store = new FileMoveStore(path.join(dataDir, 'moves'));
      const moves = await Promise.all((await store.listMoveIds()).map(async (id) => replay(id, await store.load(id).catch(() => []))));
      return moves.find((m) => m.customerDomain === DOMAIN);
    };
    /** Days from the sandbox's today to 01:00 UTC of `day`. */
    const daysUntil = async (day: string) => {
      const clock = await admin('GET', 'clock');
      return (Date.parse(`${day}T01:00:00Z`) - Date.parse(clock.now)) / 86_400_000;
    };
    await admin('POST', 'settings', { provisioningDelaySeconds: 600 });

    await startBot(WEEK);
    const megan = teams().personal(users.megan);
    await teams().say(users.megan, `move ${DOMAIN} US csp`);
    await waitFor(async () => /woodgrove/.test(JSON.stringify(connector.to(megan.id).at(-1)?.activity ?? '')) && lastCardAction(megan.id, 'move.plan.approve') !== null, 'the Woodgrove plan card');
    const approve = lastCardAction(megan.id, 'move.plan.approve');
    await teams().click(users.adele, 'move.plan.approve', approve.data);
    await waitFor(async () => (await onRecord())?.stage === 'scheduled', 'the move scheduled');
    await killBot();                                                  // 1: approved, waiting for the first date
    const move = (await onRecord())!;
    const dates = move.schedule.map((p) => p.buyOn);
    assert.equal(dates.length, 2, 'two purchases, months apart');
    assert.ok(dates.every((d) => d !== null));
    assert.equal((await woodgrove()).orders.length, 0, 'nothing bought at approval');

    await admin('POST', 'clock', { advanceDays: await daysUntil(dates[0]!) });
    await startBot(WEEK);
    await waitFor(async () => ((await onRecord())?.orderIds.length ?? 0) > 0, 'the first order on record', 90_000);
    await killBot();                                                  // 2: the first purchase ordered, its subscription pending
    await admin('POST', 'clock', { advanceSeconds: 700 });
    await startBot(WEEK);
    await waitFor(async () => (await onRecord())?.bought === 1, 'the first purchase provisioned', 90_000);
    await killBot();                                                  // 3: between the purchases
    assert.equal((await woodgrove()).orders.length, 1);

    await admin('POST', 'clock', { advanceDays: await daysUntil(dates[1]!) });
    await startBot(WEEK);
    await waitFor(async () => ((await onRecord())?.orderIds.length ?? 0) > 1, 'the second order on record', 90_000);
    await admin('POST', 'clock', { advanceSeconds: 700 });
    await waitFor(async () => (await onRecord())?.stage === 'watching-sources', 'both purchases done', 90_000);
    await killBot();
    const customer = await woodgrove();
    assert.equal(customer.orders.length, 2, 'one order per buy date');
    assert.deepEqual((await onRecord())!.orderIds.length, 2);
  });
});
