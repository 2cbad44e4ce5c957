import assert from 'node:assert/strict';
import type { PriceBook } from '../../move/pricing';
import { PriceSheetCache } from '../../services/partnerCenter/priceSheetCache';

const book = (market: string, month = '2026-12'): PriceBook => ({ market, month, prices: new Map(), readAt: '2026-12-05T00:00:00.000Z' });

describe('services price sheet cache', () => {
  it('shares one load between callers while it runs, and keeps the result', async () => {
    const cache = new PriceSheetCache();
    let loads = 0;
    let release!: () => void;
    const load = () => { loads += 1; return new Promise<PriceBook>((resolve) => { release = () => resolve(book('US')); }); };
    const first = cache.get('US|2026-12', null, load);
    const second = cache.get('US|2026-12', null, load);
    release();
    assert.equal(await first, await second);
    assert.equal(await cache.get('US|2026-12', null, load), await first);
    assert.equal(loads, 1);
  });

  it('forgets a failed load at once, so the next caller tries again', async () => {
    const cache = new PriceSheetCache();
    await assert.rejects(cache.get('US|2026-12', null, () => Promise.reject(new Error('503'))), /503/);
    assert.deepEqual(cache.keys(), []);
    assert.equal((await cache.get('US|2026-12', null, async () => book('US'))).market, 'US');
  });

  it('keeps at most maxEntries sheets, dropping the least recently used', async () => {
    const cache = new PriceSheetCache({ maxEntries: 2 });
    await cache.get('US|2026-12', null, async () => book('US'));
    await cache.get('CA|2026-12', null, async () => book('CA'));
    await cache.get('US|2026-12', null, async () => assert.fail('cached'));
    await cache.get('KR|2026-12', null, async () => book('KR'));
    assert.deepEqual(cache.keys(), ['US|2026-12', 'KR|2026-12'], 'CA was the least recently used');
  });

  it('reads a sheet again once its lifetime is over', async () => {
    let now = 1_000;
    const cache = new PriceSheetCache({ now: () => now });
    let loads = 0;
    const load = async () => { loads += 1; return book('US'); };
    await cache.get('US|2026-12', 500, load);
    now += 499;
    await cache.get('US|2026-12', 500, load);
    assert.equal(loads, 1);
    now += 1;
    await cache.get('US|2026-12', 500, load);
    assert.equal(loads, 2);
  });
});
