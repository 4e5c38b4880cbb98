/** Moving model offsets for the incremental parser. */
import type { Span } from '../model/source.js';

/** Where two versions of a text differ: `[start, oldEnd)` of the old text became `[start, newEnd)`. */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
  /** newText.length - oldText.length */
  lengthDelta: number;
}

/**
 * The region between the longest common prefix and the longest common suffix. Found by binary search over
 * substring comparisons (native code) rather than a character loop: a 1 MB document costs well under a millisecond.
 */
export function changedRegion(oldText: string, newText: string): ChangedRegion {
  const shorter = Math.min(oldText.length, newText.length);
  const start = longestMatch(shorter, (length) => oldText.slice(0, length) === newText.slice(0, length));
  const suffix = longestMatch(
    shorter - start,
    (length) => oldText.slice(oldText.length - length) === newText.slice(newText.length - length),
  );
  return {
    start,
    oldEnd: oldText.length - suffix,
    newEnd: newText.length - suffix,
    lengthDelta: newText.length - oldText.length,
  };
}

/** The largest length in [0, limit] for which `matches` holds (it holds for every smaller length too). */
function longestMatch(limit: number, matches: (length: number) => boolean): number {
  if (matches(limit)) return limit;
  let low = 0;
  let high = limit - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (matches(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function isSpan(value: Record<string, unknown>): boolean {
  return typeof value.start === 'number' && typeof value.end === 'number' && Object.keys(value).length === 2;
}

/**
 * A copy of a model fragment with every span at or after `from` moved by `delta`.
 * Spans are recognised by shape ({start, end} numbers and nothing else), so new model fields need no change here.
 */
export function shiftSpans<T>(value: T, delta: number, from = -Infinity): T {
  if (Array.isArray(value)) return value.map((item: unknown) => shiftSpans(item, delta, from)) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (isSpan(record)) {
    return (
      (record.start as number) >= from
        ? { start: (record.start as number) + delta, end: (record.end as number) + delta }
        : record
    ) as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) copy[key] = shiftSpans(record[key], delta, from);
  return copy as T;
}

/**
 * Every span object inside `value` (each once), except under properties named in `skip`: moving them later is a
 * tight loop over this list (see {@link moveSpans}) instead of a walk over the model.
 */
export function collectSpans(
  value: unknown,
  skip?: ReadonlySet<string>,
  into: Span[] = [],
  seen: Set<object> | undefined = new Set<object>(),
): Span[] {
  // `seen` guards against objects reachable twice; undefined for a value known to own all its objects.
  if (value === null || typeof value !== 'object' || seen?.has(value)) return into;
  seen?.add(value);
  if (Array.isArray(value)) {
    for (const item of value) collectSpans(item, skip, into, seen);
    return into;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.start === 'number' && typeof record.end === 'number') {
    into.push(record as unknown as Span);
    return into;
  }
  for (const key in record) if (!skip?.has(key)) collectSpans(record[key], skip, into, seen);
  return into;
}

/** Move each span of a list made by {@link collectSpans} by `delta`. */
export function moveSpans(spans: readonly Span[], delta: number): void {
  for (const span of spans) {
    span.start += delta;
    span.end += delta;
  }
}

/**
 * Move every span inside `value` by `delta`, in place. The value must own its spans (no span object reachable
 * twice, as in a copy made by {@link shiftSpans}); properties named in `skip` are left alone (e.g. links to
 * objects that move on their own).
 */
export function shiftInPlace(value: unknown, delta: number, skip?: ReadonlySet<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) shiftInPlace(item, delta, skip);
    return;
  }
  const record = value as Record<string, unknown>;
  // Only spans have numeric `start` and `end` in the model (no key count here: this runs on every edit).
  if (typeof record.start === 'number' && typeof record.end === 'number') {
    (record as { start: number }).start += delta;
    (record as { end: number }).end += delta;
    return;
  }
  for (const key in record) {
    const child = record[key];
    if (child !== null && typeof child === 'object' && !skip?.has(key)) shiftInPlace(child, delta, skip);
  }
}
