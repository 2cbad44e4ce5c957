/**
 * `npm run bench -- clicks`: how fast Approve answers while Teams cannot be reached. The bot and the sandbox
 * run in this process over real HTTP, as in the integration tests (`test/integration/harness.ts`), with the
 * fake Teams connector (`test/support/fakeConnector.ts`). `--moves` prospect tenants (`prospectCustomers`: US,
 * five Exchange Online (Plan 1) licences bought direct) are moved to their plan; then the connector goes down
 * (503 to everything) and Adele clicks Approve on each plan in turn, timed from the request to the answer.
 * The sweeps then place the orders with Teams still down; once it is back, the posts waiting in the outbox are
 * delivered and counted. Prints figures; passes or fails on nothing, but says plainly when a move has other
 * than one order or a post arrived twice.
 */
import { prospectDomain } from '../sandbox/world/constants';
import { Harness, users } from '../test/integration/harness';
import { TeamsClient } from '../test/support/teamsClient';
import { describeMachine, formatTable, integerOption, parseOptions, progress } from './lib';

export const CLICKS_BENCHMARK_DESCRIPTION = 'Answer times of Approve clicks while the Teams connector is down; one order per move, and every post delivered once when it is back';

const GENERAL = '19:general@thread.tacv2';

export async function runClicksBenchmark(args: readonly string[]): Promise<void> {
  const options = parseOptions(args, ['moves']);
  const count = integerOption(options, 'moves', 20, 1, 200);
  const h = new Harness({ sandbox: { prospectCustomers: count } });
  const t0 = performance.now();
  const at = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  await h.start();
  try {
    const domains = Array.from({ length: count }, (_, i) => prospectDomain(i + 1));
    await h.teams.say(users.alex, '<at>CSP Move Assistant</at> notify here', h.teams.channel(GENERAL), { channel: { id: GENERAL }, team: { id: 'team-1' } });
    const ids: string[] = [];
    for (const domain of domains) {
      await h.teams.say(users.megan, `move ${domain} US direct`);
      ids.push(h.app.orchestrator.latestMoveFor(domain)!.moveId);
    }
    await sweepAll(h, ids, (stage) => stage === 'awaiting-acceptance', true);
    for (const domain of domains) await h.admin('POST', `customers/${domain}/accept`);
    await sweepAll(h, ids, (stage) => stage === 'approval', true);
    progress(`clicks: ${count} plans wait for approval (${at()})`);

    const sentBefore = h.connector.sent.length;
    h.connector.down = true;
    // A client that does not wait for the outbox: what Adele's Teams sees is the click's own answer.
    const adele = new TeamsClient(h.botUrl, h.connector.url);
    const times: number[] = [];
    const statuses = new Map<number, number>();
    let approvedAnswers = 0;
    for (const id of ids) {
      const state = h.app.orchestrator.get(id)!;
      const started = performance.now();
      const click = await adele.click(users.adele, 'move.plan.approve', { moveId: id, version: state.version, planHash: state.plan!.hash });
      times.push(performance.now() - started);
      statuses.set(click.status, (statuses.get(click.status) ?? 0) + 1);
      if (/Plan approved by: .{0,80}Adele Vance/.test(JSON.stringify(click.body))) approvedAnswers += 1;
    }
    progress(`clicks: all clicked; sweeping with Teams still down (${at()})`);
    // Sweeps without waiting for the outbox: its attempts at the unreachable Teams go on in the background.
    await sweepAll(h, ids, (stage) => stage === 'watching-sources', false);
    const world = await h.admin('GET', 'state');
    const orders = ids.map((id) => world.customers.find((c: any) => c.domain === h.app.orchestrator.get(id)!.customerDomain).orders.length);
    const reachedWhileDown = h.connector.sent.length - sentBefore;
    const refused = h.connector.refused;

    progress(`clicks: ${ids.length} moves at their watch of the originals (${at()})`);
    await h.app.outbox.idle();
    progress(`clicks: outbox idle; Teams back (${at()})`);
    h.connector.down = false;
    h.clock.advance(16 * 60_000); // past the outbox's longest back-off
    const backStarted = performance.now();
    await h.app.orchestrator.sweep();
    await h.app.outbox.idle();
    const deliveryMs = performance.now() - backStarted;
    progress(`clicks: delivered (${at()})`);
    const delivered = h.connector.sent.length - sentBefore;
    const posts = h.connector.sent.slice(sentBefore).filter((s) => !s.updated).map((s) => `${s.conversationId} ${JSON.stringify(s.activity)}`);
    const duplicates = posts.length - new Set(posts).size;
    const threadsWithApproval = domains.filter((domain) => h.connector.threads.some((t) => {
      const said = h.connector.texts(t.conversationId).join('\n');
      return said.includes(`move of ${domain}`) && /Adele Vance/.test(said);
    })).length;
    const countAfter = h.connector.sent.length;
    h.clock.advance(16 * 60_000);
    await h.app.orchestrator.sweep();
    await h.app.outbox.idle();
    const later = h.connector.sent.length - countAfter;

    process.stdout.write([
      `clicks: ${count} Approve clicks (one per move, one after another) with the fake Teams connector answering 503 to everything`,
      'bot and sandbox in this process over real HTTP (the integration harness), local mode, file store',
      describeMachine(),
      '',
      formatTable(['clicks', 'answers', 'approved', 'p50 ms', 'p95 ms', 'max ms', 'mean ms'], [[
        count, [...statuses].map(([status, n]) => `${status}×${n}`).join(' '), approvedAnswers,
        percentile(times, 0.5).toFixed(1), percentile(times, 0.95).toFixed(1), Math.max(...times).toFixed(1),
        (times.reduce((a, b) => a + b, 0) / times.length).toFixed(1),
      ]]),
      '',
      `orders: ${orders.filter((n) => n === 1).length} of ${count} moves have exactly one order${orders.some((n) => n !== 1) ? ` (NOT ONE: ${orders.join(', ')})` : ''}; moves at watching-sources: ${ids.filter((id) => h.app.orchestrator.get(id)!.stage === 'watching-sources').length}`,
      `while Teams was down: ${reachedWhileDown} activities reached it, ${refused} attempts refused`,
      `once back: ${delivered} activities delivered (${posts.length} new posts, ${delivered - posts.length} card updates) in ${deliveryMs.toFixed(0)} ms; `
        + `posts that arrived twice: ${duplicates}; move threads showing Adele's approval: ${threadsWithApproval} of ${count}; posted by a later sweep: ${later}`,
      '',
    ].join('\n'));
  } finally {
    await h.stop();
  }
}

/** Sweeps (moving the sandbox clock and the bot's clock on) until every move is at a stage `arrived` accepts. */
async function sweepAll(h: Harness, ids: readonly string[], arrived: (stage: string) => boolean, waitForOutbox: boolean): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    if (ids.every((id) => arrived(h.app.orchestrator.get(id)!.stage))) return;
    await h.app.orchestrator.sweep();
    if (waitForOutbox) await h.app.outbox.idle();
    if (ids.every((id) => arrived(h.app.orchestrator.get(id)!.stage))) return;
    await h.admin('POST', 'clock', { advanceSeconds: 10 });
    h.clock.advance(20 * 60_000);
  }
  const stuck = ids.map((id) => h.app.orchestrator.get(id)!).filter((m) => !arrived(m.stage)).map((m) => `${m.customerDomain}: ${m.stage}`);
  throw new Error(`moves did not get there: ${stuck.join(', ')}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
