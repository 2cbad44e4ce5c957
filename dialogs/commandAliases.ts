/**
 * Korean words for the chat commands. Commands are English first (the manifest's command list, the help card's
 * English examples); Korean speakers may type these instead: `이동 contoso.com` is `move contoso.com`. Pure tables.
 */

/** Korean command word → the English command word the parser knows. `알림 여기` is `notify here`. */
export const KOREAN_COMMAND_WORDS: Readonly<Record<string, string>> = Object.freeze({
  이동: 'move',
  상태: 'status',
  목록: 'list',
  도움말: 'help',
  취소: 'cancel',
  감사: 'audit',
  보고서: 'report',
  재시도: 'retry',
  재정의: 'override',
  알림: 'notify',
});

/** Korean words after a command word: `알림 여기` (notify here) and the list filters (`목록 대기` = `list waiting`). */
const KOREAN_ARGUMENT_WORDS: Readonly<Record<string, string>> = Object.freeze({
  여기: 'here',
  전체: 'all',
  내: 'mine',
  대기: 'waiting',
  차단: 'blocked',
});

/** Hangul typed on some clients arrives decomposed (NFD); the tables are composed (NFC). */
function composed(word: string): string {
  return word.normalize('NFC');
}

/** The English command word for a Korean one; any other word as given. */
export function englishCommandWord(word: string): string {
  const key = composed(word);
  return Object.hasOwn(KOREAN_COMMAND_WORDS, key) ? KOREAN_COMMAND_WORDS[key] : word;
}

/** The English word for a Korean argument word (`여기`, `대기`, …); any other word as given. */
export function englishArgumentWord(word: string): string {
  const key = composed(word);
  return Object.hasOwn(KOREAN_ARGUMENT_WORDS, key) ? KOREAN_ARGUMENT_WORDS[key] : word;
}
