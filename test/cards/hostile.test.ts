import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import { LIMITS } from '../../cards/common';
import { eventText } from '../../cards/eventText';
import { intakeCard } from '../../cards/intakeCard';
import { moveCard } from '../../cards/moveCard';
import { noticeCard } from '../../cards/noticeCard';
import { statusCard } from '../../cards/statusCard';
import { welcomeCard } from '../../cards/welcomeCard';
import { assertValidCard, compactHeader, walk } from './cardAssertions';
import { ALEX, CONTOSO_EVENTS, HOSTILE, OPTIONS, contosoUntil, stateOf } from './fixtures';

/** No string in the card is longer than the largest limit, and nothing dangerous survives. */
function assertDefused(card: unknown) {
  const json = JSON.stringify(card);
  assert.ok(Buffer.byteLength(json) < 24_000, `card is ${Buffer.byteLength(json)} bytes`);
  assert.doesNotMatch(json, /\$\{/);
  assert.doesNotMatch(json, /[\u202A-\u202E\u2066-\u2069\u0000-\u0008]/);
  walk(card, (o) => {
    for (const value of Object.values(o)) {
      if (typeof value === 'string') assert.ok(value.length <= LIMITS.message + 2000, `string of ${value.length} characters`);
    }
    // Untrusted text never reaches a markdown TextBlock: a link there would be live.
    if (o.type === 'TextBlock') assert.doesNotMatch(String(o.text), /click me|evil\.example|<script>/, String(o.text).slice(0, 80));
  });
}

describe('hostile and huge strings', () => {
  assert.ok(HOSTILE.length >= 10_000);

  it('a 10 kB comment on a rejected plan is truncated and shown as plain text', () => {
    const events: MoveEvent[] = [...contosoUntil('PlanProposed'), { type: 'PlanRejected', at: '2025-03-04T15:00:00Z', actor: ALEX, planHash: 'x', comment: HOSTILE }];
    const card = moveCard(stateOf(events), OPTIONS);
    assertValidCard(card);
    assertDefused(card);
    const json = JSON.stringify(card);
    assert.ok(json.includes('click me'), 'the comment is shown, as text');
    assert.ok(json.includes('…'), 'and marked as cut');
  });

  it('a 10 kB domain, company name, error and cancel reason are truncated', () => {
    const [started, ...rest] = contosoUntil('RelationshipAccepted');
    const events: MoveEvent[] = [
      { ...started, customerDomain: HOSTILE } as MoveEvent,
      ...rest.map((e) => (e.type === 'RelationshipAccepted' ? { ...e, companyName: HOSTILE } : e)),
      { type: 'StepFailed', at: '2025-03-05T00:00:00Z', actor: ALEX, step: HOSTILE, error: HOSTILE, retryable: true },
    ];
    const state = stateOf(events);
    assertDefused(moveCard(state, OPTIONS, events));
    assertValidCard(moveCard(state, OPTIONS, events));
    assertDefused(statusCard(state, events, OPTIONS));
    const cancelled = [...events, { type: 'MoveCancelled', at: '2025-03-06T00:00:00Z', actor: { ...ALEX, name: HOSTILE }, reason: HOSTILE } as MoveEvent];
    assertDefused(moveCard(stateOf(cancelled), OPTIONS));
    assertValidCard(moveCard(stateOf(cancelled), OPTIONS));
    // The header names the company (clipped) and the domain, which keeps only domain characters and at most 253 of them.
    const customer = compactHeader(moveCard(state, OPTIONS)).customer;
    const [, company, domain] = customer.match(/^(.*) \(([^()]*)\)$/u) ?? ['', '(not found)', '(not found)'];
    assert.ok(Array.from(company).length <= LIMITS.title, company.slice(0, 80));
    assert.ok(domain.length <= 253 && /^[\p{L}\p{N}.-]+…?$/u.test(domain), domain.slice(0, 80));
  });

  it('the intake form clips a hostile domain and error', () => {
    const card = intakeCard({ domain: HOSTILE, error: HOSTILE, countries: [{ code: 'US', name: HOSTILE, region: 'United States' }], partnerRegion: HOSTILE });
    assertValidCard(card);
    assertDefused(card);
    let domain = '';
    walk(card, (o) => { if (o.id === 'domain') domain = String(o.value); });
    assert.ok(domain.length <= LIMITS.domain);
  });

  it('notice and welcome cards clip what they are given', () => {
    for (const card of [noticeCard({ title: HOSTILE, message: HOSTILE, fix: HOSTILE, tone: 'error' }), welcomeCard({ userName: HOSTILE })]) {
      assertValidCard(card);
      assertDefused(card);
    }
  });

  it('event lines clip hostile text too', () => {
    const state = stateOf(CONTOSO_EVENTS);
    const text = eventText({ type: 'PlanRejected', at: '2025-03-04T15:00:00Z', actor: { ...ALEX, name: HOSTILE }, planHash: 'x', comment: HOSTILE }, state, OPTIONS);
    assert.ok(text.length < 400, `${text.length}`);
    assert.doesNotMatch(text, /\$\{|[\u202A-\u202E\u0007]/);
  });
});
