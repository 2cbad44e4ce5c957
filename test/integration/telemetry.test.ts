import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { IngestionReceiver, receiverCertificate, type Envelope } from '../services/telemetry/ingestionReceiver';
import { Harness } from './harness';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Done-when of telemetry: with APPLICATIONINSIGHTS_CONNECTION_STRING pointing at a receiver on 127.0.0.1, a move run
 * through the sandbox reaches Application Insights' ingestion API through the Azure Monitor exporter, as in
 * production: one span per step, each carrying the move's correlation id, the steps' Partner Center and Graph calls
 * as HTTP dependencies under them, the Teams turn that started it as a request, and the metrics. Flushed, not waited for.
 */
describe('telemetry to Application Insights (the Azure Monitor exporter against a local ingestion endpoint)', function () {
  this.timeout(60_000);
  const receiver = new IngestionReceiver();
  const h = new Harness();
  // Only loopback traffic: no statsbeat or SDK stats to Microsoft's endpoints, and an App Service site name so the
  // distro's resource detection does not probe the Azure VM metadata service (169.254.169.254).
  const quiet: Record<string, string> = {
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true', WEBSITE_SITE_NAME: 'csp-move-assistant-test',
  };
  const saved: Record<string, string | undefined> = {};
  let moveId = '';
  let correlationId = '';
  // Every host the process connects to while the suite runs (bot, sandbox, connector, receiver: all loopback).
  const connectedTo = new Set<string>();
  const watchSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    socket.once('lookup', (_error: unknown, _address: unknown, _family: unknown, host: string) => connectedTo.add(host));
    socket.once('connect', () => connectedTo.add(socket.remoteAddress ?? '?'));
  };

  before(async () => {
    for (const [name, value] of Object.entries(quiet)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    diagnostics.subscribe('net.client.socket', watchSocket);
    await receiver.start();
    h.botEnv = { APPLICATIONINSIGHTS_CONNECTION_STRING: receiver.connectionString };
    // The exporter sends https only (it rewrites http): it is told to trust the receiver's test certificate.
    h.telemetry = { exporterOptions: { disableOfflineStorage: true, tlsOptions: { ca: receiverCertificate } }, remoteSettings: false };
    await h.start();
    moveId = await h.moveToApproval('contoso.onmicrosoft.com');
    correlationId = h.app.orchestrator.get(moveId)!.correlationId;
    await h.app.telemetry.flush();
  });

  after(async () => {
    diagnostics.unsubscribe('net.client.socket', watchSocket);
    await h.stop();
    await receiver.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const propsOf = (e: Envelope) => e.data?.baseData?.properties ?? {};
  const stepSpans = () => receiver.ofType('RemoteDependencyData').filter((e) => e.data?.baseData?.name?.startsWith('move step '));

  it('sends one span per step the move ran, each with the move\'s id and correlation id', () => {
    assert.equal(h.app.orchestrator.get(moveId)?.stage, 'approval');
    const spans = stepSpans();
    assert.ok(spans.length >= 4, `step spans: ${spans.length}`);
    for (const span of spans) {
      assert.equal(propsOf(span)['csp.move.id'], moveId);
      assert.equal(propsOf(span)['csp.move.correlation_id'], correlationId);
    }
    const recorded = spans.filter((s) => propsOf(s)['csp.move.step.outcome'] === 'recorded')
      .map((s) => `${propsOf(s)['csp.move.step']} ${propsOf(s)['csp.move.step.command']}`);
    for (const step of ['preflight RecordPreflight', 'invitation RecordInvitation', 'inventory RecordInventory', 'plan ProposePlan']) {
      assert.equal(recorded.filter((r) => r === step).length, 1, `one span for ${step} among ${recorded.join(', ')}`);
    }
    assert.equal(new Set(spans.map((s) => s.data?.baseData?.id)).size, spans.length, 'each step is a span of its own');
  });

  it('sends the steps\' Partner Center and Graph calls as HTTP dependencies under their step, with no ids in their names', () => {
    const steps = new Map(stepSpans().map((s) => [s.data!.baseData!.id!, propsOf(s)['csp.move.step']]));
    const calls = receiver.ofType('RemoteDependencyData').filter((e) => propsOf(e)['csp.outbound.service']);
    const inMove = calls.filter((c) => propsOf(c)['csp.move.id'] === moveId);
    assert.ok(inMove.some((c) => propsOf(c)['csp.outbound.service'] === 'partner-center'), 'a Partner Center call in a step');
    assert.ok(inMove.some((c) => propsOf(c)['csp.outbound.service'] === 'graph'), 'a Graph call in a step');
    for (const call of inMove) {
      assert.equal(propsOf(call)['csp.move.correlation_id'], correlationId);
      assert.equal(steps.get(call.tags?.['ai.operation.parentId'] ?? ''), propsOf(call)['csp.move.step'], 'the call is a child of its step\'s span');
    }
    for (const call of calls) {
      assert.doesNotMatch(call.data!.baseData!.name!, GUID);
      assert.doesNotMatch(call.data!.baseData!.name!, /contoso|\?/i);
    }
  });

  it('sends the turn that started the move as a request named by its command, without the text typed', () => {
    const turn = receiver.ofType('RequestData').find((e) => propsOf(e)['csp.turn.name'] === 'command:move');
    assert.ok(turn, 'a request for the `move` command');
    assert.equal(propsOf(turn)['csp.turn.activity_type'], 'message');
    assert.match(propsOf(turn)['csp.request.correlation_id'] ?? '', GUID);
    assert.doesNotMatch(JSON.stringify(turn.data), /contoso/i);
    // The first steps ran while the turn answered: they are in its trace.
    const preflight = stepSpans().find((s) => propsOf(s)['csp.move.step'] === 'preflight')!;
    assert.equal(preflight.tags?.['ai.operation.id'], turn.tags?.['ai.operation.id']);
  });

  it('sends the metrics: stage transitions, moves by stage and call latency by service and operation, without ids', () => {
    const metrics = receiver.ofType('MetricData').flatMap((e) => (e.data?.baseData?.metrics ?? []).map((m) => ({ name: m.name, props: propsOf(e) })));
    assert.ok(metrics.some((m) => m.name === 'csp.move.stage_transitions' && m.props['csp.move.stage.to'] === 'approval'));
    assert.ok(metrics.some((m) => m.name === 'csp.moves' && m.props['csp.move.stage'] === 'approval'));
    const latency = metrics.filter((m) => m.name === 'csp.outbound.duration');
    assert.ok(latency.some((m) => m.props['csp.outbound.service'] === 'partner-center' && m.props['csp.outbound.operation'] === 'GET /v1/customers/:id'));
    assert.ok(latency.some((m) => m.props['csp.outbound.service'] === 'graph'));
    for (const m of latency) assert.doesNotMatch(Object.values(m.props).join(' '), GUID);
  });

  it('sends everything to the ingestion API of the connection string, and nothing off this machine', () => {
    assert.deepEqual(receiver.unexpected, []);
    assert.ok(receiver.envelopes.every((e) => e.iKey === receiver.instrumentationKey));
    assert.ok(connectedTo.size > 0, 'connections were watched');
    for (const host of connectedTo) assert.match(host, /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1|localhost)$/, `connected to ${host}`);
  });
});
