/** Korean command words: understood as their English commands, English always still understood, typos guessed. */
import assert from 'node:assert/strict';
import { parseCommand } from '../../dialogs/commandParser';
import { suggestCommand } from '../../dialogs/commandSuggestion';

describe('Korean command words', () => {
  it('each Korean command is its English command', () => {
    const pairs: Array<[string, string]> = [
      ['이동 contoso.com', 'move contoso.com'],
      ['이동 Contoso.com KR csp', 'move Contoso.com KR csp'],
      ['상태 contoso.com', 'status contoso.com'],
      ['상태', 'status'],
      ['목록', 'list'],
      ['도움말', 'help'],
      ['취소 contoso.com', 'cancel contoso.com'],
      ['감사 contoso.com', 'audit contoso.com'],
      ['보고서 contoso.com', 'report contoso.com'],
      ['재시도 contoso.com', 'retry contoso.com'],
      ['재정의 contoso.com 고객이 확인함', 'override contoso.com 고객이 확인함'],
      ['<at>CSP Move Assistant</at> 알림 여기', '<at>CSP Move Assistant</at> notify here'],
    ];
    for (const [korean, english] of pairs) assert.deepEqual(parseCommand(korean), parseCommand(english), korean);
    assert.equal(parseCommand('이동 contoso.com').kind, 'move');
    assert.deepEqual(parseCommand('알림 여기'), { kind: 'notify-here' });
  });

  it('understands the Korean list filters, and mixed Korean and English', () => {
    assert.deepEqual(parseCommand('목록 대기'), { kind: 'list', filter: 'waiting' });
    assert.deepEqual(parseCommand('목록 내'), { kind: 'list', filter: 'mine' });
    assert.deepEqual(parseCommand('목록 차단'), { kind: 'list', filter: 'blocked' });
    assert.deepEqual(parseCommand('목록 전체'), { kind: 'list', filter: 'all' });
    assert.deepEqual(parseCommand('목록 어제'), { kind: 'list', filter: null });
    assert.deepEqual(parseCommand('list 대기'), { kind: 'list', filter: 'waiting' });
    assert.deepEqual(parseCommand('목록 waiting'), { kind: 'list', filter: 'waiting' });
    assert.deepEqual(parseCommand('notify 여기'), { kind: 'notify-here' });
  });

  it('reads Hangul sent decomposed (NFD) as the same words', () => {
    assert.deepEqual(parseCommand('이동 contoso.com'.normalize('NFD')), parseCommand('move contoso.com'));
    assert.deepEqual(parseCommand('목록 대기'.normalize('NFD')), { kind: 'list', filter: 'waiting' });
  });

  it('a Korean word that is no command, or a command word later in the text, stays unknown', () => {
    assert.equal(parseCommand('안녕하세요').kind, 'unknown');
    assert.equal(parseCommand('알림 모두').kind, 'unknown');
    assert.equal(parseCommand('contoso.com 이동').kind, 'unknown');
    assert.equal(parseCommand('constructor').kind, 'unknown');
    assert.equal(parseCommand('__proto__ 여기').kind, 'unknown');
  });

  it('English commands are unchanged', () => {
    assert.deepEqual(parseCommand('move contoso.com US'), { kind: 'move', customer: 'contoso.com', country: 'US', source: null, multiPartner: false, requestGdap: true });
    assert.deepEqual(parseCommand('help'), { kind: 'help' });
    assert.deepEqual(parseCommand('notify here'), { kind: 'notify-here' });
  });

  it('guesses a one-syllable slip in a three-syllable Korean command, and nothing shorter or ambiguous', () => {
    assert.equal(suggestCommand('재시더 contoso.com'), '재시도 contoso.com');
    assert.equal(suggestCommand('도음말'), '도움말');
    assert.equal(suggestCommand('보고사 contoso.com'), '보고서 contoso.com');
    for (const text of ['재시의 contoso.com', '이둥 contoso.com', '안녕하세요', '재시도 contoso.com', '가나다']) assert.equal(suggestCommand(text), null, text);
  });

  it('suggests report for a typo of it, like the other English commands', () => {
    assert.equal(suggestCommand('reprot contoso.com'), 'report contoso.com');
  });
});
