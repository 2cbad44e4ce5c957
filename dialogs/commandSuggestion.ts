/**
 * A mistyped command's likely meaning: `mvoe contoso.com KR` → `move contoso.com KR`. Only when the first word is
 * within two edits of exactly one command word; otherwise no guess (the help list is the better answer). Pure.
 */
import { closest } from '../move/closest';
import { KOREAN_COMMAND_WORDS } from './commandAliases';
import { cleanText } from './commandParser';

/** The words the parser knows as a message's first word (see parseCommand). */
export const COMMAND_WORDS: readonly string[] = Object.freeze(['help', 'move', 'status', 'list', 'cancel', 'retry', 'audit', 'report', 'override', 'notify']);

/** The Korean command words (dialogs/commandAliases.ts). */
const KOREAN_WORDS: readonly string[] = Object.freeze(Object.keys(KOREAN_COMMAND_WORDS));

/** At most this many edits away from a command word: further is a different word, not a typo. */
const MAX_EDITS = 2;

/** The corrected text (the rest kept as typed), or null when there is no single close command word. */
export function suggestCommand(text: string): string | null {
  const [head = '', ...rest] = cleanText(text).split(' ');
  const word = head.replace(/^\//, '').normalize('NFC');
  if (/\p{Script=Hangul}/u.test(word)) return suggestKorean(word, rest);
  // Short words are a couple of edits from several commands: no guess for one or two letters.
  if (word.length < 3 || COMMAND_WORDS.includes(word.toLowerCase())) return null;
  const { distance, matches } = closest(word, COMMAND_WORDS, MAX_EDITS);
  if (matches.length !== 1) return null;
  // Two edits and another first letter is another word ("dance" is not "cancel"), not a slip of the fingers.
  if (distance === MAX_EDITS && matches[0][0] !== word[0].toLowerCase()) return null;
  return [matches[0], ...rest].join(' ').trim();
}

/**
 * A Hangul syllable carries several letters, so one edit in a Korean word is a bigger slip than in English: only
 * one-syllable slips of the three-syllable words (재시더 → 재시도) are guessed; two-syllable words are too short.
 */
function suggestKorean(word: string, rest: readonly string[]): string | null {
  if (word.length < 3 || KOREAN_WORDS.includes(word)) return null;
  const { matches } = closest(word, KOREAN_WORDS, 1);
  return matches.length === 1 ? [matches[0], ...rest].join(' ').trim() : null;
}
