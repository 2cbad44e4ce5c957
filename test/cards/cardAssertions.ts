/**
 * Checks shared by the card tests: the adaptivecards SDK parses and validates the card for schema 1.5
 * without a single event, nothing is left unexpanded, and every Action.Execute is a well-formed move action.
 * The SDK only needs a DOM to render; parsing and validation run in plain Node.
 */
import assert from 'node:assert/strict';
import * as AC from 'adaptivecards';
import type { MoveState } from '../../move/state';

/** Properties the SDK does not model but Teams reads (or JSON Schema metadata). */
const HOST_PROPERTIES = new Set(['type', '$schema', 'msteams']);

/** Collections the SDK parses by hand (not through its property schema), per type. */
const COLLECTIONS: Record<string, string[]> = {
  AdaptiveCard: ['body', 'actions'],
  Container: ['items'],
  Column: ['items'],
  ColumnSet: ['columns'],
  RichTextBlock: ['inlines'],
  FactSet: ['facts'],
  'Input.ChoiceSet': ['choices'],
  ActionSet: ['actions'],
  Table: ['columns', 'rows'],
  TableRow: ['cells'],
  TableCell: ['items'],
  'Action.ShowCard': ['card'],
};

/** Every parse event and validation failure the SDK reports, plus properties it does not know. */
export function sdkProblems(json: unknown): string[] {
  const problems: string[] = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const checkKeys = (object: AC.SerializableObject, source: unknown) => {
    if (!source || typeof source !== 'object') return;
    const schema = object.getSchema();
    const known = new Set<string>();
    for (let i = 0; i < schema.getCount(); i++) known.add(schema.getItemAt(i).name);
    const type = (source as { type?: string }).type ?? 'AdaptiveCard';
    for (const key of COLLECTIONS[type] ?? []) known.add(key);
    for (const key of Object.keys(source)) {
      if (!known.has(key) && !HOST_PROPERTIES.has(key)) {
        problems.push(`unknown property "${key}" on ${type}`);
      }
    }
  };
  context.onParseElement = (element, source) => checkKeys(element, source);
  context.onParseAction = (action, source) => checkKeys(action, source);

  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  checkKeys(card, json);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

/** All objects in the card (depth first), for structural checks. */
export function walk(node: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item) => walk(item, visit));
  } else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((value) => walk(value, visit));
  }
}

export function executeActions(card: unknown): Array<{ verb: string; title?: string; data: Record<string, unknown>; [k: string]: unknown }> {
  const found: Array<{ verb: string; title?: string; data: Record<string, unknown> }> = [];
  walk(card, (object) => {
    if (object.type === 'Action.Execute') found.push(object as never);
  });
  return found;
}

/** All text a user can read in the card (TextBlock, TextRun, facts, labels, input values, titles). */
export function visibleText(card: unknown): string {
  const parts: string[] = [];
  walk(card, (object) => {
    for (const key of ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage', 'url']) {
      const value = object[key];
      if (typeof value === 'string') parts.push(value);
    }
  });
  return parts.join('\n');
}

/**
 * The card as a reader first sees it: without elements drawn hidden (`isVisible: false`, such as a Details container
 * a button shows) and without the cards of Action.ShowCard buttons (shown only once pressed).
 */
export function shownAtFirst<T>(card: T): T {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node.filter((item) => !(item && typeof item === 'object' && (item as Record<string, unknown>).isVisible === false)).map(strip);
    }
    if (node && typeof node === 'object') {
      const object = node as Record<string, unknown>;
      return Object.fromEntries(Object.entries(object)
        .filter(([key]) => !(key === 'card' && object.type === 'Action.ShowCard'))
        .map(([key, value]) => [key, strip(value)]));
    }
    return node;
  };
  return strip(card) as T;
}

export interface CardChecks {
  /** The card is a move card: it must have the manual refresh block for this move and version. */
  move?: { moveId: string; version: number };
}

/** The checks every card must pass: (1) SDK-valid, (2) version 1.5, (3) expanded, (4) move actions. */
export function assertValidCard(card: unknown, checks: CardChecks = {}): void {
  assert.deepEqual(sdkProblems(card), [], 'the adaptivecards SDK reports problems');
  const json = card as Record<string, unknown>;
  assert.equal(json.type, 'AdaptiveCard');
  assert.equal(json.version, '1.5');
  const text = JSON.stringify(card);
  assert.doesNotMatch(text, /\$\{/, 'an unexpanded ${...} binding is left');
  assert.doesNotMatch(text, /"\$(data|when)"/, 'a template directive is left');
  for (const action of executeActions(card)) {
    assert.match(action.verb, /^move\.[a-z]+(\.[a-z]+)?$/, `verb ${action.verb}`);
    assert.equal(typeof action.data, 'object', `data of ${action.verb}`);
    assert.equal(typeof action.data.moveId, 'string', `moveId on ${action.verb}`);
    assert.equal(typeof action.data.version, 'number', `version on ${action.verb}`);
    if (checks.move) {
      assert.equal(action.data.moveId, checks.move.moveId, `moveId on ${action.verb}`);
      assert.equal(action.data.version, checks.move.version, `version on ${action.verb}`);
    }
  }
  if (checks.move) {
    assert.deepEqual(json.refresh, {
      action: { type: 'Action.Execute', verb: 'move.refresh', data: { moveId: checks.move.moveId, version: checks.move.version } },
      userIds: [],
    });
  }
  // Teams refuses bot messages above about 28 KB; leave room for the activity envelope.
  assert.ok(Buffer.byteLength(text) < 24_000, `card is ${Buffer.byteLength(text)} bytes`);
}

// ---------------------------------------------------------------------------------------------------------
// Helpers for move cards

export function moveChecks(state: MoveState): CardChecks {
  return { move: { moveId: state.moveId, version: state.version } };
}

/** The verbs of the card's buttons (the refresh block left out). */
export function verbs(card: { body: unknown; actions?: unknown }): string[] {
  return executeActions({ body: card.body, actions: card.actions }).map((a) => a.verb);
}

export function buttons(card: { body: unknown; actions?: unknown }) {
  return executeActions({ body: card.body, actions: card.actions });
}

export function openUrls(card: unknown): string[] {
  const urls: string[] = [];
  walk(card, (o) => { if (o.type === 'Action.OpenUrl') urls.push(o.url as string); });
  return urls;
}

/** What a move card's compact header shows: the customer, on whom the move waits (if anyone), the stage badge and its style. */
export interface ShownHeader {
  customer: string;
  waiting: string | null;
  stage: string;
  style: string;
}

/** Reads the compact header, the first element of every move card (a ColumnSet: customer and waiting line, badge). */
export function compactHeader(card: unknown): ShownHeader {
  const first = (card as { body: Array<Record<string, unknown>> }).body[0];
  assert.equal(first?.type, 'ColumnSet', 'the card starts with the compact header');
  const [who, badge] = first.columns as Array<{ style?: string; items: Array<Record<string, unknown>> }>;
  const runs = who.items.map((item) => (item.inlines as Array<{ text: string }>).map((run) => run.text).join(''));
  return {
    customer: runs[0],
    waiting: runs[1] ?? null,
    stage: String(badge.items[0].text),
    style: String(badge.style),
  };
}

/**
 * Every move card starts with the compact header — the customer and the stage as a badge — and names who started
 * the move, when, and where its subscriptions are bought.
 */
export function assertHeader(card: unknown, state: MoveState, stageLabel: string) {
  const header = compactHeader(card);
  assert.ok(header.customer.includes(state.customerDomain), `customer in ${header.customer}`);
  assert.equal(header.stage, stageLabel, 'stage badge');
  assert.ok(visibleText(card).includes('Started by Megan Bowen, 3 Mar 2025, 09:00 UTC · bought direct from Microsoft'), 'starter, time and source');
}
