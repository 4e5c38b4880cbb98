/** Reading YAML block structure line by line: what completion needs while the document is broken. */

/** A line split into its block-structure parts. */
export interface YamlLine {
  start: number;
  end: number;
  /** Columns of the `- ` sequence indicators, left to right. */
  dashes: number[];
  /** Column where the content starts (after indentation and dashes). */
  contentColumn: number;
  /** The mapping key, when the content is `key:` or `key: value`. */
  key?: string;
  /** Text after `key:` (trimmed), or the whole content when there is no key. */
  value: string;
  /** Offset where `value` starts. */
  valueStart: number;
  /** Blank or comment only. */
  blank: boolean;
}

const KEY = /^([^\s:#[\]{},"'][^:#]*?|"[^"]*"|'[^']*')[ \t]*:(?=[ \t]|$)[ \t]*/;

/** Split `text[start, end)` (one line, no line break) into its parts. */
export function readYamlLine(text: string, start: number, end: number): YamlLine {
  let at = start;
  while (at < end && text.charCodeAt(at) === 32) at++;
  const dashes: number[] = [];
  while (at < end && text[at] === '-' && (at + 1 === end || text[at + 1] === ' ')) {
    dashes.push(at - start);
    at++;
    while (at < end && text.charCodeAt(at) === 32) at++;
  }
  const content = text.slice(at, end);
  const blank = dashes.length === 0 && (content === '' || content.startsWith('#'));
  const match = KEY.exec(content);
  const rawKey = match?.[1];
  if (!match || rawKey === undefined)
    return { start, end, dashes, contentColumn: at - start, value: content, valueStart: at, blank };
  const key = rawKey.replace(/^(["'])(.*)\1$/, '$2');
  return {
    start,
    end,
    dashes,
    contentColumn: at - start,
    key,
    value: content.slice(match[0].length),
    valueStart: at + match[0].length,
    blank,
  };
}

/** Start offset of the line before the one starting at `lineStart`, or -1 at the top. */
export function previousLineStart(text: string, lineStart: number): number {
  if (lineStart === 0) return -1;
  // lastIndexOf clamps a negative start to 0, where it would find this line's own break (`\n` at 0).
  if (lineStart === 1) return 0;
  return text.lastIndexOf('\n', lineStart - 2) + 1;
}

/** End offset of the line starting at `lineStart` (before `\r\n` / `\n`). */
export function lineEndAt(text: string, lineStart: number): number {
  const newline = text.indexOf('\n', lineStart);
  const end = newline === -1 ? text.length : newline;
  return end > lineStart && text[end - 1] === '\r' ? end - 1 : end;
}

export function lineStartAt(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}
