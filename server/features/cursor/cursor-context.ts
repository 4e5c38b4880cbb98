import { lineEndAt, lineStartAt, previousLineStart, readYamlLine, type YamlLine } from './yaml-lines.js';

/** `-` stands for "an item of a sequence" in a {@link CursorContext.path}. */
export const ITEM = '-';

/**
 * Where the cursor is in the YAML block structure, read from the text around it (works on broken documents).
 * `path` is the keys from the root, with {@link ITEM} for sequence items: `['steps', '-', 'depends_on', '-']`.
 */
export interface CursorContext {
  /**
   * - `key`: at the start of a mapping entry (typing a key);
   * - `value`: after `key: ` on the same line;
   * - `item`: after `- ` (an entry of a block sequence, maybe a mapping);
   * - `flow-item`: inside `[a, b, |]` after `key: `.
   */
  kind: 'key' | 'value' | 'item' | 'flow-item';
  path: string[];
  /** The word under the cursor, to be replaced by a completion. */
  word: { text: string; start: number; end: number };
  /** Keys of the mapping the cursor is in (kind `key`/`item`), or of the mapping that holds the key (`value`). */
  siblingKeys: string[];
  /** Other entries of the list the cursor is in (`item` and `flow-item`). */
  listed: string[];
  /** Offset of the line of the `- ` that starts the enclosing item of `steps`, if any. */
  stepItemStart?: number;
}

const WORD = /[A-Za-z0-9_.\-/:@]*$/;

/** The cursor's context at `offset` of `text`. */
export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = lineStartAt(text, offset);
  const line = readYamlLine(text, lineStart, offset);
  const lineEnd = lineEndAt(text, lineStart);
  const wordAt = (from: number) => {
    const typed = text.slice(from, offset);
    const before = typed.slice(typed.search(WORD)); // WORD ends in `*$`: it always matches, maybe empty
    const rest = text.slice(offset, lineEnd);
    const afterLength = rest.search(/[^A-Za-z0-9_.\-/:@]/);
    return {
      text: before,
      start: offset - before.length,
      end: offset + (afterLength === -1 ? rest.length : afterLength),
    };
  };

  if (line.key !== undefined) {
    const ancestors = findAncestors(text, lineStart, line.contentColumn, line.dashes);
    const path = [...ancestors.path, line.key];
    if (line.value.startsWith('[')) {
      const inside = text.slice(line.valueStart + 1, lineEnd);
      const close = inside.indexOf(']');
      const entries = (close === -1 ? inside : inside.slice(0, close))
        .split(',')
        .map((entry) => entry.trim());
      const word = wordAt(line.valueStart + 1);
      const current = text.slice(line.valueStart + 1, offset).split(',').length - 1;
      const listed = entries.filter((entry, index) => entry !== '' && index !== current);
      return {
        kind: 'flow-item',
        path,
        word,
        siblingKeys: ancestors.siblingKeys,
        listed,
        stepItemStart: ancestors.stepItemStart,
      };
    }
    return {
      kind: 'value',
      path,
      word: wordAt(line.valueStart),
      siblingKeys: ancestors.siblingKeys,
      listed: [],
      stepItemStart: ancestors.stepItemStart,
    };
  }

  const word = wordAt(line.valueStart);
  const dashColumn = line.dashes.at(-1);
  if (dashColumn !== undefined) {
    // The item's own `- ` counts as an enclosing item, whose list may sit at the column of its key.
    const ancestors = findAncestors(text, lineStart, line.contentColumn, line.dashes);
    const path = ancestors.path;
    const listed = blockListEntries(text, lineStart, dashColumn);
    const stepItemStart = ancestors.stepItemStart;
    const siblingKeys = siblingsBelow(text, lineStart, line.contentColumn);
    return { kind: 'item', path, word, siblingKeys, listed, stepItemStart };
  }
  const ancestors = findAncestors(text, lineStart, line.contentColumn, []);
  const siblingKeys = [...ancestors.siblingKeys, ...siblingsBelow(text, lineStart, line.contentColumn)];
  return {
    kind: 'key',
    path: ancestors.path,
    word,
    siblingKeys,
    listed: [],
    stepItemStart: ancestors.stepItemStart,
  };
}

interface Ancestors {
  path: string[];
  siblingKeys: string[];
  stepItemStart?: number;
}

/**
 * The keys above a node at `column` on the line starting at `lineStart`, walking up by indentation.
 * `ownDashes` are the `- ` indicators on the node's own line left of it (each one an enclosing sequence item).
 */
function findAncestors(text: string, lineStart: number, column: number, ownDashes: number[]): Ancestors {
  const path: string[] = [];
  const siblingKeys: string[] = [];
  const dashLines: { depth: number; start: number }[] = [];
  let limit = column;
  // Right after a `- `, the sequence may sit at the same column as its key (`steps:\n- id: a`).
  let afterDash = false;
  for (const dash of [...ownDashes].reverse()) {
    path.unshift(ITEM);
    dashLines.push({ depth: path.length, start: lineStart });
    limit = dash;
    afterDash = true;
  }
  if (ownDashes.length === 0) {
    for (
      let start = previousLineStart(text, lineStart);
      start !== -1;
      start = previousLineStart(text, start)
    ) {
      // At the top level only siblings are left to find (keys already present at column 0).
      if (limit === 0 && !afterDash && path.length) break;
      if (cannotMatter(text, start, limit, path.length === 0)) continue;
      const line = readYamlLine(text, start, lineEndAt(text, start));
      if (line.blank) continue;
      ({ limit, afterDash } = visitLine(line, limit, afterDash, path, siblingKeys, dashLines));
    }
  } else {
    for (
      let start = previousLineStart(text, lineStart);
      start !== -1;
      start = previousLineStart(text, start)
    ) {
      if (limit === 0 && !afterDash) break;
      if (cannotMatter(text, start, limit, false)) continue;
      const line = readYamlLine(text, start, lineEndAt(text, start));
      if (line.blank) continue;
      ({ limit, afterDash } = visitLine(line, limit, afterDash, path, [], dashLines));
    }
  }
  const stepItemStart = path[0] === 'steps' && path[1] === ITEM ? stepItemOf(dashLines, path) : undefined;
  return { path, siblingKeys, stepItemStart };
}

/**
 * A quick look at a line's indentation, so the walk up a 24k-line file reads only lines that may be an ancestor
 * (left of `limit`) or a sibling key (at `limit`, when siblings are still wanted); a `- ` at `limit` is neither.
 */
function cannotMatter(text: string, start: number, limit: number, wantSiblings: boolean): boolean {
  let at = start;
  while (text.charCodeAt(at) === 32) at++;
  const indent = at - start;
  if (indent > limit) return true;
  return indent === limit && !wantSiblings && text[at] === '-';
}

/** Among the dashes met on the way up, the one that stands for `steps[-]` (path index 1). */
function stepItemOf(dashLines: { depth: number; start: number }[], path: string[]): number | undefined {
  // dashLines record the path length right after each dash was prepended; the step item is the last one
  // prepended before 'steps', i.e. the one whose index from the root is 1.
  for (const dash of dashLines) if (path.length - dash.depth === 1) return dash.start;
  return undefined;
}

function visitLine(
  line: YamlLine,
  limit: number,
  afterDash: boolean,
  path: string[],
  siblingKeys: string[],
  dashLines: { depth: number; start: number }[],
): { limit: number; afterDash: boolean } {
  // A key with a value at column 0, met while climbing out of a list item: in valid YAML it would have ended that
  // list, so it is a stray line typed inside it, read as part of the step above (core/parse/steps-layout.ts).
  if (
    line.key !== undefined &&
    line.contentColumn === 0 &&
    dashLines.length > 0 &&
    !/^\s*(#.*)?$/.test(line.value)
  )
    return { limit, afterDash };
  if (line.key !== undefined) {
    const column = line.contentColumn;
    if (column < limit || (column === limit && afterDash && line.value === '')) {
      path.unshift(line.key);
      limit = column;
      afterDash = false;
    } else if (column === limit && path.length === 0) {
      siblingKeys.push(line.key);
    }
  }
  for (const dash of [...line.dashes].reverse()) {
    if (dash < limit) {
      path.unshift(ITEM);
      dashLines.push({ depth: path.length, start: line.start });
      limit = dash;
      afterDash = true;
    }
  }
  return { limit, afterDash };
}

/** Keys at `column` below the line at `lineStart`, up to the end of their mapping. */
function siblingsBelow(text: string, lineStart: number, column: number): string[] {
  const keys: string[] = [];
  for (let start = lineEndAt(text, lineStart) + 1; start < text.length; start = lineEndAt(text, start) + 1) {
    const line = readYamlLine(text, start, lineEndAt(text, start));
    if (line.blank) continue;
    const firstColumn = line.dashes[0] ?? line.contentColumn;
    if (firstColumn < column) break;
    if (line.key !== undefined && line.contentColumn === column && line.dashes.length === 0)
      keys.push(line.key);
  }
  return keys;
}

/** The other scalar entries of the block list whose `- ` items sit at `dashColumn`, around the cursor's line. */
function blockListEntries(text: string, lineStart: number, dashColumn: number): string[] {
  const entries: string[] = [];
  const visit = (start: number): boolean => {
    const line = readYamlLine(text, start, lineEndAt(text, start));
    if (line.blank) return true;
    const firstColumn = line.dashes[0] ?? line.contentColumn;
    if (firstColumn < dashColumn || (firstColumn === dashColumn && !line.dashes.length)) return false;
    if (line.dashes[0] === dashColumn && line.key === undefined && line.value)
      entries.push(line.value.replace(/\s+#.*$/, '').trim());
    return true;
  };
  for (
    let start = previousLineStart(text, lineStart);
    start !== -1 && visit(start);
    start = previousLineStart(text, start)
  );
  for (
    let start = lineEndAt(text, lineStart) + 1;
    start < text.length && visit(start);
    start = lineEndAt(text, start) + 1
  );
  return entries;
}
