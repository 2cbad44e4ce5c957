import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { replay } from '../../move/state';
import { FileMoveStore } from '../../store/fileMoveStore';
import { LOCK_FILE_NAME } from '../../store/folderLock';
import { Harness, users } from './harness';

const DOMAIN = 'fabrikam.onmicrosoft.com';

/**
 * The bot stops in the middle of Fabrikam's licence reassignment, after Graph changed a batch of users but
 * before the bot recorded Graph's answer, and a new instance takes over from what was recorded then. Stopping
 * is simulated in one process: the new instance starts on a copy of the data folder taken at that moment, and
 * the old instance's late record goes nowhere (its folder is gone).
 */
describe('restarting the bot in the middle of a licence reassignment', function () {
  this.timeout(120_000);
  const h = new Harness();
  let firstDataDir = '';

  before(async () => {
    await h.start();
    firstDataDir = h.dataDir;
  });
  after(async () => {
    await h.stop();
    await rm(firstDataDir, { recursive: true, force: true });
  });

  async function changedInSandbox(): Promise<Map<string, number>> {
    const history = await h.admin('GET', `customers/${DOMAIN}/license-history`);
    return new Map(history.users.filter((u: any) => u.changes.length > 0).map((u: any) => [u.userId, u.changes.length]));
  }

  it('records exactly the users Graph changed: the batch changed before the stop is found and recorded as moved', async () => {
    const moveId = await h.moveToApproval(DOMAIN, { args: 'US csp' });
    const approval = h.app.orchestrator.get(moveId)!;
    await h.teams.click(users.adele, 'move.plan.approve', { moveId, version: approval.version, planHash: approval.plan!.hash, comment: 'ok' });

    // Graph applies the first licence batch, but its answer comes late.
    await h.admin('POST', 'faults', { match: 'POST /graph/v1.0/$batch', delayMs: 3000, phase: 'after', count: 1 });
    await h.admin('POST', 'clock', { advanceSeconds: 30 });
    h.clock.advance(20 * 60_000);
    const old = h.app;
    const running = old.orchestrator.sweep().then(() => undefined, () => undefined);
    const deadline = Date.now() + 15_000;
    while ((await changedInSandbox()).size === 0) {
      assert.ok(Date.now() < deadline, 'Graph changed the first batch');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // The bot stops now: what the data folder holds is what a restart finds.
    const crashDir = await mkdtemp(path.join(os.tmpdir(), 'csp-move-it-restart-'));
    await cp(h.dataDir, crashDir, { recursive: true, filter: (source) => path.basename(source) !== LOCK_FILE_NAME });
    await rm(path.join(h.dataDir, 'moves'), { recursive: true, force: true });
    await running;
    await old.close().catch(() => undefined);

    const recorded = replay(moveId, await new FileMoveStore(path.join(crashDir, 'moves')).load(moveId));
    const changedBefore = await changedInSandbox();
    assert.equal(recorded.stage, 'reassigning-licenses');
    assert.deepEqual(Object.values(recorded.reassignment.results).filter((r) => r.outcome === 'moved'), [], 'no answer recorded yet');
    assert.deepEqual(recorded.reassignment.sending.map((s) => s.userId).sort(), [...changedBefore.keys()].sort(),
      'the batch Graph changed was recorded as sending before it left');

    h.dataDir = crashDir;
    await h.startBot();
    await h.sweepUntil(moveId, 'blocked', 20);
    const move = h.app.orchestrator.get(moveId)!;
    assert.equal(move.blocked?.reason.code, 'reassignment-incomplete');
    const changed = await changedInSandbox();
    assert.equal(changed.size, 43);
    assert.ok([...changed.values()].every((n) => n === 1), 'nobody changed twice');
    const results = Object.values(move.reassignment.results);
    assert.deepEqual(results.filter((r) => r.outcome === 'moved').map((r) => r.userId).sort(), [...changed.keys()].sort(),
      'moved on record = changed in Graph');
    assert.deepEqual(results.filter((r) => r.outcome !== 'moved').map((r) => r.outcome).sort(), ['skipped-group', 'skipped-group', 'skipped-usage-location']);
    assert.match(results.find((r) => changedBefore.has(r.userId))?.detail ?? '', /before the bot could record its answer/);
    assert.match(h.connector.texts(h.teams.personal(users.megan).id).join('\n'), /43 users moved in this pass, 43 in total; 3 users need attention\./);
  });
});
