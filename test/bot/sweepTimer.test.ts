import assert from 'node:assert/strict';
import { loadConfig } from '../../bot/config';
import { withLocalDefaults } from '../../bot/localEnv';
import { SweepTimer } from '../../bot/sweepTimer';
import type { MoveOrchestrator } from '../../move/orchestrator';
import type { Logger } from '../../move/ports';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An orchestrator whose sweeps the test releases one by one, recording the order of things. */
function fakeOrchestrator(calls: string[]) {
  const pending: Array<() => void> = [];
  const orchestrator = {
    sweep: () => new Promise<{ accepted: number; advanced: number }>((resolve) => {
      calls.push('sweep');
      pending.push(() => resolve({ accepted: 0, advanced: 0 }));
    }),
  } as unknown as MoveOrchestrator;
  const release = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { orchestrator, release, pending };
}

describe('SweepTimer: the hook before each sweep and sweeping soon (after the sandbox\'s clock jumped)', () => {
  const timers: SweepTimer[] = [];
  afterEach(async () => { for (const t of timers.splice(0)) await t.stop(); });

  it('runs beforeSweep (re-reading the sandbox clock) before each sweep', async () => {
    const calls: string[] = [];
    const { orchestrator, release } = fakeOrchestrator(calls);
    const timer = new SweepTimer(orchestrator, 3_600_000, quiet, () => true, { beforeSweep: async () => { calls.push('before'); } });
    timers.push(timer);
    const run = timer.runOnce();
    await new Promise((resolve) => setImmediate(resolve));
    await release();
    await run;
    assert.deepEqual(calls, ['before', 'sweep']);
  });

  it('soon(): sweeps at once, or once more right after the sweep running; nothing while the timer is off', async () => {
    const calls: string[] = [];
    const { orchestrator, release, pending } = fakeOrchestrator(calls);
    const timer = new SweepTimer(orchestrator, 3_600_000, quiet);
    timers.push(timer);

    timer.soon();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, [], 'tests that drive sweeps themselves keep control');

    timer.start();
    timer.soon();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, ['sweep']);
    timer.soon();
    timer.soon();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, ['sweep'], 'never two at once');
    await release();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, ['sweep', 'sweep'], 'one more sweep after the running one, however often it was asked');
    await release();
    assert.equal(pending.length, 0);
    assert.deepEqual(calls, ['sweep', 'sweep']);
  });
});

describe('configuration: SANDBOX_URL (whose clock local mode follows)', () => {
  const service = { PARTNER_TENANT_ID: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555', AZURE_CLIENT_SECRET: 'secret' };
  const botIdentity = { MicrosoftAppId: '22222222-3333-4444-8555-666666666666', MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: service.PARTNER_TENANT_ID };

  it('local mode points it at the sandbox it runs against', () => {
    assert.equal(loadConfig(withLocalDefaults({}, 'http://127.0.0.1:3979'), 'local').SANDBOX_URL, 'http://127.0.0.1:3979');
    assert.equal(withLocalDefaults({ SANDBOX_URL: 'http://127.0.0.1:1' }, 'http://127.0.0.1:4000').SANDBOX_URL, 'http://127.0.0.1:4000');
  });

  it('is ignored in production, with a warning: production keeps real time', () => {
    const config = loadConfig({ ...service, ...botIdentity, SANDBOX_URL: 'http://127.0.0.1:3979' });
    assert.deepEqual(config.warnings.map((w) => w.split(':')[0]), ['SANDBOX_URL']);
    assert.match(config.warnings[0], /ignored in production/);
  });
});
