/**
 * Injected faults (`/_sandbox/faults`): failures or delays on the calls whose `METHOD /path` matches a
 * pattern. `*` matches one path segment, `**` any number of segments (also none); query strings are ignored;
 * the method may be `*`. `/_sandbox/**` is never faulted.
 *
 * At most one fault applies to a request: the first one, in creation order, that matches, still has hits left
 * and (with `probability`) wins its draw. Draws come from a PRNG seeded by the world seed and the fault's
 * definition, so the same run hits the same requests.
 */
import { createSeededRandom } from '../util/ids';
import { isRecord } from '../util/jwt';

export type FaultPhase = 'before' | 'after';

export interface FaultView {
  id: string;
  match: string;
  /** null for a pure delay (no status given, only delayMs). */
  status: number | null;
  /** How many requests it may hit; null = unlimited. */
  count: number | null;
  probability: number | null;
  retryAfterSeconds: number | null;
  delayMs: number;
  phase: FaultPhase;
  body: unknown;
  hits: number;
  exhausted: boolean;
}

export interface Fault extends FaultView {
  readonly method: string;
  readonly pattern: readonly string[];
  readonly random: () => number;
}

export class FaultDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultDefinitionError';
  }
}

export interface FaultRegistry {
  add(body: unknown): Fault;
  list(): FaultView[];
  remove(id: string): boolean;
  clear(): void;
  /** The fault that applies to this request (its hit is counted), or undefined. */
  pick(method: string, path: string): Fault | undefined;
}

const DEFAULT_STATUS = 503;
const MAX_DELAY_MS = 10 * 60 * 1000;
const MAX_FAULTS = 200;
const MATCH_PATTERN = /^(\*|[A-Za-z]{1,10})\s+(\/\S{0,500})$/;

export function createFaultRegistry(seed: string): FaultRegistry {
  let faults: Fault[] = [];
  let counter = 0;
  return {
    add(body) {
      if (faults.length >= MAX_FAULTS) throw new FaultDefinitionError(`At most ${MAX_FAULTS} faults at a time; DELETE /_sandbox/faults first.`);
      counter += 1;
      const fault = defineFault(seed, `fault-${counter}`, body);
      faults.push(fault);
      return fault;
    },
    list: () => faults.map(viewOf),
    remove(id) {
      const before = faults.length;
      faults = faults.filter((f) => f.id !== id);
      return faults.length !== before;
    },
    clear() {
      faults = [];
      counter = 0;
    },
    pick(method, path) {
      if (isSandboxPath(path)) return undefined;
      const segments = splitSegments(path);
      for (const fault of faults) {
        if (fault.exhausted) continue;
        if (fault.method !== '*' && fault.method !== method.toUpperCase()) continue;
        if (!matchSegments(fault.pattern, 0, segments, 0)) continue;
        if (fault.probability !== null && fault.random() >= fault.probability) continue;
        fault.hits += 1;
        if (fault.count !== null && fault.hits >= fault.count) fault.exhausted = true;
        return fault;
      }
      return undefined;
    },
  };
}

function viewOf(fault: Fault): FaultView {
  const { id, match, status, count, probability, retryAfterSeconds, delayMs, phase, body, hits, exhausted } = fault;
  return { id, match, status, count, probability, retryAfterSeconds, delayMs, phase, body, hits, exhausted };
}

function defineFault(seed: string, id: string, body: unknown): Fault {
  if (!isRecord(body)) throw new FaultDefinitionError('Send a JSON object: {"match": "POST /v1/customers/*/carts/*/checkout", "status"?, "count"?, "probability"?, "retryAfterSeconds"?, "delayMs"?, "phase"?, "body"?}.');
  const known = ['match', 'status', 'count', 'probability', 'retryAfterSeconds', 'delayMs', 'phase', 'body'];
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new FaultDefinitionError(`Unknown fault field(s): ${unknown.slice(0, 5).join(', ')}.`);

  const matchText = body.match;
  const parsed = typeof matchText === 'string' ? MATCH_PATTERN.exec(matchText.trim()) : null;
  if (typeof matchText !== 'string' || !parsed) {
    throw new FaultDefinitionError('match must look like "METHOD /path/pattern", e.g. "POST /v1/customers/*/carts/*/checkout" or "* /**".');
  }
  const method = parsed[1].toUpperCase();
  const pattern = splitSegments(parsed[2]);
  if (pattern.some((segment) => segment.includes('*') && segment !== '*' && segment !== '**')) {
    throw new FaultDefinitionError('In match, * and ** stand for whole path segments only.');
  }
  if (pattern.filter((segment) => segment === '**').length > 3) throw new FaultDefinitionError('Use ** at most three times in match.');

  const delayMs = optionalInteger(body.delayMs, 'delayMs', 0, MAX_DELAY_MS) ?? 0;
  const explicitStatus = optionalInteger(body.status, 'status', 400, 599);
  const hasBody = body.body !== undefined;
  if (hasBody && (typeof body.body !== 'object' || body.body === null)) throw new FaultDefinitionError('body must be a JSON object or array.');
  // A delay alone delays the real answer; anything else answers with an error (503 unless told).
  const status = explicitStatus ?? (delayMs > 0 && !hasBody ? null : DEFAULT_STATUS);

  const probability = body.probability === undefined ? null : body.probability;
  if (probability !== null && (typeof probability !== 'number' || !(probability >= 0 && probability <= 1))) {
    throw new FaultDefinitionError('probability must be a number from 0 to 1.');
  }
  const count = optionalInteger(body.count, 'count', 1, 1_000_000) ?? (probability === null ? 1 : null);
  const retryAfterSeconds = optionalInteger(body.retryAfterSeconds, 'retryAfterSeconds', 0, 86_400) ?? (status === 429 ? 1 : null);
  const phase = body.phase ?? 'before';
  if (phase !== 'before' && phase !== 'after') throw new FaultDefinitionError("phase must be 'before' or 'after'.");

  return {
    id,
    match: `${method} ${parsed[2]}`,
    method,
    pattern,
    status,
    count,
    probability,
    retryAfterSeconds,
    delayMs,
    phase,
    body: hasBody ? body.body : null,
    hits: 0,
    exhausted: false,
    random: createSeededRandom(seed, 'fault', method, parsed[2].toLowerCase(), String(probability)),
  };
}

function optionalInteger(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultDefinitionError(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export function isSandboxPath(path: string): boolean {
  const first = splitSegments(path)[0];
  return first !== undefined && first.toLowerCase() === '_sandbox';
}

/** Path segments, percent-decoded where possible, lower-cased (the APIs' paths are case-insensitive). */
function splitSegments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0).map((segment) => {
    try {
      return decodeURIComponent(segment).toLowerCase();
    } catch {
      return segment.toLowerCase();
    }
  });
}

function matchSegments(pattern: readonly string[], p: number, actual: readonly string[], a: number): boolean {
  if (p === pattern.length) return a === actual.length;
  const segment = pattern[p];
  if (segment === '**') {
    for (let next = a; next <= actual.length; next += 1) {
      if (matchSegments(pattern, p + 1, actual, next)) return true;
    }
    return false;
  }
  if (a === actual.length) return false;
  return (segment === '*' || segment === actual[a]) && matchSegments(pattern, p + 1, actual, a + 1);
}
