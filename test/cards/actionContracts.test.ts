/**
 * The action contracts beside the cards: what each verb's data parses to (clipping, toggles, multi-selects,
 * move ids that name no move here), that unknown fields pass, and that the refusals carry our own wording.
 */
import assert from 'node:assert/strict';
import { retryReassignmentContract } from '../../cards/blockedCard';
import { cancelContract, moveActionContract, offerInputIds, refreshContract } from '../../cards/common';
import { intakeCard, startFormContract } from '../../cards/intakeCard';
import { emailInvitationContract } from '../../cards/invitationCard';
import { enterInventoryContract } from '../../cards/inventoryForm';
import { chooseOffersContract } from '../../cards/offerChoiceForm';
import { planDecisionContract } from '../../cards/planCard';

const ID = 'mv-20250101-abc';

describe('card action contracts', () => {
  it('takes a move id of ours, and turns an empty, missing or path-like one into null (a move not here)', () => {
    assert.equal(moveActionContract.parse({ moveId: ID, version: 3 }).moveId, ID);
    for (const moveId of ['', '../../etc', 'mv-../x', `${ID}/..`, null, undefined]) {
      assert.equal(moveActionContract.parse({ moveId, version: 3 }).moveId, null, String(moveId));
    }
  });

  it('refuses a move id that is not text, or longer than 200 characters, with our wording', () => {
    for (const moveId of [42, {}, [ID], true, `mv-${'a'.repeat(198)}`]) {
      const result = moveActionContract.safeParse({ moveId });
      assert.ok(!result.success);
      assert.deepEqual(result.error.issues[0].path, ['moveId']);
      assert.equal(result.error.issues[0].message, 'must be text of at most 200 characters');
    }
  });

  it('keeps the version as sent, whatever its type, and lets unknown fields through', () => {
    const parsed = refreshContract.parse({ moveId: ID, version: '7', extra: { a: 1 } });
    assert.equal(parsed.version, '7');
    assert.deepEqual(parsed.extra, { a: 1 });
    assert.equal(retryReassignmentContract.parse({ moveId: ID }).version, undefined);
  });

  it('clips comments and the plan hash, and gives "" for missing text', () => {
    const parsed = planDecisionContract.parse({ moveId: ID, version: 1, planHash: 'h'.repeat(100), comment: 'c'.repeat(1_000_000) });
    assert.equal(parsed.planHash.length, 64);
    assert.equal(parsed.comment.length, 2000);
    assert.equal(cancelContract.parse({ moveId: ID }).comment, '');
  });

  it('reads the start form: clipped text, toggles as strings or booleans', () => {
    const parsed = startFormContract.parse({ moveId: '', version: 0, domain: 'd'.repeat(1000), country: 'us', source: 'microsoft-direct', multiPartner: 'true', requestGdap: false });
    assert.equal(parsed.moveId, null);
    assert.equal(parsed.domain.length, 260);
    assert.equal(parsed.country, 'us');
    assert.equal(parsed.multiPartner, true);
    assert.equal(parsed.requestGdap, false);
    const bare = startFormContract.parse({});
    assert.deepEqual([bare.domain, bare.country, bare.source, bare.multiPartner, bare.requestGdap], ['', '', '', null, null]);
    assert.equal(startFormContract.parse({ multiPartner: 'yes' }).multiPartner, null);
  });

  it('reads picked offers as a comma string or a list, under the input ids of the licence', () => {
    const sku = 'ABC-123';
    const ids = offerInputIds(sku);
    const fromString = chooseOffersContract.parse({ moveId: ID, sourceSkuId: ` ${sku} `, [ids.offers]: 'P1:0001, ,P2:0002', [ids.reason]: '  because  ' });
    assert.equal(fromString.sourceSkuId, sku);
    assert.deepEqual(fromString.offerIds, ['P1:0001', 'P2:0002']);
    assert.equal(fromString.reason, 'because');
    assert.deepEqual(chooseOffersContract.parse({ moveId: ID, sourceSkuId: sku, [ids.offers]: ['P1:0001', ' P2:0002 '] }).offerIds, ['P1:0001', 'P2:0002']);
    const none = chooseOffersContract.parse({ moveId: ID });
    assert.deepEqual([none.sourceSkuId, none.offerIds, none.reason], ['', [], '']);
    const bad = chooseOffersContract.safeParse({ moveId: ID, sourceSkuId: sku, [ids.offers]: [1] });
    assert.ok(!bad.success);
    assert.deepEqual(bad.error.issues[0].path, [ids.offers]);
    assert.equal(bad.error.issues[0].message, 'must be text (values separated by commas) or a list of texts');
  });

  it('keeps typed text whole, for the handler to say when it is too long', () => {
    assert.equal(enterInventoryContract.parse({ moveId: ID, inventoryText: 'x'.repeat(20_000) }).inventoryText.length, 20_000);
    assert.equal(emailInvitationContract.parse({ moveId: ID }).invitationEmailTo, '');
  });

  it('accepts what the cards themselves send', () => {
    const start = intakeCard({ countries: [], partnerRegion: 'Europe', moveId: ID }).actions?.[0] as { data: Record<string, unknown> };
    assert.equal(startFormContract.parse(start.data).moveId, ID);
  });
});
