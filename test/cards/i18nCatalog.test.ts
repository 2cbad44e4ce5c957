/**
 * The message catalog holds for every language: the same keys as English, valid ICU MessageFormat, the same
 * placeholders (names, kinds and select cases), each area's keys under its name — each failure naming the key.
 */
import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGS, createTranslator, t } from '../../cards/i18n/catalog';
import { EN_AREAS, en } from '../../cards/i18n/en';
import { KO_AREAS } from '../../cards/i18n/ko';
import { INTL_TAGS, LOCALES } from '../../cards/i18n/locales';
import { catalogProblems, parseMessage, sampleValues } from './catalogProblems';

/** Messages that are rightly the same in Korean as in English (product names, codes). None yet. */
const SAME_IN_KOREAN: ReadonlySet<string> = new Set<string>();

describe('message catalog', () => {
  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} has exactly the English keys, valid ICU and the same placeholders`, () => {
      assert.deepEqual(catalogProblems(en, CATALOGS[locale], locale), []);
    });
  }

  it('English messages are valid ICU without date, time or tag placeholders', () => {
    assert.deepEqual(catalogProblems(en, en, 'en'), []);
  });

  it('every message formats in its language with sample values, leaving no placeholder behind', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(CATALOGS[locale])) {
        const parsed = parseMessage(message);
        if ('error' in parsed) continue; // reported by the test above
        const text = String(new IntlMessageFormat(message, INTL_TAGS[locale], undefined, { ignoreTag: true }).format(sampleValues(parsed.ast)));
        if (/[{}]/.test(text)) problems.push(`${key} (${locale}): "${text}" still has a brace`);
        const viaT = t(locale, key as keyof typeof en, sampleValues(parsed.ast));
        if (viaT !== text) problems.push(`${key} (${locale}): t() gave "${viaT}", expected "${text}"`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('each area file holds only keys under its own name, and no key is in two areas', () => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const [area, messages] of Object.entries(EN_AREAS)) {
      for (const key of Object.keys(messages)) {
        if (!key.startsWith(`${area}.`)) problems.push(`${key}: in area ${area}, but not named ${area}.…`);
        if (seen.has(key)) problems.push(`${key}: in areas ${seen.get(key)} and ${area}`);
        seen.set(key, area);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.keys(KO_AREAS).sort(), Object.keys(EN_AREAS).sort(), 'Korean has the English areas');
    for (const [area, messages] of Object.entries(KO_AREAS)) {
      assert.deepEqual(Object.keys(messages).sort(), Object.keys(EN_AREAS[area as keyof typeof EN_AREAS]).sort(), `Korean area ${area} has the English keys`);
    }
  });

  it('Korean messages are translated: written in Hangul, not English copied', () => {
    const untranslated = Object.entries(CATALOGS.ko)
      .filter(([key, message]) => !SAME_IN_KOREAN.has(key) && (message === en[key as keyof typeof en] || !/\p{Script=Hangul}/u.test(message)))
      .map(([key]) => key);
    assert.deepEqual(untranslated, []);
  });

  describe('the checks catch a broken translation, naming the key', () => {
    const english = {
      'x.greeting': 'Hello {name}',
      'x.count': '{n, plural, one {# licence} other {# licences}}',
      'x.role': '{billingAgent, select, yes {billing} other {other}}',
      'x.plain': 'Plain',
    };

    it('a missing key, an extra key, broken ICU and different placeholders', () => {
      const broken = {
        'x.greeting': '안녕하세요 {person}',
        'x.count': '{n, plural, other {라이선스 #개}',
        'x.role': '{billingAgent, select, yes {청구} no {기타} other {기타}}',
        'x.extra': '추가',
      };
      const problems = catalogProblems(english, broken, 'ko');
      assert.ok(problems.includes('x.plain: missing in ko'), problems.join('\n'));
      assert.ok(problems.includes('x.extra: in ko but not in English'), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('x.count: not valid ICU MessageFormat in ko')), problems.join('\n'));
      assert.ok(problems.includes('x.greeting: placeholders differ — en has name: text; ko has person: text'), problems.join('\n'));
      assert.ok(problems.includes('x.role: placeholders differ — en has billingAgent: select(other|yes); ko has billingAgent: select(no|other|yes)'), problems.join('\n'));
    });

    it('a placeholder of another kind, a date placeholder and a tag', () => {
      assert.deepEqual(catalogProblems({ 'x.n': '{n, number} seats' }, { 'x.n': '{n}석' }, 'ko'), ['x.n: placeholders differ — en has n: number; ko has n: text']);
      const dated = catalogProblems({ 'x.d': 'Due {due, date, medium}' }, { 'x.d': '기한 {due}' }, 'ko');
      assert.ok(dated.some((p) => p.startsWith('x.d: {due} is a date placeholder in en')), dated.join('\n'));
      assert.deepEqual(catalogProblems({ 'x.t': 'a <b>bold</b> word' }, { 'x.t': '굵은 <b>단어</b>' }, 'ko'), [], 'tags are plain text (ignoreTag), as at run time');
    });
  });

  describe('t()', () => {
    it('formats plurals and selects in each language', () => {
      const translator = createTranslator<string>({
        en: { 'x.count': '{n, plural, one {# licence} other {# licences}}' },
        ko: { 'x.count': '라이선스 {n, plural, other {#개}}' },
      });
      assert.equal(translator.t('en', 'x.count', { n: 1 }), '1 licence');
      assert.equal(translator.t('en', 'x.count', { n: 1200 }), '1,200 licences');
      assert.equal(translator.t('ko', 'x.count', { n: 3 }), '라이선스 3개');
    });

    it('falls back to English for a key a language lacks or a message that does not compile or format, never throwing', () => {
      const translator = createTranslator<string>({
        en: { 'x.a': 'Alpha', 'x.b': 'Beta {n}', 'x.c': 'Gamma {name}' },
        ko: { 'x.b': '베타 {n', 'x.c': '감마 {other}' },
      });
      assert.equal(translator.t('ko', 'x.a'), 'Alpha', 'missing in Korean');
      assert.equal(translator.t('ko', 'x.b', { n: 2 }), 'Beta 2', 'Korean does not compile');
      assert.equal(translator.t('ko', 'x.c', { name: 'Contoso' }), 'Gamma Contoso', 'Korean asks for a value it is not given');
      assert.equal(translator.t('en', 'x.c'), 'x.c', 'no value for the English placeholder either: the key, not a crash');
    });

    it('keeps < and > as text, as Teams cards need', () => {
      const translator = createTranslator<string>({ en: { 'x.t': 'Type <domain> then {n}' } });
      assert.equal(translator.t('en', 'x.t', { n: 1 }), 'Type <domain> then 1');
    });

    it('the bot catalog speaks both languages', () => {
      assert.equal(t('en', 'help.title'), 'CSP Move Assistant: commands');
      assert.equal(t('ko', 'help.title'), 'CSP Move Assistant 명령');
    });
  });
});
