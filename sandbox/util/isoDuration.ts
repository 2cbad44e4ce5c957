/** ISO 8601 durations as used by GDAP (`P730D`, `P2Y`, `PT0S`) and NCE terms (`P1M`, `P1Y`, `P3Y`). */

const DURATION_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseIsoDuration(text: string): DurationParts | null {
  if (typeof text !== 'string' || text.length > 40 || text === 'P' || text.endsWith('T')) return null;
  const match = DURATION_PATTERN.exec(text);
  if (!match) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part ? Number(part) : 0));
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** Length in days where a year is 365 days and a month 30 (how GDAP bounds P1D..P2Y = 730 days). */
export function approximateDays(parts: DurationParts): number {
  return (
    parts.years * 365 +
    parts.months * 30 +
    parts.weeks * 7 +
    parts.days +
    (parts.hours * 3600 + parts.minutes * 60 + parts.seconds) / 86400
  );
}

/** Adds a duration calendar-wise (months and years as calendar units) to an instant. */
export function addIsoDuration(start: Date, parts: DurationParts): Date {
  const result = new Date(start.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + parts.years);
  result.setUTCMonth(result.getUTCMonth() + parts.months);
  result.setUTCDate(result.getUTCDate() + parts.weeks * 7 + parts.days);
  result.setTime(result.getTime() + (parts.hours * 3600 + parts.minutes * 60 + parts.seconds) * 1000);
  return result;
}
