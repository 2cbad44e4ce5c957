/**
 * Shared plumbing for the card modules: the card JSON type, template expansion, verbs and action data,
 * text sanitising (length limits, no markdown from untrusted text), date formatting and the template
 * fragments every move card uses. Pure functions and frozen constants only.
 *
 * Text rule used by every card: a TextBlock's text is always markdown-processed by Teams, and escaping
 * markdown is rendered differently by each Teams client, so untrusted text (comments, reasons, error
 * messages, people's and companies' names, SKU names) only ever goes into a RichTextBlock TextRun, which is
 * never markdown-processed. TextBlocks only interpolate our own wording, numbers, dates and char-filtered
 * domains.
 */
import { Template } from 'adaptivecards-templating';
import { z } from 'zod';

/** An Adaptive Card 1.5 as a plain JSON object, ready for `CardFactory.adaptiveCard(...)`. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  refresh?: unknown;
  [key: string]: unknown;
}

/** The Action.Execute verbs the cards emit; the bot routes on these. */
export const VERBS = Object.freeze({
  start: 'move.start',
  approvePlan: 'move.plan.approve',
  rejectPlan: 'move.plan.reject',
  /** Asks to cancel: answered with the confirmation (what cancelling does, a required reason). */
  cancel: 'move.cancel',
  /** Confirms the cancellation with its reason (the confirmation card). */
  cancelConfirm: 'move.cancel.confirm',
  refresh: 'move.refresh',
  /** An Account admin picks offers for a licence with no equivalent (blocked card). */
  chooseOffers: 'move.offers.choose',
  /** Staff type the inventory when the bot cannot read the tenant (blocked and progress cards). */
  enterInventory: 'move.inventory.enter',
  /** Another licence-reassignment pass after staff fixed the users listed (blocked card). */
  retryReassignment: 'move.reassignment.retry',
  /** Staff have the bot email the invitation to the customer's admin (invitation card). */
  emailInvitation: 'move.invitation.email',
  /** Staff change a plan line's term and billing, quantity or buy date (plan card): the plan is redrawn for approval. */
  adjustPlan: 'move.plan.adjust',
  /** Staff tick a follow-up after the purchase as done (done and status cards). */
  followUpDone: 'move.followup.done',
  /** Staff ask for the licence reassignment report as a CSV file, sent to their personal chat (reassignment card). */
  downloadReport: 'move.report.download',
  /** Open a move from the dashboard (`list`): its current card, in place of the dashboard. */
  openMove: 'move.open',
  /** Redraw the dashboard (`list`) under another filter, for the person who clicked. */
  filterList: 'move.list.filter',
} as const);
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/**
 * What a move card puts in every action's data: the move and the state version the card was drawn from
 * (stale-card check). The bot reads it back with `moveActionContract`.
 */
export interface MoveActionData {
  moveId: string;
  version: number;
}

/** Id of the shared optional comment input on the plan card. */
export const COMMENT_INPUT_ID = 'comment';

// ---------------------------------------------------------------------------------------------------------
// Action contracts: what the bot accepts as each verb's data. Each verb's contract lives beside the card that
// emits it; the router parses the data with it before the handler runs, and answers a failed parse with 400.
// Teams adds the inputs of the whole card to the data, so every contract allows unknown extra fields.
// Error messages are short fragments ("must be text") the router puts after the field's name.

/** Move ids the bot hands out (`mv-…`); anything else names no move here. */
const MOVE_ID_PATTERN = /^mv-[A-Za-z0-9-]{1,100}$/;

/** Longer than any id a card carries (at most LIMITS.id): longer ones are forged and refused. */
export const MOVE_ID_MAX_CHARS = 200;

/**
 * The card's move id: text of at most 200 characters. It arrives as the id, or null when it is missing, empty
 * or not shaped like one of ours (path-like or forged), so the lookup answers that the move is not here.
 */
export const moveIdField = z
  .string({ error: (issue) => (issue.input === undefined ? 'is missing' : `must be text of at most ${MOVE_ID_MAX_CHARS} characters`) })
  .max(MOVE_ID_MAX_CHARS, { error: `must be text of at most ${MOVE_ID_MAX_CHARS} characters` })
  .nullish()
  .transform((value): string | null => (value && MOVE_ID_PATTERN.test(value) ? value : null));

/** Text typed or carried by the card: missing or null is '', longer text is clipped to `max` characters. */
export function clippedText(max: number) {
  return z.string({ error: 'must be text' }).nullish().transform((value) => (value ?? '').slice(0, max));
}

/** Text whose length the handler judges itself (to say how long it may be): missing or null is ''. */
export const typedText = z.string({ error: 'must be text' }).nullish().transform((value) => value ?? '');

/**
 * A multi-select's values: Teams sends them comma-separated; a list is taken as is. Each value trimmed and
 * clipped to 100 characters, empty ones dropped, at most `maxItems` kept (the decider judges how many).
 */
export function multiSelect(maxItems = 10) {
  return z
    .union([z.string(), z.array(z.string())], { error: 'must be text (values separated by commas) or a list of texts' })
    .nullish()
    .transform((value): string[] => {
      const items = typeof value === 'string' ? value.slice(0, 2000).split(',') : value ?? [];
      return items.slice(0, 1000).map((item) => item.trim().slice(0, 100)).filter(Boolean).slice(0, maxItems);
    });
}

/** An Input.Toggle: "true"/"false" (as Teams sends them) or a boolean; anything else, or nothing, is null. */
export const toggleField = z
  .union([z.string().max(10), z.boolean()], { error: 'must be "true", "false" or a boolean' })
  .nullish()
  .transform((value): boolean | null => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : null));

/**
 * Every move action: the move id and the version the card was drawn from. The version may be of any type:
 * one that is not the move's current version (a number) only means the card is out of date.
 */
export const moveActionContract = z.looseObject({
  moveId: moveIdField,
  version: z.unknown().optional(),
});
export type MoveAction = z.infer<typeof moveActionContract>;

/** `move.refresh` (every move card's refresh block and Refresh buttons): the move action alone. */
export const refreshContract = moveActionContract;
export type RefreshAction = z.infer<typeof refreshContract>;

/**
 * `move.cancel` (status, progress, invitation and scheduled cards): the move action. A `comment` older cards sent is
 * accepted and ignored: the answer is the confirmation, which asks for the reason (cards/cancelConfirmCard.ts).
 */
export const cancelContract = moveActionContract.extend({
  [COMMENT_INPUT_ID]: clippedText(2000),
});
export type CancelAction = z.infer<typeof cancelContract>;

/** Input ids of the offer-picking form of one licence: the offers (`productId:skuId`, comma-separated) and why. */
export function offerInputIds(sourceSkuId: string): { offers: string; reason: string } {
  const key = sourceSkuId.toLowerCase();
  return { offers: `offers-${key}`, reason: `offerReason-${key}` };
}

/** Id of the typed-inventory input (blocked and progress cards). */
export const INVENTORY_INPUT_ID = 'inventoryText';

/** Id of the invitation card's input for the customer admin's address(es), comma-separated. */
export const INVITATION_EMAIL_INPUT_ID = 'invitationEmailTo';

/** Length limits for anything that did not come from our own wording. */
export const LIMITS = Object.freeze({
  name: 80,
  domain: 253,
  id: 100,
  sku: 80,
  title: 120,
  comment: 500,
  message: 600,
  error: 400,
  reason: 300,
  url: 2048,
  /** Rows drawn from lists whose length we do not control (Teams caps a message at about 28 KB). */
  listRows: 40,
  subscriptionsPerSku: 10,
  timelineRows: 25,
});

/** Freezes a template (or any constant) all the way down, so no module holds mutable state. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Expands a card template with `adaptivecards-templating` against a typed view model. */
export function expandCard(template: object, data: object): AdaptiveCardJson {
  const card = new Template(template).expand({ $root: data }) as AdaptiveCardJson;
  // Buttons hidden with $when leave an empty list behind; drop it so clients draw no empty action bar.
  if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
  return card;
}

// ---------------------------------------------------------------------------------------------------------
// Text sanitising

// Control characters (keeping \n and \t for multi-line text), bidi overrides/isolates, zero-width and BOM.
// A fresh RegExp per call: a shared /g RegExp carries lastIndex state.
const UNSAFE_CHARS = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]';

function stripUnsafe(text: string): string {
  return text.replace(new RegExp(UNSAFE_CHARS, 'g'), '');
}

/** The value as a string, cut early (with "…") so a megabyte of input costs no more than a few kB of work. */
function toText(value: unknown, max: number): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  const budget = max * 8 + 1024;
  return text.length <= budget ? text : text.slice(0, budget).replace(/[\uD800-\uDBFF]$/, '') + '…';
}

/** Cuts to `max` characters (code points, so no broken surrogate pairs), marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

/** Template syntax in data is never evaluated, but we keep it from looking like an unexpanded binding. */
function defuseTemplateSyntax(text: string): string {
  return text.replace(/\$\{/g, '$ {');
}

/** One line of untrusted text: no control or bidi characters, whitespace collapsed, at most `max` chars. */
export function oneLine(value: unknown, max: number): string {
  const text = stripUnsafe(toText(value, max)).replace(/\s+/g, ' ').trim();
  return truncate(defuseTemplateSyntax(text), max);
}

/** Untrusted multi-line text (comments): line breaks kept, at most two in a row, at most `max` chars. */
export function multiLine(value: unknown, max: number): string {
  const text = stripUnsafe(toText(value, max).replace(/\r\n?/g, '\n'))
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return truncate(defuseTemplateSyntax(text), max);
}

/**
 * A domain or tenant id for display: only letters, digits, dots and hyphens survive (so it is safe in a
 * markdown TextBlock), lower-cased, at most 253 characters.
 */
export function domainText(value: unknown): string {
  const text = toText(value, LIMITS.domain).normalize('NFC').replace(/[^\p{L}\p{N}.-]/gu, '').toLowerCase();
  const clipped = truncate(text, LIMITS.domain);
  return clipped === '' ? '(no domain given)' : clipped;
}

/** An https URL we are willing to put behind a button, or null. */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || text.length > LIMITS.url) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** "1 licence" / "25 licences". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
export function endSentence(text: string): string {
  return text === '' || /[.!?…:]$/.test(text) ? text : `${text}.`;
}

/** Upper-cases the first letter: "bought direct from Microsoft" → "Bought direct from Microsoft". */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------------------
// Dates: always UTC and spelled out, so every reader sees the same day whatever their client does.

const MONTHS: readonly string[] = Object.freeze(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "30 Jun 2025"; "unknown" when missing or unreadable (never guessed). */
export function formatDate(value: string | null | undefined, whenMissing = 'unknown'): string {
  const date = parseDate(value);
  if (!date) return whenMissing;
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "3 Mar 2025, 09:05 UTC"; "unknown" when missing. */
export function formatDateTime(value: string | null | undefined, whenMissing = 'unknown'): string {
  const date = parseDate(value);
  if (!date) return whenMissing;
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(value)}, ${hh}:${mm} UTC`;
}

/**
 * The same in a reader's language and time zone (Intl): formatLocalDate(value, 'ko', 'Asia/Seoul') → "2025년 3월 4일".
 * English in UTC reads as formatDate/formatDateTime above; see cards/i18n/dates.ts.
 */
export { formatLocalDate, formatLocalDateTime } from './i18n/dates';

// ---------------------------------------------------------------------------------------------------------
// Template fragments (used inside the card templates; expanded with the card's view model)

/** The card skeleton shared by every card. */
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * `refresh` block of every move card: manual refresh ("Refresh card" in the card menu) re-draws the card
 * from the current state. Expects `${act.moveId}` / `${act.version}` in the view model.
 */
export const REFRESH_TEMPLATE = deepFreeze({
  action: {
    type: 'Action.Execute',
    verb: VERBS.refresh,
    data: { moveId: '${act.moveId}', version: '${act.version}' },
  },
  userIds: [],
});

/**
 * The card with Teams' automatic refresh for these people (Teams user ids, `29:…`; at most 60): Teams asks the bot for
 * the card as each of them should see it (user-specific views) when they look at it. Everyone else sees the card
 * as posted and can refresh it from the card's menu.
 */
export function withAutoRefreshFor<C extends AdaptiveCardJson>(card: C, userIds: readonly string[]): C {
  const refresh = (card as { refresh?: { userIds?: string[] } }).refresh;
  if (!refresh || userIds.length === 0) return card;
  return { ...card, refresh: { ...refresh, userIds: [...new Set(userIds)].slice(0, 60) } };
}

/** What every move card starts with: the card type and version, full width, and the refresh action. */
export const MOVE_CARD_FRAME = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  msteams: { width: 'Full' },
  refresh: REFRESH_TEMPLATE,
});

/** A "Label: value" line; the value is untrusted text (TextRun, no markdown). */
export function factLine(label: string, valueExpr: string, extra: Record<string, unknown> = {}): object {
  return {
    type: 'RichTextBlock',
    ...extra,
    inlines: [
      { type: 'TextRun', text: `${label}: `, weight: 'Bolder' },
      { type: 'TextRun', text: valueExpr },
    ],
  };
}

/** A plain-text paragraph of untrusted text (TextRun, no markdown). */
export function plainText(valueExpr: string, extra: Record<string, unknown> = {}): object {
  return { type: 'RichTextBlock', ...extra, inlines: [{ type: 'TextRun', text: valueExpr }] };
}

/** `Action.Execute` with the standard move data; `extraData` adds template expressions to `data`. */
export function executeAction(
  title: string,
  verb: Verb,
  extra: Record<string, unknown> = {},
  extraData: Record<string, unknown> = {},
): object {
  return {
    type: 'Action.Execute',
    title,
    verb,
    ...extra,
    data: { moveId: '${act.moveId}', version: '${act.version}', ...extraData },
  };
}
