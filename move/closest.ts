/**
 * "Did you mean …": the closest of a few known words to what someone typed, by edit distance (insertions,
 * deletions, substitutions and swaps of two neighbouring letters each count one). Pure.
 */

/** Edit distance with adjacent swaps (optimal string alignment), case-insensitive; stops early past `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[t.length];
}

/** The candidates at the smallest distance from `input`, if that distance is at most `max` (in the candidates' order). */
export function closest(input: string, candidates: readonly string[], max: number): { distance: number; matches: string[] } {
  let best = max + 1;
  let matches: string[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate, max);
    if (distance < best) {
      best = distance;
      matches = [candidate];
    } else if (distance === best && distance <= max && !matches.includes(candidate)) {
      matches.push(candidate);
    }
  }
  return best <= max ? { distance: best, matches } : { distance: best, matches: [] };
}
