/**
 * The `yaml` library's reading of one step item, several times faster, for the plain shape most items have:
 * block mappings and lists of plain or quoted one-line scalars, one-line flow lists. It builds the library's own
 * nodes (YAMLMap, YAMLSeq, Pair, Scalar) with the ranges, values and sources `yaml` gives them, so everything
 * after it — the step fields of step-fields.ts, the schema checks — reads them as any other `yaml` node. Anything
 * else (comments after values, anchors, tags, multi-line or block scalars, flow mappings, floats, nulls, tabs,
 * CR…) makes it give up, and the item is read by `yaml` itself. test/unit/parse/plain-step-item.test.ts compares
 * both node by node.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Range } from 'yaml';

/**
 * `yaml`'s node constructors tag each node with `Object.defineProperty`, which costs more than the rest of this
 * reader together on a file of thousands of steps. These nodes are made from prototypes that carry the same
 * tag (the one `isMap`, `isScalar`… read): they are instances of the same classes, with the same fields.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
const tagged = <T>(base: { prototype: T }, tag: string): T =>
  Object.create(base.prototype as object, { [NODE_TYPE]: { value: Symbol.for(tag) } }) as T;
const SCALAR = tagged(Scalar, 'yaml.scalar');
const MAP = tagged(YAMLMap, 'yaml.map');
const SEQ = tagged(YAMLSeq, 'yaml.seq');
const PAIR = tagged(Pair, 'yaml.pair');

function newMap(): YAMLMap {
  const map = Object.create(MAP) as YAMLMap;
  map.items = [];
  return map;
}

function newSeq(): YAMLSeq {
  const seq = Object.create(SEQ) as YAMLSeq;
  seq.items = [];
  return seq;
}

function newPair(key: Scalar, value: Scalar | YAMLSeq | YAMLMap): Pair {
  const pair = Object.create(PAIR) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

const SAFE_INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
/** What the YAML 1.2 core schema reads as a number (besides SAFE_INT): floats, other ints, octal, hex, inf, nan. */
const NUMBER_LIKE = [
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
];
/** Words of the core schema that are null or booleans (besides `true` and `false`): left to `yaml`. */
const NOT_STRING_WORD = /^(?:~|null|Null|NULL|True|TRUE|False|FALSE)$/;
/** The first characters of the scalars SAFE_INT, NUMBER_LIKE and NOT_STRING_WORD can match. */
const MAYBE_NOT_STRING = new Set([...'0123456789+-.~nNtTfF'].map((c) => c.charCodeAt(0)));
/** Block nesting deeper than any step needs is left to `yaml` (and keeps this reader's recursion shallow). */
const MAX_DEPTH = 12;

interface Line {
  start: number;
  end: number;
  indent: number;
  /** Blank or a comment only. */
  blank: boolean;
}

/**
 * The node `yaml` reads for the step item that fills `text` from `itemStart` (the start of its `- ` line) to its
 * end, with ranges as offsets in `text` plus `base` (where `text` stands in the whole file); undefined when the
 * item is not of the plain shape this reader knows.
 */
export function readPlainStepItem(text: string, itemStart: number, base: number): YAMLMap | undefined {
  for (let at = itemStart; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 13 || c === 9) return undefined;
  }
  try {
    return new PlainReader(text, itemStart, base).readItem();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class PlainReader {
  private readonly lines: Line[] = [];
  private at = 0;
  private depth = 0;
  private readonly end: number;

  constructor(
    private readonly text: string,
    itemStart: number,
    private readonly base: number,
  ) {
    const end = (this.end = text.length);
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

  readItem(): YAMLMap {
    const line = this.lines[0];
    if (!line) return giveUp();
    const dash = line.start + line.indent;
    if (this.text[dash] !== '-' || this.text[dash + 1] !== ' ') giveUp();
    let content = dash + 1;
    while (this.text[content] === ' ') content++;
    if (content >= line.end) giveUp();
    const map = this.readMap(content - line.start, content);
    if (this.nextContent() !== undefined) giveUp();
    this.checkComments(line.indent);
    return map;
  }

  /**
   * `yaml` stretches a value's node over the comment lines after it that are indented deeper than what follows
   * (or, after the last key, deeper than the item's `- `): such items are left to it.
   */
  private checkComments(dashIndent: number): void {
    let following = dashIndent;
    for (let index = this.lines.length - 1; index > 0; index--) {
      const line = this.lines[index];
      if (!line) continue;
      if (!line.blank) following = line.indent;
      else if (line.start + line.indent < line.end && line.indent > following) giveUp();
    }
  }

  /** The next non-blank line from the current one (which it becomes), or undefined. */
  private nextContent(): Line | undefined {
    for (;;) {
      const line = this.lines[this.at];
      if (!line?.blank) return line;
      this.at++;
    }
  }

  /** A block mapping whose keys sit at `column`; the first key may start mid-line at `firstKey` (after `- `). */
  private readMap(column: number, firstKey?: number): YAMLMap {
    if (++this.depth > MAX_DEPTH) giveUp();
    const map = newMap();
    const seen: string[] = [];
    for (;;) {
      let keyStart: number;
      let line: Line | undefined;
      if (firstKey !== undefined && map.items.length === 0) {
        keyStart = firstKey;
        line = this.lines[this.at];
      } else {
        line = this.nextContent();
        if (!line || line.indent < column) break;
        if (line.indent > column || this.text[line.start + line.indent] === '-') giveUp();
        keyStart = line.start + line.indent;
      }
      if (!line) return giveUp();
      const keyEnd = this.keyEnd(keyStart, line.end);
      if (keyEnd === undefined) return giveUp();
      const name = this.text.slice(keyStart, keyEnd);
      if (seen.includes(name)) return giveUp();
      seen.push(name);
      const key = scalar(name, name, this.range(keyStart, keyEnd, keyEnd));
      key.type = Scalar.PLAIN;
      let valueStart = keyEnd + 1;
      while (this.text[valueStart] === ' ') valueStart++;
      let value: Scalar | YAMLSeq | YAMLMap;
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
      map.items.push(newPair(key, value));
    }
    const first = map.items[0]?.key as Scalar | undefined;
    const last = map.items[map.items.length - 1]?.value as Scalar | YAMLSeq | YAMLMap | undefined;
    if (!first?.range || !last?.range) return giveUp();
    map.range = [first.range[0], last.range[2], last.range[2]];
    this.depth--;
    return map;
  }

  /** The block value of a `key:` at `parentColumn` with nothing after the colon. */
  private readNested(parentColumn: number): YAMLSeq | YAMLMap {
    const line = this.nextContent();
    if (!line) return giveUp();
    const first = this.text[line.start + line.indent];
    const isItem = first === '-' && this.text[line.start + line.indent + 1] === ' ';
    if (isItem && line.indent >= parentColumn) return this.readSeq(line.indent);
    if (line.indent > parentColumn && !isItem) return this.readMap(line.indent);
    return giveUp();
  }

  /** A block list whose `- ` sit at `column`: of scalars, or of mappings (volumes). */
  private readSeq(column: number): YAMLSeq {
    const seq = newSeq();
    let seqStart = -1;
    for (;;) {
      const line = this.nextContent();
      if (!line) break;
      const dash = line.start + line.indent;
      if (line.indent < column || (line.indent === column && this.text[dash] !== '-')) break;
      if (line.indent > column || this.text[dash + 1] !== ' ') giveUp();
      if (seqStart === -1) seqStart = dash;
      let content = dash + 1;
      while (this.text[content] === ' ') content++;
      if (content >= line.end || this.text[content] === '-') giveUp();
      if (this.keyEnd(content, line.end) !== undefined)
        seq.items.push(this.readMap(content - line.start, content));
      else {
        seq.items.push(this.readScalar(content, line.end, false));
        this.at++;
      }
    }
    const last = seq.items[seq.items.length - 1] as Scalar | YAMLMap | undefined;
    if (!last?.range) return giveUp();
    seq.range = [seqStart + this.base, last.range[2], last.range[2]];
    return seq;
  }

  /** `[a, "b", 'c']` on one line. */
  private readFlowSeq(open: number, lineEnd: number): YAMLSeq {
    const seq = newSeq();
    seq.flow = true;
    let at = open + 1;
    const skipSpaces = () => {
      while (this.text[at] === ' ') at++;
    };
    skipSpaces();
    if (this.text[at] !== ']') {
      for (;;) {
        skipSpaces();
        const item = this.readScalar(at, lineEnd, true);
        seq.items.push(item);
        at = (item.range?.[1] ?? giveUp()) - this.base;
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
    seq.range = this.range(open, close, this.lineRest(close, lineEnd));
    return seq;
  }

  /** The end of a plain key (`[A-Za-z_][A-Za-z0-9_-]*` followed by `:` and a space or the line end) at `start`. */
  private keyEnd(start: number, lineEnd: number): number | undefined {
    let at = start;
    for (; at < lineEnd; at++) {
      const c = this.text.charCodeAt(at);
      const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
      if (!(letter || (at > start && ((c >= 48 && c <= 57) || c === 45)))) break;
    }
    if (at === start || this.text.charCodeAt(at) !== 58) return undefined;
    return at + 1 === lineEnd || this.text.charCodeAt(at + 1) === 32 ? at : undefined;
  }

  /** A node range from offsets in `text`. */
  private range(start: number, valueEnd: number, nodeEnd: number): Range {
    return [start + this.base, valueEnd + this.base, nodeEnd + this.base];
  }

  /** Where a scalar's node ends: past the spaces after it in a flow list, past its line break in a block. */
  private nodeEnd(end: number, lineEnd: number, inFlow: boolean): number {
    if (!inFlow) return this.lineRest(end, lineEnd);
    let at = end;
    while (at < lineEnd && this.text[at] === ' ') at++;
    return at;
  }

  /** Only spaces may follow a value on its line; then the value's extent runs past the line break. */
  private lineRest(from: number, lineEnd: number): number {
    for (let at = from; at < lineEnd; at++) if (this.text[at] !== ' ') giveUp();
    return lineEnd < this.end ? lineEnd + 1 : lineEnd;
  }

  private readScalar(start: number, lineEnd: number, inFlow: boolean): Scalar {
    const quote = this.text[start];
    if (quote === '"' || quote === "'") {
      const { value, end } = this.readQuoted(start, lineEnd, quote);
      const node = scalar(value, value, this.range(start, end, this.nodeEnd(end, lineEnd, inFlow)));
      node.type = quote === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
      return node;
    }
    let end = start;
    if (inFlow) while (end < lineEnd && !',[]{}'.includes(this.text[end] ?? '')) end++;
    else end = lineEnd;
    while (end > start && this.text[end - 1] === ' ') end--;
    const source = this.text.slice(start, end);
    if (
      !source ||
      '-?:,[]{}#&*!|>\'"%@`'.includes(source[0] ?? '') ||
      source.includes(': ') ||
      source.includes(' #') ||
      source.endsWith(':')
    ) {
      giveUp();
    }
    const node = scalar(
      resolvePlain(source),
      source,
      this.range(start, end, this.nodeEnd(end, lineEnd, inFlow)),
    );
    node.type = Scalar.PLAIN;
    return node;
  }

  /**
   * A quoted scalar closed on its line: its value and the offset past the closing quote. The value is cut out in
   * runs between escapes (most values have none: one slice), not built up character by character.
   */
  private readQuoted(start: number, lineEnd: number, quote: '"' | "'"): { value: string; end: number } {
    const text = this.text;
    let value = '';
    let run = start + 1;
    for (let at = run; ;) {
      if (at >= lineEnd) giveUp();
      const c = text[at];
      if (c === quote) {
        if (quote === "'" && text[at + 1] === "'") {
          value += text.slice(run, at + 1);
          at += 2;
          run = at;
          continue;
        }
        return { value: value + text.slice(run, at), end: at + 1 };
      }
      if (c === '\\' && quote === '"') {
        const escaped = ESCAPES[text[at + 1] ?? ''];
        if (escaped === undefined) giveUp();
        value += text.slice(run, at) + escaped;
        at += 2;
        run = at;
        continue;
      }
      at++;
    }
  }
}

function scalar(value: unknown, source: string, range: Range): Scalar {
  const node = Object.create(SCALAR) as Scalar;
  node.value = value;
  node.range = range;
  node.source = source;
  return node;
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
  // Numbers start with a digit, a sign or a dot, and the other words of the core schema with one of `~nNtTfF`:
  // any other scalar (most ids, names, images) is a string without testing the patterns.
  if (!MAYBE_NOT_STRING.has(source.charCodeAt(0))) return source;
  if (SAFE_INT.test(source)) return Number(source);
  // Anything that may read as a number (floats, octal, hex, .inf, .nan) or as null is left to `yaml`.
  if (NUMBER_LIKE.some((pattern) => pattern.test(source))) return giveUp();
  if (NOT_STRING_WORD.test(source)) return giveUp();
  return source;
}
