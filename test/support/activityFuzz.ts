import { createSeededRandom } from '../../sandbox/util/ids';

/**
 * Seeded mutation of Bot Framework activities, for the edge fuzz test: the same seed
 * gives the same activities, so a failure can be replayed.
 */

/** The PRNG for a seed: the sandbox's seeded mulberry32. */
export function prng(seed: number): () => number {
  return createSeededRandom('activity-fuzz', String(seed));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const STRINGS = [
  '', ' ', 'move', 'help', 'list', 'status', 'cancel contoso.onmicrosoft.com', 'retry', 'audit', 'notify here', '<at>Bot</at>',
  'contoso.onmicrosoft.com', '00000000-0000-0000-0000-0000000000022', 'adelev@relecloud.onmicrosoft.com', '__proto__', 'constructor',
  '../../etc/passwd', '%00', '\u0000', '\u202e', '😀'.repeat(40), '<script>alert(1)</script>', '{"$ne":null}', 'x'.repeat(5000),
  'mv-00000000', 'move.plan.approve', 'move.refresh', 'adaptiveCard/action', 'signin/verifyState', 'msteams', 'personal', 'channel',
  'http://127.0.0.1:1/', 'https://attacker.example.com/', 'en-US', 'ko-KR', 'NaN', '-1', 'true', 'null',
];

export function randomValue(random: () => number, depth = 0): Json {
  const pick = random();
  if (pick < 0.1) return null;
  if (pick < 0.2) return random() < 0.5;
  if (pick < 0.35) return [0, -1, 1e308, -0, 2 ** 53, 3.14, Number.MAX_SAFE_INTEGER][Math.floor(random() * 7)];
  if (pick < 0.7) return STRINGS[Math.floor(random() * STRINGS.length)];
  if (pick < 0.85 && depth < 3) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  if (depth < 3) {
    const object: Record<string, Json> = {};
    for (let i = Math.floor(random() * 4); i > 0; i -= 1) object[STRINGS[Math.floor(random() * STRINGS.length)].slice(0, 20) || 'k'] = randomValue(random, depth + 1);
    return object;
  }
  return 'leaf';
}

/** Every path to a value in the object (objects and arrays, at most `maxDepth` deep). */
function paths(value: Json, maxDepth = 5, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = [];
  if (prefix.length >= maxDepth || value === null || typeof value !== 'object') return found;
  const entries: Array<[string | number, Json]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    found.push([...prefix, key]);
    found.push(...paths(child, maxDepth, [...prefix, key]));
  }
  return found;
}

function parentOf(root: Json, path: Array<string | number>): { parent: any; key: string | number } | null {
  let node: any = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return null;
    node = node[key];
  }
  return node !== null && typeof node === 'object' ? { parent: node, key: path[path.length - 1] } : null;
}

/** One to three mutations of a copy of `activity`: a field removed, replaced by something of another type, or added. */
export function mutate(activity: Record<string, unknown>, random: () => number): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(activity)) as Record<string, Json>;
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i += 1) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = all[Math.floor(random() * all.length)];
    const target = parentOf(copy, path);
    if (!target) continue;
    const kind = random();
    if (kind < 0.3) {
      if (Array.isArray(target.parent)) target.parent.splice(Number(target.key), 1);
      else delete target.parent[target.key];
    } else if (kind < 0.85) {
      target.parent[target.key] = randomValue(random);
    } else if (!Array.isArray(target.parent)) {
      target.parent[STRINGS[Math.floor(random() * STRINGS.length)].slice(0, 30) || 'extra'] = randomValue(random);
    }
  }
  return copy;
}
