// The schema's pattern for interpolated strings must refuse exactly what DW020 refuses: checked against the
// lexer on hand-picked cases and on seeded random strings made of the grammar's own pieces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findInterpolations } from '../../../../core/interpolate/lex-interpolations.js';
import { INTERPOLABLE_PATTERN } from '../../../../core/interpolate/interpolation-pattern.js';
import { INTERPOLATION_PIECES } from '../../support/grammar-pieces.js';
import { randomStrings } from '../../support/random-strings.js';

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
  let accepted = 0;
  for (const text of randomStrings(INTERPOLATION_PIECES, 50_000, 8, 8)) {
    const byLexer = lexerAccepts(text);
    assert.equal(pattern.test(text), byLexer, JSON.stringify(text));
    if (byLexer && text.includes('${')) accepted++;
  }
  assert.ok(accepted > 500, `only ${accepted} well-formed strings with a \${ were generated`);
});
