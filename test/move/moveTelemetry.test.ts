import assert from 'node:assert/strict';
import { MoveDecider } from '../../move/decider';
import { defaultOfferMap } from '../../move/offerMap';
import { MoveOrchestrator } from '../../move/orchestrator';
import {
  NO_MOVE_TELEMETRY, type MoveStepTraceContext, type MoveTelemetry, type StepFailureTrace, type StepTrace,
} from '../../move/ports';
import { RegionTable } from '../../move/regions';
import { BUY_AT_APPROVAL_DAYS } from '../../move/schedule';
import { FakeTenantLookup, PARTNER_TENANT, RecordingLog, SequentialIds } from '../bot/fakes';
import { fixedSkuCatalog } from '../support/skuCatalogs';
import { World } from './orchestratorWorld';

/** Keeps what the orchestrator told its telemetry port, in order. */
class RecordingTelemetry implements MoveTelemetry {
  readonly steps: Array<MoveStepTraceContext & { recorded?: string; failed?: StepFailureTrace }> = [];
  readonly stages: Array<[string | null, string]> = [];

  async traceStep<T>(step: MoveStepTraceContext, work: (trace: StepTrace) => Promise<T>): Promise<T> {
    const entry: (typeof this.steps)[number] = { ...step };
    this.steps.push(entry);
    return work({ recorded: (command) => { entry.recorded = command; }, failed: (failure) => { entry.failed = failure; } });
  }

  stageChanged(from: string | null, to: string): void {
    this.stages.push([from, to]);
  }
}

function tracedWorld(telemetry: MoveTelemetry): World {
  const world = new World();
  world.orchestrator = new MoveOrchestrator({
    store: world.store, decider: new MoveDecider(RegionTable.default()), partnerCenter: world.partnerCenter, customers: world.customers,
    partnerDirectory: world.directory, tenants: new FakeTenantLookup(), notifier: { moveChanged: async () => undefined }, clock: world.clock,
    ids: new SequentialIds(), log: new RecordingLog(), skuCatalog: fixedSkuCatalog(), offerMap: defaultOfferMap(), mailer: world.mailer,
    settings: { partnerTenantId: PARTNER_TENANT, term: 'P1Y', billing: 'monthly', buyDaysBeforeEnd: BUY_AT_APPROVAL_DAYS },
    telemetry,
  });
  return world;
}

describe('the orchestrator\'s telemetry port', () => {
  it('traces each step it runs with the move\'s id and correlation id, and says how it ended', async () => {
    const telemetry = new RecordingTelemetry();
    const world = tracedWorld(telemetry);
    const moveId = await world.toAwaitingAcceptance();
    const { correlationId } = world.orchestrator.get(moveId)!;
    assert.ok(telemetry.steps.length >= 2);
    for (const step of telemetry.steps) assert.deepEqual({ moveId: step.moveId, correlationId: step.correlationId }, { moveId, correlationId });
    assert.deepEqual(telemetry.steps.filter((s) => s.recorded).map((s) => [s.step, s.recorded]), [
      ['preflight', 'RecordPreflight'], ['invitation', 'RecordInvitation'],
    ]);
    // The last pass found nothing to do: the move waits for the customer.
    assert.deepEqual(telemetry.steps.at(-1), { moveId, correlationId, step: 'awaiting-acceptance' });
  });

  it('tells every stage the move enters, from the start', async () => {
    const telemetry = new RecordingTelemetry();
    await tracedWorld(telemetry).toAwaitingAcceptance();
    assert.deepEqual(telemetry.stages, [[null, 'preflight'], ['preflight', 'invitation'], ['invitation', 'awaiting-acceptance']]);
  });

  it('reports a failed step with its kind and the error\'s class, never its message', async () => {
    const telemetry = new RecordingTelemetry();
    const world = tracedWorld(telemetry);
    world.partnerCenter.failNext('resellerInvitationLink');
    const started = await world.orchestrator.startMove({
      customerDomain: 'contoso.onmicrosoft.com', customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: true,
      actor: world.actor('megan'),
    });
    assert.ok(started.ok);
    await started.settled;
    const failed = telemetry.steps.filter((s) => s.failed);
    assert.deepEqual(failed.map((s) => [s.step, s.failed]), [['invitation', { kind: 'retryable', errorType: 'StepError' }]]);
    assert.equal(world.orchestrator.get(started.state.moveId)?.stage, 'invitation');
  });

  it('runs the move the same without telemetry (the no-op default)', async () => {
    const plainWorld = new World();
    const noOpWorld = tracedWorld(NO_MOVE_TELEMETRY);
    const plain = await plainWorld.toAwaitingAcceptance();
    const noOp = await noOpWorld.toAwaitingAcceptance();
    const types = async (world: World, moveId: string) => (await world.store.load(moveId)).map((e) => e.type);
    assert.deepEqual(await types(noOpWorld, noOp), await types(plainWorld, plain));
    const value = await NO_MOVE_TELEMETRY.traceStep({ moveId: 'm', correlationId: 'c', step: 's' }, async (trace) => {
      trace.recorded('RecordPreflight');
      trace.failed({ kind: 'permanent', errorType: 'Error' });
      return 42;
    });
    assert.equal(value, 42);
  });
});
