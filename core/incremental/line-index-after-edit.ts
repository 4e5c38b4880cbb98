import { SourceText } from '../parse/source-text.js';
import type { ChangedRegion } from './changed-region.js';

/**
 * The line index of the new text, from the old one: only the changed region is scanned. A text with carriage
 * returns is indexed anew (a CR may start a line on its own, or stop doing so when the LF after it goes).
 */
export function lineIndexAfterEdit(old: SourceText, text: string, region: ChangedRegion): SourceText {
  if (text.includes('\r')) return new SourceText(text);
  const oldStarts = old.lineStartOffsets;
  // Lines that start before the edit keep their offsets; those that start after it move with the text.
  const before = firstAbove(oldStarts, region.start);
  const after = firstAbove(oldStarts, region.oldEnd);
  const starts = oldStarts.slice(0, before);
  for (
    let at = text.indexOf('\n', region.start);
    at !== -1 && at < region.newEnd;
    at = text.indexOf('\n', at + 1)
  )
    starts.push(at + 1);
  for (let index = after; index < oldStarts.length; index++)
    starts.push((oldStarts[index] ?? 0) + region.lengthDelta);
  return new SourceText(text, starts);
}

/** The index of the first offset greater than `offset` in an ascending list. */
function firstAbove(offsets: readonly number[], offset: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((offsets[mid] ?? Infinity) <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
