/**
 * A copy of a model fragment (a step, syntax problems, diagnostics…) with every span at or after `from` moved by
 * `delta`: how a result read in one version of a text is placed in the next, where text above it grew or shrank.
 * The original is left as it is. Spans are recognised by their numeric `start` and `end` (nothing else in the
 * model has both), so a new model field needs no change here.
 */
export function shiftSpans<T>(value: T, delta: number, from = -Infinity): T {
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let index = 0; index < value.length; index++)
      copy[index] = shiftSpans(value[index] as unknown, delta, from);
    return copy as T;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const { start, end } = record;
  if (typeof start === 'number' && typeof end === 'number') {
    return (start >= from ? { start: start + delta, end: end + delta } : { start, end }) as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key in record) {
    const field = record[key];
    copy[key] = field !== null && typeof field === 'object' ? shiftSpans(field, delta, from) : field;
  }
  return copy as T;
}
