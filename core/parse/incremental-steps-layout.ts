/**
 * Where each step of a workflow's `steps:` block sits in the text, found by reading lines only (no YAML parse),
 * so an edit can be matched to the one step it touched. Used by the incremental parser.
 */

/** One item of the top-level `steps:` sequence: from the start of its `- ` line to the start of the next item. */
export interface StepChunk {
  /** Offset of the start of the item's first line. */
  start: number;
  /** Offset just past the chunk (start of the next item, or end of the block). */
  end: number;
  /** 0-based line of `start`. */
  line: number;
}

export interface StepsLayout {
  /** Offset of the top-level `steps` key. */
  keyOffset: number;
  /** Start of the first item line; everything before is the header. */
  blockStart: number;
  /** End of the last chunk; everything after is the trailer. */
  blockEnd: number;
  /** Spaces before each item's `-`. */
  indent: number;
  chunks: StepChunk[];
}

const STEPS_KEY_LINE = /^steps[ \t]*:[ \t]*(?:#.*)?$/;

/**
 * Split a workflow's text into header, one chunk per step item, and trailer. Returns undefined when the text
 * does not have the plain shape `steps:` at column 0 followed by block items (the caller then parses in full).
 */
export function findStepsLayout(text: string): StepsLayout | undefined {
  let keyOffset = -1;
  let lineStart = 0;
  let line = 0;
  // Find the one top-level `steps:` line.
  for (; lineStart <= text.length; line++) {
    const lineEnd = endOfLine(text, lineStart);
    if (text.startsWith('steps', lineStart) && STEPS_KEY_LINE.test(text.slice(lineStart, lineEnd))) {
      if (keyOffset !== -1) return undefined;
      keyOffset = lineStart;
      lineStart = nextLineStart(text, lineEnd);
      line++;
      break;
    }
    lineStart = nextLineStart(text, lineEnd);
  }
  if (keyOffset === -1) return undefined;

  const chunks: StepChunk[] = [];
  let indent = -1;
  let blockEnd = text.length;
  for (; lineStart < text.length; line++) {
    const lineEnd = endOfLine(text, lineStart);
    let column = lineStart;
    while (column < lineEnd && text.charCodeAt(column) === 32) column++;
    const first = text[column];
    const blank = column === lineEnd || first === '#';
    if (!blank) {
      const isItem = first === '-' && (column + 1 === lineEnd || text[column + 1] === ' ');
      const spaces = column - lineStart;
      if (indent === -1) {
        if (!isItem) return undefined;
        indent = spaces;
      }
      if (isItem && spaces === indent) {
        if (chunks.length) chunks[chunks.length - 1].end = lineStart;
        chunks.push({ start: lineStart, end: text.length, line });
      } else if (spaces < indent || (spaces === indent && indent === 0)) {
        blockEnd = lineStart;
        break;
      } else if (first === '\t' || spaces === indent) {
        return undefined;
      }
    }
    lineStart = nextLineStart(text, lineEnd);
  }
  if (!chunks.length) return undefined;
  chunks[chunks.length - 1].end = blockEnd;
  if (hasSecondStepsKey(text, blockEnd) || hasLoneCarriageReturn(text)) return undefined;
  return { keyOffset, blockStart: chunks[0].start, blockEnd, indent, chunks };
}

function hasSecondStepsKey(text: string, from: number): boolean {
  for (let at = text.indexOf('\nsteps', from - 1); at !== -1; at = text.indexOf('\nsteps', at + 1)) {
    if (STEPS_KEY_LINE.test(text.slice(at + 1, endOfLine(text, at + 1)))) return true;
  }
  return false;
}

/** Lines are split on LF (CRLF is fine); a CR on its own would put our line numbers off the parser's. */
function hasLoneCarriageReturn(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  const end = newline === -1 ? text.length : newline;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

function nextLineStart(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13) lineEnd++;
  return lineEnd + 1;
}
