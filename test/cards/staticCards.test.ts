import assert from 'node:assert/strict';
import { welcomeCard } from '../../cards/welcomeCard';
import { helpCard, COMMANDS } from '../../cards/helpCard';
import { noticeCard } from '../../cards/noticeCard';
import { intakeCard, CUSTOMER_ID_PATTERN, INTAKE_INPUTS } from '../../cards/intakeCard';
import type { CountryOption } from '../../cards/intakeCard';
import { RegionTable } from '../../move/regions';
import { assertValidCard, executeActions, visibleText, walk } from './cardAssertions';

const COUNTRIES: CountryOption[] = [
  { code: 'US', name: 'United States', region: 'United States' },
  { code: 'UM', name: 'U.S. Outlying Islands', region: 'United States' },
  { code: 'DE', name: 'Germany', region: 'Europe' },
  { code: 'CA', name: 'Canada', region: 'Canada' },
];

function findInput(card: unknown, id: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  walk(card, (o) => { if (o.id === id) found = o; });
  assert.ok(found, `input ${id}`);
  return found;
}

describe('welcomeCard', () => {
  it('explains the bot, its commands and who may start and approve', () => {
    const card = welcomeCard({ userName: 'Megan Bowen' });
    assertValidCard(card);
    const text = visibleText(card);
    assert.match(text, /Hi Megan Bowen/);
    for (const command of ['move contoso.com', 'status', 'help', 'notify here']) assert.ok(text.includes(command), command);
    assert.match(text, /Account admin, Admin agent or Sales agent/);
    assert.match(text, /Account admin or Billing agent, but not the person who proposed the plan/);
    assert.equal(executeActions(card).length, 0);
  });

  it('works without a name', () => {
    const card = welcomeCard();
    assertValidCard(card);
    assert.match(visibleText(card), /Hi, I'm the CSP Move Assistant/);
  });
});

describe('helpCard', () => {
  it('lists every command with an example and says what a Sales agent may do', () => {
    const card = helpCard({ roles: ['sales-agent'] });
    assertValidCard(card);
    const text = visibleText(card);
    for (const c of COMMANDS) assert.ok(text.includes(c.example), c.example);
    assert.match(text, /Your Partner Center roles: Sales agent\./);
    assert.match(text, /You can start moves/);
    assert.match(text, /You cannot approve plans/);
  });

  it('tells someone without a role how to get one', () => {
    const card = helpCard({ roles: [] });
    assertValidCard(card);
    const text = visibleText(card);
    assert.match(text, /You have no Partner Center role/);
    assert.match(text, /You cannot start a move: that needs the Account admin, Admin agent or Sales agent role/);
  });

  it('an Account admin can start, approve and cancel any move', () => {
    const text = visibleText(helpCard({ roles: ['account-admin'] }));
    assert.match(text, /You can start moves/);
    assert.match(text, /You can approve or reject plans/);
    assert.match(text, /You can cancel any move/);
  });
});

describe('noticeCard', () => {
  for (const tone of ['info', 'warning', 'error'] as const) {
    it(`draws a ${tone} notice with the fix`, () => {
      const card = noticeCard({
        title: 'You cannot start a move',
        message: 'Only an Account admin, an Admin agent or a Sales agent can start a move. You have no Partner Center role.',
        fix: 'Ask your Global Administrator to add you to the SalesAgents group, then type move contoso.com again.',
        tone,
      });
      assertValidCard(card);
      const text = visibleText(card);
      assert.match(text, /You have no Partner Center role/);
      assert.match(text, /What to do: /);
      assert.match(text, /SalesAgents group/);
    });
  }

  it('leaves the fix out when there is none', () => {
    const card = noticeCard({ title: 'Done', message: 'Notifications go to this channel now.', tone: 'info' });
    assertValidCard(card);
    assert.doesNotMatch(visibleText(card), /What to do/);
  });
});

describe('intakeCard', () => {
  it('draws the start form with the region hint, choices and move.start', () => {
    const card = intakeCard({ countries: COUNTRIES, partnerRegion: 'United States', moveId: 'mv-new-1' });
    assertValidCard(card);
    const text = visibleText(card);
    assert.match(text, /It must be in your CSP region: United States/);

    const domain = findInput(card, INTAKE_INPUTS.domain);
    assert.equal(domain.type, 'Input.Text');
    assert.equal(domain.isRequired, true);
    assert.equal(domain.regex, CUSTOMER_ID_PATTERN);

    const country = findInput(card, INTAKE_INPUTS.country);
    assert.equal(country.style, 'filtered');
    assert.equal(country.isRequired, true);
    const choices = country.choices as Array<{ title: string; value: string }>;
    assert.deepEqual(choices.map((c) => c.value), ['UM', 'US', 'CA', 'DE'], 'own region first, then by name');
    assert.equal(choices[1].title, 'United States (US)');
    assert.equal(choices[3].title, 'Germany (DE) · Europe', 'other regions are named');

    const source = findInput(card, INTAKE_INPUTS.source);
    assert.deepEqual((source.choices as Array<{ value: string }>).map((c) => c.value), ['microsoft-direct', 'other-csp-partner', 'other-program', 'unknown']);
    assert.ok(text.includes('Bought direct from Microsoft'));

    assert.equal(findInput(card, INTAKE_INPUTS.multiPartner).value, 'false');
    assert.equal(findInput(card, INTAKE_INPUTS.requestGdap).value, 'true', 'GDAP is on by default');

    const [start] = executeActions(card);
    assert.equal(start.verb, 'move.start');
    assert.deepEqual(start.data, { moveId: 'mv-new-1', version: 0 });
    assert.doesNotMatch(text, /Please fix this/);
  });

  it('keeps what was typed and shows the validation error on top', () => {
    const card = intakeCard({
      domain: 'contoso.com', country: 'de', source: 'other-csp-partner', multiPartner: true, requestGdap: false,
      countries: COUNTRIES, partnerRegion: 'United States', error: 'Germany is in the CSP region Europe, not in yours (United States).',
    });
    assertValidCard(card);
    const body = card.body as Array<Record<string, unknown>>;
    assert.equal(body[0].style, 'attention', 'the error comes first');
    assert.match(visibleText(body[0]), /Germany is in the CSP region Europe/);
    assert.equal(findInput(card, INTAKE_INPUTS.domain).value, 'contoso.com');
    assert.equal(findInput(card, INTAKE_INPUTS.country).value, 'DE');
    assert.equal(findInput(card, INTAKE_INPUTS.source).value, 'other-csp-partner');
    assert.equal(findInput(card, INTAKE_INPUTS.multiPartner).value, 'true');
    assert.equal(findInput(card, INTAKE_INPUTS.requestGdap).value, 'false');
    assert.deepEqual(executeActions(card)[0].data, { moveId: '', version: 0 });
  });

  it('drops a prefilled country that is not offered, and bad country codes', () => {
    const card = intakeCard({ country: 'XX', countries: [...COUNTRIES, { code: 'bad!', name: 'Nowhere', region: 'X' }], partnerRegion: 'United States' });
    assertValidCard(card);
    const country = findInput(card, INTAKE_INPUTS.country);
    assert.equal(country.value, '');
    assert.equal((country.choices as unknown[]).length, COUNTRIES.length);
  });

  it('stays under the Teams size limit with every country of the region table', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const countries = RegionTable.default().countries().map(({ code, region }) => ({ code, region, name: names.of(code) ?? code }));
    assert.ok(countries.length > 200);
    const card = intakeCard({ countries, partnerRegion: 'United States' });
    assertValidCard(card);
    assert.equal((findInput(card, INTAKE_INPUTS.country).choices as unknown[]).length, countries.length);
  });

  it('the domain pattern accepts domains and tenant ids and nothing else', () => {
    const pattern = new RegExp(CUSTOMER_ID_PATTERN);
    for (const ok of ['contoso.com', 'contoso.onmicrosoft.com', 'sub.fabrikam.co.uk', 'xn--mnchen-3ya.de', '72f988bf-86f1-41af-91ab-2d7cd011db47']) {
      assert.ok(pattern.test(ok), ok);
    }
    for (const bad of ['contoso', 'http://contoso.com', 'contoso.com/x', '-contoso.com', 'a b.com', '[x](y).com', '']) {
      assert.ok(!pattern.test(bad), bad);
    }
  });
});
