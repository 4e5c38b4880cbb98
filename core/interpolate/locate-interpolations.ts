import type { Located, Span } from '../model/source.js';
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
  return found.map((interpolation) => {
    const raw = value.value.slice(interpolation.span.start, interpolation.span.end);
    let at = contentStart + interpolation.span.start;
    if (!(at >= cursor && text.startsWith(raw, at))) at = searchFrom(text, raw, cursor, end);
    if (at === -1) return { ...interpolation, span: { start, end }, innerSpan: { start, end } };
    cursor = at + raw.length;
    return {
      ...interpolation,
      span: { start: at, end: at + raw.length },
      innerSpan: shift(interpolation.innerSpan, at - interpolation.span.start),
    };
  });
}

/** The next `raw` in [from, end) that is not escaped as `$${`. */
function searchFrom(text: string, raw: string, from: number, end: number): number {
  for (
    let at = text.indexOf(raw, from);
    at !== -1 && at + raw.length <= end;
    at = text.indexOf(raw, at + 1)
  ) {
    if (text[at - 1] !== '$') return at;
  }
  return -1;
}

function shift(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}
