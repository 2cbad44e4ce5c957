/**
 * One typed contract per card action: the router parses each verb's data with the schema beside the card that
 * emits it, before anyone is looked up and before the handler runs. Data of the wrong types gets 400
 * BadRequest naming the field and what it must be (never zod's own wording), and nothing is recorded.
 */
import assert from 'node:assert/strict';
import { offerInputIds, VERBS } from '../../cards/common';
import type { MoveState } from '../../move/state';
import { TestBot, useContosoAtApproval, assertCardResponse, assertErrorResponse, assertMessageResponse } from './buildTestBot';
import { STAFF } from './fakes';
import { E3, SPB_OFFER, blockedOnE3, pickData } from './resolveWorld';

const malformed = (field: string, mustBe: string) =>
  `The card sent malformed data: "${field}" ${mustBe}. Refresh the card and try again; nothing was done.`;

describe('card action contracts (400 BadRequest for data of the wrong types)', () => {
  let t: TestBot;
  let move: MoveState;
  useContosoAtApproval((bot, atApproval) => { t = bot; move = atApproval; });

  const base = () => ({ moveId: move.moveId, version: move.version, planHash: move.plan!.hash });
  const offers = offerInputIds(E3);

  const cases: Array<{ verb: string; data: () => Record<string, unknown>; field: string; mustBe: string }> = [
    { verb: 'move.start', data: () => t.startForm({ domain: 42 }), field: 'domain', mustBe: 'must be text' },
    { verb: 'move.start', data: () => t.startForm({ country: ['US'] }), field: 'country', mustBe: 'must be text' },
    { verb: 'move.start', data: () => t.startForm({ multiPartner: 1 }), field: 'multiPartner', mustBe: 'must be "true", "false" or a boolean' },
    { verb: 'move.start', data: () => t.startForm({ requestGdap: { on: true } }), field: 'requestGdap', mustBe: 'must be "true", "false" or a boolean' },
    { verb: 'move.plan.approve', data: () => ({ ...base(), planHash: 42 }), field: 'planHash', mustBe: 'must be text' },
    { verb: 'move.plan.approve', data: () => ({ ...base(), moveId: 42 }), field: 'moveId', mustBe: 'must be text of at most 200 characters' },
    { verb: 'move.plan.reject', data: () => ({ ...base(), comment: ['looks wrong'] }), field: 'comment', mustBe: 'must be text' },
    { verb: 'move.plan.adjust', data: () => ({ ...base(), planHash: ['a', 'b'] }), field: 'planHash', mustBe: 'must be text' },
    { verb: 'move.cancel', data: () => ({ ...base(), comment: { text: 'stop' } }), field: 'comment', mustBe: 'must be text' },
    { verb: 'move.cancel.confirm', data: () => ({ ...base(), seen: 'approval/0/0', cancelReason: ['stop'] }), field: 'cancelReason', mustBe: 'must be text' },
    { verb: 'move.cancel.confirm', data: () => ({ ...base(), seen: 7, cancelReason: 'stop' }), field: 'seen', mustBe: 'must be text' },
    { verb: 'move.refresh', data: () => ({ ...base(), moveId: { $ne: null } }), field: 'moveId', mustBe: 'must be text of at most 200 characters' },
    { verb: 'move.offers.choose', data: () => ({ ...base(), sourceSkuId: 42 }), field: 'sourceSkuId', mustBe: 'must be text' },
    { verb: 'move.offers.choose', data: () => ({ ...base(), sourceSkuId: E3, [offers.offers]: 7 }), field: offers.offers, mustBe: 'must be text (values separated by commas) or a list of texts' },
    { verb: 'move.offers.choose', data: () => ({ ...base(), sourceSkuId: E3, [offers.offers]: [SPB_OFFER, 7] }), field: offers.offers, mustBe: 'must be text (values separated by commas) or a list of texts' },
    { verb: 'move.offers.choose', data: () => ({ ...base(), sourceSkuId: E3, [offers.offers]: SPB_OFFER, [offers.reason]: true }), field: offers.reason, mustBe: 'must be text' },
    { verb: 'move.inventory.enter', data: () => ({ ...base(), inventoryText: ['SPB, 25, 20'] }), field: 'inventoryText', mustBe: 'must be text' },
    { verb: 'move.reassignment.retry', data: () => ({ ...base(), moveId: [move.moveId] }), field: 'moveId', mustBe: 'must be text of at most 200 characters' },
    { verb: 'move.report.download', data: () => ({ ...base(), moveId: { id: move.moveId } }), field: 'moveId', mustBe: 'must be text of at most 200 characters' },
    { verb: 'move.invitation.email', data: () => ({ ...base(), invitationEmailTo: 42 }), field: 'invitationEmailTo', mustBe: 'must be text' },
    { verb: 'move.followup.done', data: () => ({ ...base(), taskId: { id: 'move-users:1' } }), field: 'taskId', mustBe: 'must be text' },
    { verb: 'move.open', data: () => ({ moveId: 42 }), field: 'moveId', mustBe: 'must be text of at most 200 characters' },
    { verb: 'move.list.filter', data: () => ({ filter: { $ne: 'all' } }), field: 'filter', mustBe: 'must be text' },
  ];

  for (const { verb, data, field, mustBe } of cases) {
    it(`${verb}: "${field}" of the wrong type is 400 BadRequest naming it; nothing recorded, no one looked up`, async () => {
      const events = t.store.count();
      const lookups = t.directory.roleLookups;
      const result = await t.click(STAFF.adele, verb, data());
      assertErrorResponse(result, 400, 'BadRequest', malformed(field, mustBe));
      assert.doesNotMatch(JSON.stringify(result.invoke), /Invalid input|expected|received|nonoptional/, 'no zod wording');
      assert.equal(t.store.count(), events, 'no event was recorded');
      assert.equal(t.orchestrator.get(move.moveId)!.stage, 'approval');
      assert.equal(t.partnerCenter.orderCount, 0);
      assert.equal(t.directory.roleLookups, lookups, 'refused before the roles are read');
      assert.equal(t.orchestrator.all().length, 1, 'no move was started');
    });
  }

  it('covers every verb the cards emit', () => {
    const verbs = new Set(cases.map((c) => c.verb));
    for (const verb of Object.values(VERBS)) assert.ok(verbs.has(verb), `a malformed-data case for ${verb}`);
  });

  it('lets fields the card does not name through (Teams sends every input of the card)', async () => {
    const result = await t.click(STAFF.adele, 'move.refresh', { ...base(), inventoryText: 'x', 'offers-abc': ['a'], extra: { deep: [1, 2] } });
    assertCardResponse(result, move);
  });

  it('gives today\'s card for a version of any type on a card that must be current', async () => {
    for (const version of ['7', null, { v: 1 }, [move.version], move.version - 1]) {
      const result = await t.click(STAFF.megan, 'move.cancel', { ...base(), version });
      assertCardResponse(result, move);
    }
    assert.equal(t.store.count('MoveCancelled'), 0);
  });

  it('takes picked offers as a comma string or a list', async () => {
    for (const picked of [SPB_OFFER, [SPB_OFFER], ` ${SPB_OFFER} ,, `]) {
      const w = new TestBot();
      const state = await blockedOnE3(w);
      const result = await w.click(STAFF.alex, 'move.offers.choose', pickData(state, picked as string));
      assertCardResponse(result, w.orchestrator.get(state.moveId)!);
      assert.equal(w.store.count('OfferChosen'), 1, `picked as ${JSON.stringify(picked)}`);
    }
  });

  it('answers a moveId that is well formed but unknown, or path-like, with "move not here", not 400', async () => {
    for (const moveId of ['mv-0000-unknown', '../../etc', 'mv-../../etc/passwd', '']) {
      assertMessageResponse(await t.click(STAFF.adele, 'move.plan.approve', { ...base(), moveId }), /^This card belongs to a move that does not exist here any more\./);
    }
  });
});
