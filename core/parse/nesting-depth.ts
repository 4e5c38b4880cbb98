/**
 * No workflow nests brackets more than a few levels; the yaml library recurses once per level and, deep
 * enough, exhausts the stack (or V8 aborts the whole process while compiling a regular expression there).
 * A long-lived language server must never meet that, so deeper text is not handed to the parser at all.
 */
export const MAX_FLOW_NESTING = 256;

/**
 * The offset of the first `[` or `{` that opens level `limit + 1`, or undefined. Linear; brackets inside
 * quoted scalars and comments do not count.
 */
export function findExcessiveNesting(text: string, limit = MAX_FLOW_NESTING): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // One table look-up per character keeps this at a few milliseconds per megabyte.
    const kind = c < 128 ? CHARACTER_KIND[c] : PLAIN;
    if (kind === PLAIN) continue;
    if (kind === OPEN) {
      if (++depth > limit) return i;
    } else if (kind === CLOSE) {
      if (depth > 0) depth--;
    } else if (kind === QUOTE) {
      i = skipQuoted(text, i, c === 34 ? '"' : "'");
    } else if (i === 0 || /\s/.test(text.charAt(i - 1))) {
      const lineEnd = text.indexOf('\n', i);
      i = lineEnd === -1 ? text.length : lineEnd;
    }
  }
  return undefined;
}

const PLAIN = 0;
const OPEN = 1;
const CLOSE = 2;
const QUOTE = 3;
const COMMENT = 4;
const CHARACTER_KIND = new Uint8Array(128);
CHARACTER_KIND['['.charCodeAt(0)] = OPEN;
CHARACTER_KIND['{'.charCodeAt(0)] = OPEN;
CHARACTER_KIND[']'.charCodeAt(0)] = CLOSE;
CHARACTER_KIND['}'.charCodeAt(0)] = CLOSE;
CHARACTER_KIND['"'.charCodeAt(0)] = QUOTE;
CHARACTER_KIND["'".charCodeAt(0)] = QUOTE;
CHARACTER_KIND['#'.charCodeAt(0)] = COMMENT;

/** The offset of the closing quote (or the end of the line for an unclosed one: the parser reports that). */
function skipQuoted(text: string, open: number, quote: '"' | "'"): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return i;
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}
