/** Which language and time zone a Teams client's values mean, and dates, times and lists in them. */
import assert from 'node:assert/strict';
import { formatDate, formatDateTime, formatLocalDate, formatLocalDateTime } from '../../cards/common';
import { formatList } from '../../cards/i18n/catalog';
import { resolveLocale, resolveTimeZone } from '../../cards/i18n/locales';

describe('resolveLocale', () => {
  it('maps Teams locales to the catalog language', () => {
    assert.equal(resolveLocale('ko-KR'), 'ko');
    assert.equal(resolveLocale('ko'), 'ko');
    assert.equal(resolveLocale('KO_kr'), 'ko');
    assert.equal(resolveLocale('en-US'), 'en');
    assert.equal(resolveLocale('en-GB'), 'en');
    assert.equal(resolveLocale(' en '), 'en');
  });

  it('takes the default for a language it has no catalog for, or for anything that is not a language tag', () => {
    for (const tag of ['fr-FR', 'ja', 'kok', 'x', '', '  ', '!!', 'ko-KR-'.repeat(20), undefined, null, 42, {}]) {
      assert.equal(resolveLocale(tag), 'en', String(tag));
      assert.equal(resolveLocale(tag, 'ko'), 'ko', `${String(tag)} with DEFAULT_LOCALE=ko`);
    }
  });
});

describe('resolveTimeZone', () => {
  it('keeps an IANA zone Intl knows, spelled canonically', () => {
    assert.equal(resolveTimeZone('Asia/Seoul'), 'Asia/Seoul');
    assert.equal(resolveTimeZone('asia/seoul'), 'Asia/Seoul');
    assert.equal(resolveTimeZone('America/Los_Angeles'), 'America/Los_Angeles');
    assert.equal(resolveTimeZone('UTC'), 'UTC');
  });

  it('takes UTC for a missing, made-up or malformed zone', () => {
    for (const zone of ['Mars/Olympus_Mons', '+09:00', '', 'Asia/Seoul; DROP', '../etc/passwd', 'A'.repeat(100), undefined, null, 9]) {
      assert.equal(resolveTimeZone(zone), 'UTC', String(zone));
    }
  });
});

describe('formatLocalDate and formatLocalDateTime', () => {
  const morning = '2025-03-03T09:05:00Z';
  const lateEvening = '2025-09-03T23:30:00Z';

  it('English in UTC reads exactly as formatDate and formatDateTime', () => {
    for (const value of [morning, lateEvening, '2024-02-29T00:00:00Z', '2025-12-31T23:59:00Z']) {
      assert.equal(formatLocalDate(value, 'en', 'UTC'), formatDate(value), value);
      assert.equal(formatLocalDateTime(value, 'en', 'UTC'), formatDateTime(value), value);
    }
    assert.equal(formatLocalDateTime(morning, 'en', 'UTC'), '3 Mar 2025, 09:05 UTC');
    assert.equal(formatLocalDate(lateEvening, 'en', 'UTC'), '3 Sep 2025');
  });

  it('shows the day and time in the reader\'s time zone', () => {
    assert.equal(formatLocalDate(lateEvening, 'en', 'Asia/Seoul'), '4 Sep 2025');
    assert.equal(formatLocalDateTime(lateEvening, 'en', 'Asia/Seoul'), '4 Sep 2025, 08:30 GMT+9');
    assert.equal(formatLocalDateTime(lateEvening, 'en', 'America/Los_Angeles'), '3 Sep 2025, 16:30 GMT-7');
  });

  it('writes Korean dates the Korean way', () => {
    assert.equal(formatLocalDate(morning, 'ko', 'Asia/Seoul'), '2025년 3월 3일');
    assert.equal(formatLocalDate(lateEvening, 'ko', 'Asia/Seoul'), '2025년 9월 4일');
    assert.equal(formatLocalDateTime(lateEvening, 'ko', 'Asia/Seoul'), '2025년 9월 4일 08:30 GMT+9');
    assert.equal(formatLocalDateTime(morning, 'ko', 'UTC'), '2025년 3월 3일 09:05 UTC');
  });

  it('says the date is unknown in the reader\'s language, or as asked, and takes UTC for a bad zone', () => {
    for (const missing of [null, undefined, '', 'not a date']) {
      assert.equal(formatLocalDate(missing, 'en', 'UTC'), 'unknown');
      assert.equal(formatLocalDateTime(missing, 'ko', 'Asia/Seoul'), '알 수 없음');
      assert.equal(formatLocalDate(missing, 'ko', 'Asia/Seoul', '—'), '—');
    }
    assert.equal(formatLocalDateTime(morning, 'en', 'Nowhere/Special'), '3 Mar 2025, 09:05 UTC');
    assert.equal(formatLocalDate(new Date(morning), 'ko', 'UTC'), '2025년 3월 3일');
  });
});

describe('formatList', () => {
  it('joins in each language\'s style', () => {
    assert.equal(formatList('en', ['Account admin', 'Admin agent', 'Sales agent'], 'or'), 'Account admin, Admin agent or Sales agent');
    assert.equal(formatList('ko', ['계정 관리자', '관리 에이전트', '영업 에이전트'], 'or'), '계정 관리자, 관리 에이전트 또는 영업 에이전트');
    assert.equal(formatList('en', ['Account admin', 'Billing agent'], 'and'), 'Account admin and Billing agent');
    assert.equal(formatList('ko', ['계정 관리자', '청구 관리자'], 'and'), '계정 관리자 및 청구 관리자');
    assert.equal(formatList('en', ['Sales agent'], 'and'), 'Sales agent');
  });
});
