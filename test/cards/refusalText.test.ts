import assert from 'node:assert/strict';
import { refusalText, whoCanText } from '../../cards/refusalText';
import { refusal, type RefusalKind, type RefusalReason } from '../../move/refusals';

/** One refusal of every kind, with facts a reader must find in the words (the compiler keeps the list complete). */
export const SAMPLES: { [K in RefusalKind]: { reason: Extract<RefusalReason, { kind: K }>; says: RegExp } } = {
  'role-required': { reason: { kind: 'role-required', action: 'approve-plan', roles: ['account-admin'], actorRoles: ['sales-agent'], narrowedBecause: [{ kind: 'many-seats', seats: 301, limit: 300 }] }, says: /^Only an Account admin can approve this plan \(it buys 301 licences, more than 300\)\. Your roles: Sales agent\.$/ },
  'four-eyes': { reason: { kind: 'four-eyes', roles: ['billing-agent'] }, says: /a Billing agent other than you/ },
  'move-missing': { reason: { kind: 'move-missing' }, says: /does not exist/ },
  'move-already-started': { reason: { kind: 'move-already-started' }, says: /already started/ },
  'move-ended': { reason: { kind: 'move-ended', stage: 'cancelled', by: 'Adele Vance', blockMessage: null }, says: /already cancelled \(cancelled by Adele Vance\)/ },
  'wrong-stage': { reason: { kind: 'wrong-stage', stage: 'plan', expected: 'approval' }, says: /at "[^"]+", not "[^"]+"/ },
  'card-outdated': { reason: { kind: 'card-outdated', change: { kind: 'plan-approved', by: 'Adele Vance', at: '2026-11-24T14:02:00Z' } }, says: /^Adele Vance approved this plan at 24 Nov 2026, 14:02 UTC; nothing was done\.$/ },
  'reason-too-long': { reason: { kind: 'reason-too-long', max: 500, length: 612 }, says: /to 500 characters \(it has 612\)\. Nothing was changed\./ },
  'no-request-to-withdraw': { reason: { kind: 'no-request-to-withdraw' }, says: /no such request to withdraw/ },
  'not-blocked-for': { reason: { kind: 'not-blocked-for', action: 'pick-offers', stage: 'approval' }, says: /^Offers can be picked only when the move is blocked for it/ },
  'not-a-customer-id': { reason: { kind: 'not-a-customer-id', input: 'not a domain' }, says: /"not a domain" is not a domain/ },
  'country-missing': { reason: { kind: 'country-missing' }, says: /two-letter ISO code/ },
  'source-missing': { reason: { kind: 'source-missing' }, says: /where the subscriptions come from/ },
  'already-moving': { reason: { kind: 'already-moving', domain: 'contoso.com', moveId: 'mv-7' }, says: /contoso\.com already has a move under way \(mv-7\)/ },
  'too-late-to-cancel': { reason: { kind: 'too-late-to-cancel' }, says: /Within 7 days/ },
  'nothing-to-override': { reason: { kind: 'nothing-to-override' }, says: /not blocked/ },
  'block-not-overridable': { reason: { kind: 'block-not-overridable' }, says: /cannot be overridden/ },
  'reason-too-short': { reason: { kind: 'reason-too-short', purpose: 'offer-choice' }, says: /why these offers are right/ },
  'cart-already-recorded': { reason: { kind: 'cart-already-recorded', cartId: 'cart-9' }, says: /cart-9/ },
  'no-cart': { reason: { kind: 'no-cart' }, says: /No cart/ },
  'no-order': { reason: { kind: 'no-order' }, says: /No order/ },
  'inventory-not-awaited': { reason: { kind: 'inventory-not-awaited' }, says: /only while the move waits for it/ },
  'inventory-lines-invalid': { reason: { kind: 'inventory-lines-invalid', problems: ['line 2: no quantity'] }, says: /Nothing was recorded\.[^]*\n- line 2: no quantity$/ },
  'inventory-empty': { reason: { kind: 'inventory-empty' }, says: /at least one licence line/ },
  'no-offer-choice-open': { reason: { kind: 'no-offer-choice-open' }, says: /Refresh the card/ },
  'offer-count': { reason: { kind: 'offer-count', sku: 'SPE_E3', max: 3 }, says: /one to 3 offers for SPE_E3/ },
  'offer-not-listed': { reason: { kind: 'offer-not-listed', sku: 'SPE_E3', candidates: [] }, says: /none are sold/ },
  'already-approved': { reason: { kind: 'already-approved', by: 'Adele Vance', at: '2026-11-24T09:00:00Z' }, says: /approved by Adele Vance/ },
  'no-plan-waiting': { reason: { kind: 'no-plan-waiting', stage: 'provisioning' }, says: /no plan waiting/ },
  'plan-changed': { reason: { kind: 'plan-changed' }, says: /older plan/ },
  'plan-unchanged': { reason: { kind: 'plan-unchanged' }, says: /Nothing was changed/ },
  'line-not-in-plan': { reason: { kind: 'line-not-in-plan', sku: 'SPE_E3' }, says: /SPE_E3 is not a line/ },
  'term-not-sold': { reason: { kind: 'term-not-sold', sku: 'Microsoft 365 E3', termDuration: 'P3Y', billingCycle: 'triennial' }, says: /not sold as 3 years, billed every 3 years/ },
  'quantity-below-assigned': { reason: { kind: 'quantity-below-assigned', sku: 'Microsoft 365 E3', quantity: 40, assigned: 46 }, says: /40 is fewer than the 46[^]*at least 46/ },
  'quantity-too-large': { reason: { kind: 'quantity-too-large', sku: 'X', quantity: 200000, max: 100000 }, says: /more than the 100000/ },
  'quantity-not-whole': { reason: { kind: 'quantity-not-whole', sku: 'X', quantity: 2.5 }, says: /2\.5 is not a whole number/ },
  'buy-date-past': { reason: { kind: 'buy-date-past', sku: 'X', buyOn: '2026-01-01', today: '2026-12-05' }, says: /2026-01-01 has passed \(today is 2026-12-05\)/ },
  'buy-date-after-end': { reason: { kind: 'buy-date-after-end', sku: 'X', buyOn: '2027-03-02', endsOn: '2027-03-01' }, says: /after the original ends \(2027-03-01\)/ },
  'no-email-waiting': { reason: { kind: 'no-email-waiting' }, says: /No invitation email is waiting/ },
  'email-attempt-reused': { reason: { kind: 'email-attempt-reused', attemptId: 'a1' }, says: /a1 was used/ },
  'email-attempt-unknown': { reason: { kind: 'email-attempt-unknown', attemptId: 'a9' }, says: /a9 is on record/ },
  'invitation-not-awaited': { reason: { kind: 'invitation-not-awaited', stage: 'approval' }, says: /only while the move waits for the customer/ },
  'no-invitation-link': { reason: { kind: 'no-invitation-link' }, says: /no invitation link/ },
  'email-in-flight': { reason: { kind: 'email-in-flight', to: ['a@contoso.com'], by: 'Megan Bowen' }, says: /a@contoso\.com \(asked for by Megan Bowen\)/ },
  'email-no-address': { reason: { kind: 'email-no-address', max: 5 }, says: /up to 5[^]*Nothing was sent\.$/ },
  'email-too-many-addresses': { reason: { kind: 'email-too-many-addresses', max: 5, given: 6 }, says: /at most 5 addresses; you gave 6/ },
  'email-not-an-address': { reason: { kind: 'email-not-an-address', addresses: ['a', 'b', 'c', 'd', 'e'] }, says: /"a", "b", "c" and 2 more are not email addresses/ },
  'email-subject-drawn-wrong': { reason: { kind: 'email-subject-drawn-wrong', max: 255, length: 0 }, says: /the bot drew 0/ },
  'email-body-drawn-wrong': { reason: { kind: 'email-body-drawn-wrong', max: 20000, length: 20001 }, says: /1 to 20000 characters \(the bot drew 20001\)/ },
  'follow-up-unknown': { reason: { kind: 'follow-up-unknown', taskId: 'move-users:9' }, says: /no follow-up "move-users:9"\. Refresh the card; nothing was recorded\./ },
  'follow-up-closed': { reason: { kind: 'follow-up-closed', status: 'done', by: 'Patti Fernandez', at: '2027-02-12T10:00:00Z' }, says: /already ticked done by Patti Fernandez, 12 Feb 2027, 10:00 UTC; nothing more was recorded/ },
};

describe('refusalText (the decider\'s refusals in words)', () => {
  for (const [kind, { reason, says }] of Object.entries(SAMPLES)) {
    it(`words "${kind}" with its facts`, () => {
      const text = refusalText(refusal(reason as RefusalReason));
      assert.match(text, says);
      assert.doesNotMatch(text, /undefined|null|\[object/);
    });
  }

  it('names the starter among those who may cancel, or says the starter is unknown', () => {
    assert.equal(whoCanText('cancel-move', { roles: ['account-admin'], startedBy: 'Megan Bowen' }),
      'Only the person who started this move (Megan Bowen), an Account admin can cancel it.');
    assert.match(whoCanText('cancel-move', { roles: ['account-admin'], startedBy: null }), /\(unknown\)/);
  });

  it('gives every kind a class an edge can act on', () => {
    for (const { reason } of Object.values(SAMPLES)) assert.ok(refusal(reason as RefusalReason).code);
    assert.equal(refusal({ kind: 'plan-changed' }).code, 'stale-plan');
    assert.equal(refusal({ kind: 'role-required', action: 'start-move', roles: [], actorRoles: [] }).code, 'not-allowed');
  });
});
