import { SourceText } from '../parse/source-text.js';
import type { ChangedRegion } from './changed-region.js';

/**
 * The line index of the new text, from the old one: only the changed region is scanned. A text with carriage
 * returns is indexed anew (a CR may start a line on its own, or stop doing so when the LF after it goes).
 */
export function lineIndexAfterEdit(old: SourceText, text: string, region: ChangedRegion): SourceText {
  if (text.includes('\r') || old.text.includes('\r')) return new SourceText(text);
  const oldStarts = old.lineStartOffsets;
  const starts: number[] = [];
  let i = 0;
  for (; i < oldStarts.length && (oldStarts[i] ?? Infinity) <= region.start; i++)
    starts.push(oldStarts[i] ?? 0);
  for (let at = region.start; at < region.newEnd; at++) if (text.charCodeAt(at) === 10) starts.push(at + 1);
  for (; i < oldStarts.length; i++) {
    const start = oldStarts[i] ?? 0;
    if (start > region.oldEnd) starts.push(start + region.lengthDelta);
  }
  return new SourceText(text, starts);
}
