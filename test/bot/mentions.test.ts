import assert from 'node:assert/strict';
import { mentionActivity } from '../../bot/mentions';
import { PeopleToAsk } from '../../bot/peopleToAsk';
import { StaffRoster } from '../../bot/staffRoster';
import type { StaffDirectory } from '../../move/ports';
import { InMemoryKeyValueStore } from './fakes';

const ADELE = { id: '00000000-0000-0000-0000-000000000022', name: 'Adele Vance', mri: '29:adele', personal: null };
const ALEX = { id: '00000000-0000-0000-0000-000000000020', name: 'Alex Wilber', mri: null, personal: null };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('bot: asking people by name', () => {
  it('turns the names in the text into @mentions, by Teams id or else by Entra object id', () => {
    const activity = mentionActivity('Adele Vance or Alex Wilber can approve it.', [ADELE, ALEX]);
    assert.equal(activity.text, '<at>Adele Vance</at> or <at>Alex Wilber</at> can approve it.');
    assert.deepEqual(activity.entities?.map((e: any) => [e.text, e.mentioned.id]), [['<at>Adele Vance</at>', '29:adele'], ['<at>Alex Wilber</at>', ALEX.id]]);
  });

  it('adds the mentions at the end when the text does not name them, and strips markup from names', () => {
    const activity = mentionActivity('Plan ready.', [{ ...ADELE, name: 'Adele <b>Vance</b>' }]);
    assert.equal(activity.text, 'Plan ready. <at>Adele bVance/b</at>');
    assert.equal(mentionActivity('Plain.', []).entities, undefined);
  });

  it('names those who use the bot first, never the excluded, and nobody when the directory fails', async () => {
    const store = new InMemoryKeyValueStore();
    const roster = new StaffRoster(store);
    await store.put(`staff/${ADELE.id}`, { id: ADELE.id, mri: '29:adele', name: 'Adele Vance', personal: { conversation: { id: 'a:adele' } } });
    const directory: StaffDirectory = {
      staffWith: async () => [
        { id: ALEX.id, name: 'Alex Wilber', roles: ['account-admin'] },
        { id: ADELE.id, name: 'Adele Vance', roles: ['billing-agent'] },
        { id: '00000000-0000-0000-0000-000000000021', name: 'Megan Bowen', roles: ['billing-agent'] },
      ],
    };
    const people = new PeopleToAsk(directory, roster, quiet);
    const asked = await people.withRoles(['account-admin', 'billing-agent'], ['00000000-0000-0000-0000-000000000021']);
    assert.deepEqual(asked.map((p) => [p.name, p.mri, p.personal?.conversation?.id ?? null]), [
      ['Adele Vance', '29:adele', 'a:adele'], ['Alex Wilber', null, null],
    ]);
    const failing = new PeopleToAsk({ staffWith: async () => { throw new Error('Graph 403'); } }, roster, quiet);
    assert.deepEqual(await failing.withRoles(['billing-agent']), []);
  });

  it('redraws posted cards for the people asked first, then the staff the bot has met, at most 60', async () => {
    const store = new InMemoryKeyValueStore();
    let now = 0;
    const roster = new StaffRoster(store, () => now);
    for (let i = 0; i < 70; i += 1) {
      const id = `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`;
      await store.put(`staff/${id}`, { id, mri: `29:person-${i}`, name: `Person ${i}`, personal: null });
    }
    const people = new PeopleToAsk({ staffWith: async () => [] }, roster, quiet);
    const ids = await people.refreshFor([ADELE, ALEX]);
    assert.equal(ids.length, 60);
    assert.equal(ids[0], '29:adele', 'the person asked first; someone never met is left out');
    assert.equal(new Set(ids).size, 60);
    await store.put('staff/late', { id: 'late', mri: '29:late', name: 'Late', personal: null });
    assert.equal((await roster.teamsIds(100)).length, 60, 'the listing is reused for a minute');
    now += 61_000;
    assert.equal((await roster.teamsIds(100)).length, 60, 'and never more than 60');
  });
});
