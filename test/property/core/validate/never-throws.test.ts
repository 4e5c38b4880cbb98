// Random edits of every fixture (seeded, so a failure can be replayed): validation never throws, and every
// range lies inside the document with its start before its end.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SourceText } from '../../../../core/parse/source-text.js';
import { validateText } from '../../../../core/validate/validate-workflow.js';
import { FIXTURES } from '../../../support/paths.js';

const PIECES = [
  '-',
  ':',
  ' ',
  '\n',
  '  ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '${',
  '}',
  '$${',
  'id',
  '\t',
  '&a',
  '*a',
  '!!',
  '|',
];

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

function edit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  if (random() < 0.4) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
  return text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + text.slice(at);
}

const files = ['validate', 'seed'].flatMap((folder) =>
  readdirSync(join(FIXTURES, folder))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(folder, name)),
);

void test(`60 random edits of each of ${files.length} fixtures: no exception, every range inside the text`, () => {
  files.forEach((file, index) => {
    const random = seededRandom(index + 1);
    let text = readFileSync(join(FIXTURES, file), 'utf8');
    for (let step = 0; step < 60; step++) {
      text = edit(text, random);
      const diagnostics = validateText(text);
      const source = new SourceText(text);
      const end = source.positionAt(text.length);
      for (const { range, code } of diagnostics) {
        const where = `${file}, edit ${step}, ${code}`;
        assert.ok(
          range.start.line < end.line ||
            (range.start.line === end.line && range.start.character <= end.character),
          where,
        );
        assert.ok(source.offsetAt(range.start) <= source.offsetAt(range.end), where);
        assert.match(code, /^DW0\d\d$/, where);
      }
    }
  });
});
