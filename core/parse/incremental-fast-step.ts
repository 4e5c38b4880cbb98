/**
 * A fast reader for the plain, common shape of one step item — block mappings and lists of plain or quoted
 * one-line scalars, one-line flow lists — that builds the same Step model, with the same offsets, as
 * `parseWorkflow` does through the `yaml` library, several times faster. Anything else (comments after values,
 * anchors, tags, multi-line or block scalars, flow mappings, floats, nulls, CRLF…) makes it give up, and the
 * caller parses the item with `yaml`. test/unit/parse/incremental-fast-step.test.ts compares both readers.
 */
import type { Span } from '../model/source.js';
import type { Step } from '../model/workflow.js';
import { toStep } from './incremental-fast-model.js';

type Range3 = [number, number, number];
export interface FastScalar {
  kind: 'scalar';
  value: string | number | boolean;
  /** The source text, for numbers and booleans read back as strings (as `yaml`'s `source`). */
  source: string;
  range: Range3;
}
export interface FastSeq {
  kind: 'seq';
  flow: boolean;
  items: FastNode[];
  range: Range3;
}
export interface FastMap {
  kind: 'map';
  pairs: { key: FastScalar; value: FastNode }[];
  range: Range3;
}
export type FastNode = FastScalar | FastSeq | FastMap;

/** What the fast reader gives: the step, the item's extent, and the plain value for schema validation. */
export interface FastStep {
  step: Step;
  itemSpan: Span;
  plain: unknown;
  hasImageKey: boolean;
  /** `command: []`. */
  emptyCommand: boolean;
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?= |$)/;
const SAFE_INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
/** What the YAML 1.2 core schema reads as a number (besides SAFE_INT): floats, other ints, octal, hex, inf, nan. */
const NUMBER_LIKE = [
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
];

interface Line {
  start: number;
  end: number;
  indent: number;
  /** Blank or a comment only. */
  blank: boolean;
}

/**
 * Read the one step item of `text` that starts at `itemStart` (the start of its `- ` line) and ends at `itemEnd`
 * (the start of the next item, or of what follows the list). Offsets in the result are offsets in `text`.
 * Returns undefined when the item is not of the plain shape this reader knows.
 */
export function parseStepFast(text: string, itemStart: number, itemEnd = text.length): FastStep | undefined {
  // Tabs and CR are left to `yaml` (anchors, aliases and tags give up where they start a value).
  for (let at = itemStart; at < itemEnd; at++) {
    const c = text.charCodeAt(at);
    if (c === 13 || c === 9) return undefined;
  }
  try {
    return new FastReader(text, itemStart, itemEnd).readItem();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class FastReader {
  private readonly lines: Line[] = [];
  private at = 0;

  constructor(
    private readonly text: string,
    itemStart: number,
    private readonly end: number,
  ) {
    for (let start = itemStart; start < end;) {
      const newline = text.indexOf('\n', start);
      const lineEnd = newline === -1 || newline >= end ? end : newline;
      let column = start;
      while (column < lineEnd && text.charCodeAt(column) === 32) column++;
      this.lines.push({
        start,
        end: lineEnd,
        indent: column - start,
        blank: column === lineEnd || text[column] === '#',
      });
      start = lineEnd + 1;
    }
  }

  readItem(): FastStep {
    const line = this.lines[0];
    const dash = line.start + line.indent;
    if (this.text[dash] !== '-' || this.text[dash + 1] !== ' ') giveUp();
    let content = dash + 1;
    while (this.text[content] === ' ') content++;
    if (content >= line.end) giveUp();
    const map = this.readMap(content - line.start, content);
    if (this.nextContent() !== -1) giveUp();
    // `yaml` stretches the item over comment lines that follow it at the indentation of its keys: left to it.
    for (let index = this.lines.length - 1; index > 0 && this.lines[index].blank; index--) {
      const trailing = this.lines[index];
      if (trailing.start + trailing.indent < trailing.end && trailing.indent > line.indent) giveUp();
    }
    const emptyCommand = map.pairs.some(
      (pair) => pair.key.value === 'command' && pair.value.kind === 'seq' && pair.value.items.length === 0,
    );
    return {
      step: toStep(map),
      itemSpan: { start: dash, end: map.range[1] },
      plain: toPlain(map),
      hasImageKey: map.pairs.some((pair) => pair.key.value === 'image'),
      emptyCommand,
    };
  }

  /** Index of the next non-blank line from the current one, or -1. */
  private nextContent(): number {
    while (this.at < this.lines.length && this.lines[this.at].blank) this.at++;
    return this.at < this.lines.length ? this.at : -1;
  }

  /** A block mapping whose keys sit at `column`; the first key may start mid-line at `firstKey` (after `- `). */
  private readMap(column: number, firstKey?: number): FastMap {
    const pairs: FastMap['pairs'] = [];
    const seen = new Set<string>();
    for (;;) {
      let keyStart: number;
      if (firstKey !== undefined && pairs.length === 0) keyStart = firstKey;
      else {
        const index = this.nextContent();
        if (index === -1) break;
        const line = this.lines[index];
        if (line.indent < column) break;
        if (line.indent > column || this.text[line.start + line.indent] === '-') giveUp();
        keyStart = line.start + line.indent;
      }
      const line = this.lines[this.at];
      const match = KEY.exec(this.text.slice(keyStart, line.end));
      if (!match || seen.has(match[1])) giveUp();
      seen.add(match![1]);
      const keyEnd = keyStart + match![1].length;
      const key: FastScalar = {
        kind: 'scalar',
        value: match![1],
        source: match![1],
        range: [keyStart, keyEnd, keyEnd],
      };
      let valueStart = keyEnd + 1;
      while (this.text[valueStart] === ' ') valueStart++;
      let value: FastNode;
      if (valueStart >= line.end) {
        this.at++;
        value = this.readNested(column);
      } else {
        value =
          this.text[valueStart] === '['
            ? this.readFlowSeq(valueStart, line.end)
            : this.readScalar(valueStart, line.end, false);
        this.at++;
      }
      pairs.push({ key, value });
    }
    if (!pairs.length) giveUp();
    return {
      kind: 'map',
      pairs,
      range: [
        pairs[0].key.range[0],
        pairs[pairs.length - 1].value.range[2],
        pairs[pairs.length - 1].value.range[2],
      ],
    };
  }

  /** The block value of a `key:` at `parentColumn` with nothing after the colon. */
  private readNested(parentColumn: number): FastNode {
    const index = this.nextContent();
    if (index === -1) return giveUp();
    const line = this.lines[index];
    const first = this.text[line.start + line.indent];
    const isItem = first === '-' && this.text[line.start + line.indent + 1] === ' ';
    if (isItem && line.indent >= parentColumn) return this.readSeq(line.indent);
    if (line.indent > parentColumn && !isItem) return this.readMap(line.indent);
    return giveUp();
  }

  /** A block list whose `- ` sit at `column`: of scalars, or of mappings (volumes). */
  private readSeq(column: number): FastSeq {
    const items: FastNode[] = [];
    let seqStart = -1;
    for (;;) {
      const index = this.nextContent();
      if (index === -1) break;
      const line = this.lines[index];
      const dash = line.start + line.indent;
      if (line.indent < column || (line.indent === column && this.text[dash] !== '-')) break;
      if (line.indent > column || this.text[dash + 1] !== ' ') giveUp();
      if (seqStart === -1) seqStart = dash;
      let content = dash + 1;
      while (this.text[content] === ' ') content++;
      if (content >= line.end || this.text[content] === '-') giveUp();
      if (KEY.test(this.text.slice(content, line.end)))
        items.push(this.readMap(content - line.start, content));
      else {
        items.push(this.readScalar(content, line.end, false));
        this.at++;
      }
    }
    const last = items[items.length - 1];
    return { kind: 'seq', flow: false, items, range: [seqStart, last.range[2], last.range[2]] };
  }

  /** `[a, "b", 'c']` on one line. */
  private readFlowSeq(open: number, lineEnd: number): FastSeq {
    const items: FastNode[] = [];
    let at = open + 1;
    const skipSpaces = () => {
      while (this.text[at] === ' ') at++;
    };
    skipSpaces();
    if (this.text[at] !== ']') {
      for (;;) {
        skipSpaces();
        const scalar = this.readScalar(at, lineEnd, true);
        items.push(scalar);
        at = scalar.range[1];
        skipSpaces();
        if (this.text[at] === ',') {
          at++;
          skipSpaces();
          if (this.text[at] === ']') giveUp();
          continue;
        }
        if (this.text[at] === ']') break;
        giveUp();
      }
    }
    const close = at + 1;
    return { kind: 'seq', flow: true, items, range: [open, close, this.lineRest(close, lineEnd)] };
  }

  /** Only spaces may follow a value on its line; then the value's extent runs past the line break. */
  private lineRest(from: number, lineEnd: number): number {
    for (let at = from; at < lineEnd; at++) if (this.text[at] !== ' ') giveUp();
    return lineEnd < this.end ? lineEnd + 1 : lineEnd;
  }

  private readScalar(start: number, lineEnd: number, inFlow: boolean): FastScalar {
    const quote = this.text[start];
    if (quote === '"' || quote === "'") {
      let value = '';
      let at = start + 1;
      for (;;) {
        if (at >= lineEnd) giveUp();
        const c = this.text[at];
        if (c === quote) {
          if (quote === "'" && this.text[at + 1] === "'") {
            value += "'";
            at += 2;
            continue;
          }
          break;
        }
        if (c === '\\' && quote === '"') {
          const escaped = ESCAPES[this.text[at + 1]];
          if (escaped === undefined) giveUp();
          value += escaped;
          at += 2;
          continue;
        }
        value += c;
        at++;
      }
      const end = at + 1;
      const source = this.text.slice(start, end);
      return {
        kind: 'scalar',
        value,
        source,
        range: [start, end, inFlow ? end : this.lineRest(end, lineEnd)],
      };
    }
    let end = start;
    if (inFlow) while (end < lineEnd && !',[]{}'.includes(this.text[end])) end++;
    else end = lineEnd;
    while (end > start && this.text[end - 1] === ' ') end--;
    const source = this.text.slice(start, end);
    if (
      !source ||
      '-?:,[]{}#&*!|>\'"%@`'.includes(source[0]) ||
      source.includes(': ') ||
      source.includes(' #') ||
      source.endsWith(':')
    ) {
      giveUp();
    }
    return {
      kind: 'scalar',
      value: resolvePlain(source),
      source,
      range: [start, end, inFlow ? end : this.lineRest(end, lineEnd)],
    };
  }
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  '/': '/',
  ' ': ' ',
};

/** The core schema's reading of a plain scalar, for the cases this reader keeps (others give up). */
function resolvePlain(source: string): string | number | boolean {
  if (source === 'true' || source === 'false') return source === 'true';
  if (SAFE_INT.test(source)) return Number(source);
  // Anything that may read as a number (floats, octal, hex, .inf, .nan) or as null is left to `yaml`.
  if (NUMBER_LIKE.some((pattern) => pattern.test(source))) return giveUp();
  if (/^(?:~|null|Null|NULL|True|TRUE|False|FALSE)$/.test(source)) return giveUp();
  return source;
}

/** The plain value ajv validates (as `yamlToPlain`: objects without prototype). */
function toPlain(node: FastNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const object = Object.create(null) as Record<string, unknown>;
  for (const pair of node.pairs) object[String(pair.key.value)] = toPlain(pair.value);
  return object;
}
