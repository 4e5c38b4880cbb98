import type { Located } from '../model/source.js';
import { findInterpolations, type Interpolation } from './lex-interpolations.js';

/**
 * The interpolations of a scalar with spans in the document (not in the string). Quotes, escapes and folded
 * lines make the string differ from its source, so each `${…}` is found in the source text of the scalar:
 * first where it would be if nothing changed, else by searching forward. If it cannot be found (say, an
 * escape inside the braces), the whole scalar is used.
 */
export function locateInterpolations(value: Located<string>, text: string): Interpolation[] {
  const found = findInterpolations(value.value);
  if (found.length === 0) return found;
  const { start, end } = value.span;
  const quoted = text[start] === '"' || text[start] === "'";
  const contentStart = quoted ? start + 1 : start;
  let cursor = contentStart;
  // The interpolations are fresh objects from the lexer: move their spans in place.
  for (const interpolation of found) {
    const raw = value.value.slice(interpolation.span.start, interpolation.span.end);
    let at = contentStart + interpolation.span.start;
    if (!(at >= cursor && text.startsWith(raw, at))) at = searchFrom(text, raw, cursor, end);
    if (at === -1) {
      interpolation.span = { start, end };
      interpolation.innerSpan = { start, end };
      continue;
    }
    cursor = at + raw.length;
    const delta = at - interpolation.span.start;
    interpolation.innerSpan.start += delta;
    interpolation.innerSpan.end += delta;
    interpolation.span.start = at;
    interpolation.span.end = cursor;
  }
  return found;
}

/** The next `raw` in [from, end) that is not escaped as `$${` (searching only the scalar, not the rest of the file). */
function searchFrom(text: string, raw: string, from: number, end: number): number {
  const scalar = text.slice(from, end);
  for (let at = scalar.indexOf(raw); at !== -1; at = scalar.indexOf(raw, at + 1)) {
    const before = at > 0 ? scalar[at - 1] : text[from - 1];
    if (before !== '$') return from + at;
  }
  return -1;
}
