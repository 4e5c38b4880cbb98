/**
 * Mutations for the LSP fuzz test: each is one replaced span of the current text (so it can be sent as an
 * incremental didChange). Besides test/lsp/support's randomEdit (YAML snippets, small deletions, indentation), the
 * kinds the fuzz brief asks for: deleted and inserted lines, truncation, duplicated lines and random bytes.
 */
import { randomEdit } from '../lsp/support/random-edits.js';

export interface Mutation {
  kind: string;
  /** Offsets in the old text of the replaced span, and what replaces it. */
  start: number;
  end: number;
  insert: string;
}

type Random = () => number;

/** Junk a mistyping user (or a broken file) can produce: controls, NUL, BOM, CR, lone surrogates, emoji, tabs. */
const RANDOM_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\r',
  '\r\n',
  '\t',
  '\u2028',
  '\ud800',
  '\udfff',
  '😀',
  'é',
  '中',
  '\\',
  '%',
  '@',
  '`',
  '!',
  '&',
  '*',
  '|',
  '>',
  '?',
  ',',
  '$',
  '{',
  '}',
];

function integer(random: Random, below: number): number {
  return Math.floor(random() * below);
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  return { start, end: newline === -1 ? text.length : newline + 1 };
}

function randomBytes(random: Random): string {
  let junk = '';
  const length = 1 + integer(random, 8);
  for (let index = 0; index < length; index++) {
    junk +=
      random() < 0.5
        ? RANDOM_CHARACTERS[integer(random, RANDOM_CHARACTERS.length)]
        : String.fromCharCode(integer(random, 0x10000));
  }
  return junk;
}

/**
 * One random mutation of `text`. `donorLines` are lines from every seed document, so inserted lines are real
 * workflow lines (at the wrong place, mostly).
 */
export function mutate(text: string, random: Random, donorLines: readonly string[]): Mutation {
  const at = integer(random, text.length + 1);
  const line = lineBounds(text, at);
  const roll = random();
  if (roll < 0.35) {
    const edit = randomEdit(text, random);
    return { kind: 'snippet/char/indent', start: edit.start, end: edit.end, insert: edit.insert };
  }
  if (roll < 0.45) {
    return {
      kind: 'delete characters',
      start: at,
      end: Math.min(text.length, at + 1 + integer(random, 12)),
      insert: '',
    };
  }
  if (roll < 0.55) {
    const lines = 1 + integer(random, 3);
    let end = line.start;
    for (let index = 0; index < lines && end < text.length; index++) end = lineBounds(text, end).end;
    return { kind: 'delete lines', start: line.start, end, insert: '' };
  }
  if (roll < 0.65) {
    const donor = donorLines[integer(random, donorLines.length)] ?? '';
    return { kind: 'insert line', start: line.start, end: line.start, insert: `${donor}\n` };
  }
  if (roll < 0.75) {
    const indent = random() < 0.8 ? ' '.repeat(1 + integer(random, 4)) : '\t';
    const existing = /^[ \t]*/.exec(text.slice(line.start, line.end))?.[0].length ?? 0;
    return random() < 0.5
      ? { kind: 'indent', start: line.start, end: line.start, insert: indent }
      : {
          kind: 'outdent',
          start: line.start,
          end: line.start + Math.min(existing, 1 + integer(random, 4)),
          insert: '',
        };
  }
  if (roll < 0.8) {
    return { kind: 'truncate', start: at, end: text.length, insert: '' };
  }
  if (roll < 0.9) {
    const block = text.slice(line.start, lineBounds(text, line.end).end);
    return {
      kind: 'duplicate lines',
      start: line.start,
      end: line.start,
      insert: block.endsWith('\n') ? block : `${block}\n`,
    };
  }
  if (roll < 0.95) {
    return {
      kind: 'random bytes',
      start: at,
      end: Math.min(text.length, at + integer(random, 3)),
      insert: randomBytes(random),
    };
  }
  return syntaxErrorInAStep(text, random) ?? { kind: 'truncate', start: at, end: text.length, insert: '' };
}

/**
 * What is typed while a step is half written: an opening bracket or quote left open at the end of one of its
 * lines, or a stray line at column 0 between two steps. The step reader keeps each such error in its step.
 */
function syntaxErrorInAStep(text: string, random: Random): Mutation | undefined {
  const items = [...text.matchAll(/^ {2}- /gm)].map((match) => match.index);
  const item = items[integer(random, items.length)];
  if (item === undefined) return undefined;
  if (random() < 0.3) return { kind: 'syntax error in a step', start: item, end: item, insert: 'x: [\n' };
  const line = lineBounds(text, item + integer(random, 200));
  const end = text[line.end - 1] === '\n' ? line.end - 1 : line.end;
  const opener = ['[', '{', '"', "'", ' [', ': ['][integer(random, 6)] ?? '[';
  return { kind: 'syntax error in a step', start: end, end, insert: opener };
}
