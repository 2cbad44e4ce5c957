import type { SourceChannel } from '../move/model';
import { filterNamed, type ListFilter } from '../move/moveListing';
import { englishArgumentWord, englishCommandWord } from './commandAliases';

/** What a person typed, understood. Parsing is pure so it is tested without Teams. */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'move'; customer: string | null; country: string | null; source: SourceChannel | null; multiPartner: boolean; requestGdap: boolean }
  | { kind: 'status'; customer: string | null }
  /** `list [all|mine|waiting|blocked]`; filter null when the word after `list` names no filter. */
  | { kind: 'list'; filter: ListFilter | null }
  | { kind: 'cancel'; customer: string | null }
  | { kind: 'retry'; customer: string | null }
  | { kind: 'audit'; customer: string | null }
  | { kind: 'report'; customer: string | null }
  | { kind: 'override'; customer: string | null; reason: string }
  | { kind: 'notify-here' }
  | { kind: 'unknown'; text: string };

const MAX_INPUT = 500;

const SOURCE_WORDS: Record<string, SourceChannel> = {
  direct: 'microsoft-direct',
  microsoft: 'microsoft-direct',
  'microsoft-direct': 'microsoft-direct',
  csp: 'other-csp-partner',
  partner: 'other-csp-partner',
  'other-csp-partner': 'other-csp-partner',
  program: 'other-program',
  'other-program': 'other-program',
  ea: 'other-program',
};

/** Removes Teams' `<at>Bot</at>` mention markup and any leftover HTML, and tidies whitespace. */
export function cleanText(text: string): string {
  return text
    .slice(0, MAX_INPUT * 4)
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_INPUT);
}

export function parseCommand(raw: string): ChatCommand {
  const text = cleanText(raw);
  const [head = '', ...rest] = text.split(' ');
  // Korean command words (dialogs/commandAliases.ts) are understood as their English commands.
  const verb = englishCommandWord(head.toLowerCase().replace(/^\//, ''));
  switch (verb) {
    case '':
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'move':
      return parseMove(rest);
    case 'status':
      return { kind: 'status', customer: rest[0]?.toLowerCase() ?? null };
    case 'list':
      return { kind: 'list', filter: rest[0] ? filterNamed(englishArgumentWord(rest[0])) : 'all' };
    case 'cancel':
      return { kind: 'cancel', customer: rest[0]?.toLowerCase() ?? null };
    case 'retry':
      return { kind: 'retry', customer: rest[0]?.toLowerCase() ?? null };
    case 'override':
      return { kind: 'override', customer: rest[0]?.toLowerCase() ?? null, reason: rest.slice(1).join(' ') };
    case 'audit':
      return { kind: 'audit', customer: rest[0]?.toLowerCase() ?? null };
    case 'report':
      return { kind: 'report', customer: rest[0]?.toLowerCase() ?? null };
    case 'notify':
      return rest[0] && englishArgumentWord(rest[0].toLowerCase()) === 'here' ? { kind: 'notify-here' } : { kind: 'unknown', text };
    default:
      return { kind: 'unknown', text };
  }
}

/** `move <domain> [<country>] [direct|csp|program] [multi-partner] [no-gdap]` */
function parseMove(words: string[]): ChatCommand {
  let customer: string | null = null;
  let country: string | null = null;
  let source: SourceChannel | null = null;
  let multiPartner = false;
  let requestGdap = true;
  for (const word of words) {
    const w = word.toLowerCase().replace(/^country[=:]/, '').replace(/^from[=:]/, '');
    if (w === 'country' || w === 'from') continue;
    if (w === 'multi-partner' || w === 'multipartner') multiPartner = true;
    else if (w === 'no-gdap' || w === 'nogdap') requestGdap = false;
    else if (Object.hasOwn(SOURCE_WORDS, w)) source = SOURCE_WORDS[w];
    else if (/^[a-z]{2}$/.test(w) && customer) country = w.toUpperCase();
    else if (!customer) customer = w;
  }
  return { kind: 'move', customer, country, source, multiPartner, requestGdap };
}

/** Text a person typed, made safe to repeat in a bot message: no markdown or markup, bounded. */
export function quoteForChat(text: string, max = 100): string {
  const plain = text.replace(/[\[\]()*_~`#<>|\\!{}]/g, '').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
