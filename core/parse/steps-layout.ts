/**
 * Where each item of a workflow's `steps:` block sits in the text, found by reading lines only (no YAML parse),
 * so each item can be read on its own and a syntax error in one stays in it.
 */

/** One item of the top-level `steps` list: from the start of its `- ` line to the start of the next item. */
export interface StepChunk {
  /** Offset of the start of the item's first line. */
  start: number;
  /** Offset just past the item (start of the next item, or end of the block). */
  end: number;
}

export interface StepsLayout {
  /** Offset of the top-level `steps` key. */
  keyOffset: number;
  /** Start of the first item line; everything before is the header. */
  blockStart: number;
  /** End of the last item; everything after is the trailer. */
  blockEnd: number;
  chunks: StepChunk[];
}

const STEPS_KEY_LINE = /^steps[ \t]*:[ \t]*(?:#.*)?$/;
/** A top-level `key:` with nothing after it: its value is on the lines below. */
const SECTION_KEY = /^[^\s\-#[\]{}'"][^\s:#]*(?:[ \t]+[^\s:#]+)*[ \t]*:[ \t]*(?:#.*)?$/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t]|$)/;

/**
 * Split a workflow's text into header, one chunk per step item, and trailer. Returns undefined when the text
 * does not have the shape `steps:` at column 0 followed by block items (the caller then reads it in one piece).
 *
 * Lines belong to the item above them, however they are indented, with one exception: a line at column 0 ends
 * the list when it starts a new top-level section (`outputs:`, a document marker) or when no item follows
 * it. So a stray line typed at column 0 between two steps (`x: [`) is a syntax error of the step above, and the
 * steps below it are still steps.
 */
export function findStepsLayout(text: string): StepsLayout | undefined {
  if (hasLoneCarriageReturn(text)) return undefined;
  let keyOffset = -1;
  let lineStart = 0;
  for (; lineStart <= text.length; lineStart = nextLineStart(text, lineStart)) {
    if (text.startsWith('steps', lineStart) && STEPS_KEY_LINE.test(lineAt(text, lineStart))) {
      keyOffset = lineStart;
      lineStart = nextLineStart(text, lineStart);
      break;
    }
  }
  if (keyOffset === -1) return undefined;

  const chunks: StepChunk[] = [];
  let indent = -1;
  let blockEnd = text.length;
  /** Start of the column-0 lines met since the last item: they end the list unless an item follows. */
  let pendingEnd = -1;
  for (; lineStart < text.length; lineStart = nextLineStart(text, lineStart)) {
    const lineEnd = endOfLine(text, lineStart);
    let column = lineStart;
    while (column < lineEnd && text.charCodeAt(column) === 32) column++;
    const first = text[column];
    if (column === lineEnd || first === '#') continue;
    const spaces = column - lineStart;
    const isItem = first === '-' && (column + 1 === lineEnd || text[column + 1] === ' ');
    if (indent === -1) {
      if (!isItem) return undefined;
      indent = spaces;
    }
    if (isItem && spaces === indent) {
      pendingEnd = -1;
      const previous = chunks[chunks.length - 1];
      if (previous) previous.end = lineStart;
      chunks.push({ start: lineStart, end: text.length });
      continue;
    }
    if (spaces > 0 || first === '\t') continue;
    const line = text.slice(lineStart, lineEnd);
    if (SECTION_KEY.test(line) || DOCUMENT_MARKER.test(line)) {
      blockEnd = pendingEnd === -1 ? lineStart : pendingEnd;
      pendingEnd = -1;
      break;
    }
    if (pendingEnd === -1) pendingEnd = lineStart;
  }
  if (pendingEnd !== -1) blockEnd = pendingEnd;
  const last = chunks[chunks.length - 1];
  const firstChunk = chunks[0];
  if (!last || !firstChunk) return undefined;
  last.end = blockEnd;
  if (hasSecondStepsKey(text, blockEnd)) return undefined;
  return { keyOffset, blockStart: firstChunk.start, blockEnd, chunks };
}

function hasSecondStepsKey(text: string, from: number): boolean {
  for (let at = text.indexOf('\nsteps', from - 1); at !== -1; at = text.indexOf('\nsteps', at + 1)) {
    if (STEPS_KEY_LINE.test(lineAt(text, at + 1))) return true;
  }
  return false;
}

/** Lines are split on LF (CRLF is fine); a CR on its own would put our line numbers off the parser's. */
function hasLoneCarriageReturn(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

function lineAt(text: string, lineStart: number): string {
  return text.slice(lineStart, endOfLine(text, lineStart));
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  const end = newline === -1 ? text.length : newline;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

function nextLineStart(text: string, lineStart: number): number {
  const newline = text.indexOf('\n', lineStart);
  return newline === -1 ? text.length + 1 : newline + 1;
}
