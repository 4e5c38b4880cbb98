/** Seconds per duration unit of `max_age` (no unit: seconds). */
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/** How old a cache entry may be when a step sets no `max_age`: a week, as Dagger's function cache. */
export const DEFAULT_MAX_AGE_SECONDS = 7 * 86_400;

/**
 * Parse a `max_age` — `90`, `30m`, `12h`, `7d`, `1.5h` — into seconds; undefined for anything else or for zero.
 * The same text the schema's `maxAge` pattern accepts.
 */
export function parseMaxAge(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/.exec(text);
  if (!match) return undefined;
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 1);
  return seconds > 0 ? seconds : undefined;
}

/** "3 h", "2 d", "45 s": an age for messages. */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}
