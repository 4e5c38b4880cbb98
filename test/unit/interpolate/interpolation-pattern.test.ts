// The schema's pattern for interpolated strings must refuse exactly what DW020 refuses: checked against the
// lexer on hand-picked cases and on seeded random strings made of the grammar's own pieces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findInterpolations } from '../../../core/interpolate/lex-interpolations.js';
import { INTERPOLABLE_PATTERN } from '../../../core/interpolate/interpolation-pattern.js';

const pattern = new RegExp(INTERPOLABLE_PATTERN, 'u');

/** The lexer's verdict: DW020 reports every malformed or unclosed `${…}`. */
function lexerAccepts(text: string): boolean {
  return findInterpolations(text).every(
    ({ reference }) => reference.kind !== 'malformed' && reference.kind !== 'partial',
  );
}

void test('hand-picked strings: the pattern and the lexer agree', () => {
  const cases: [string, boolean][] = [
    ['plain text', true],
    ['${HOME}/x', true],
    ['${A:-}', true],
    ['${A:-a b}', true],
    ['${A:-a }', false],
    ['${A:-x$y{z}', true],
    ['${inputs.region}-${steps.build.outputs.url}', true],
    ['${inputs}', false],
    ['${steps}', false],
    ['${inputs:-x}', true],
    ['${ A}', false],
    ['${}', false],
    ['${A', false],
    ['$${not an interpolation', true],
    ['$$${A}', true],
    ['$$${', true],
    ['$$$${', true],
    ['cost: $5', true],
    ['${a.b}', false],
    ['${steps.x.outputs.y.z}', false],
    ['line\n${A}\n', true],
    ['${A:-\u00a0}', false],
  ];
  for (const [text, accepted] of cases) {
    assert.equal(lexerAccepts(text), accepted, `lexer: ${JSON.stringify(text)}`);
    assert.equal(pattern.test(text), accepted, `pattern: ${JSON.stringify(text)}`);
  }
});

void test('seeded random strings: the pattern and the lexer agree', () => {
  const pieces = [
    '$',
    '{',
    '}',
    ':-',
    '.',
    'a',
    'Z',
    '_',
    '-',
    '1',
    ' ',
    '\n',
    '\u00a0',
    'inputs',
    'steps',
    'outputs',
    '${',
    '$${',
    '${A}',
    '${A:-',
    '${inputs.',
    '${steps.s.outputs.',
  ];
  let state = 8;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  let accepted = 0;
  for (let i = 0; i < 50_000; i++) {
    let text = '';
    const length = random(9);
    for (let j = 0; j < length; j++) text += pieces[random(pieces.length)];
    const byLexer = lexerAccepts(text);
    assert.equal(pattern.test(text), byLexer, JSON.stringify(text));
    if (byLexer && text.includes('${')) accepted++;
  }
  assert.ok(accepted > 500, `only ${accepted} well-formed strings with a \${ were generated`);
});
