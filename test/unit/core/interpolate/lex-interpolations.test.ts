import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findInterpolations, lexInterpolations } from '../../../../core/interpolate/lex-interpolations.js';

void test('text and interpolations, with spans relative to the string', () => {
  assert.deepEqual(lexInterpolations('a ${B} c'), [
    { kind: 'text', text: 'a ' },
    {
      kind: 'interpolation',
      interpolation: {
        span: { start: 2, end: 6 },
        innerSpan: { start: 4, end: 5 },
        expression: 'B',
        closed: true,
        reference: { kind: 'env', name: 'B' },
      },
    },
    { kind: 'text', text: ' c' },
  ]);
});

void test('every reference kind', () => {
  const kinds = (text: string) => findInterpolations(text).map((i) => i.reference);
  assert.deepEqual(kinds('${API_KEY}'), [{ kind: 'env', name: 'API_KEY' }]);
  assert.deepEqual(kinds('${BASE_URL:-https://api.example.com}'), [
    { kind: 'env', name: 'BASE_URL', defaultValue: 'https://api.example.com' },
  ]);
  assert.deepEqual(kinds('${X:-}'), [{ kind: 'env', name: 'X', defaultValue: '' }]);
  assert.deepEqual(kinds('${inputs.api_key}'), [{ kind: 'input', name: 'api_key' }]);
  assert.deepEqual(kinds('${steps.process-data.outputs.result}'), [
    { kind: 'step-output', stepId: 'process-data', key: 'result' },
  ]);
});

void test('$${ is a literal ${, also next to real interpolations', () => {
  assert.deepEqual(lexInterpolations('$${HOME}'), [{ kind: 'text', text: '${HOME}' }]);
  assert.deepEqual(
    findInterpolations('$${A} ${B}').map((i) => [i.expression, i.span]),
    [['B', { start: 6, end: 10 }]],
  );
  assert.deepEqual(findInterpolations('cost: $5 and $$ and ${A}').length, 1);
});

void test('malformed expressions say why', () => {
  const reason = (text: string) => {
    const [interpolation] = findInterpolations(text);
    assert.ok(interpolation, `an interpolation in ${text}`);
    return interpolation.reference.kind === 'malformed'
      ? interpolation.reference.reason
      : interpolation.reference.kind;
  };
  assert.equal(reason('${ A }'), 'spaces are not allowed inside ${…}');
  assert.equal(reason('${}'), 'empty ${}');
  assert.equal(reason('${inputs.a.b}'), 'expected ${inputs.<name>}');
  assert.equal(reason('${steps.x.result}'), 'expected ${steps.<id>.outputs.<key>}');
  assert.equal(reason('${1ABC}'), '"1ABC" is not a variable, input or step output');
  assert.equal(reason('${bad-name:-x}'), '"bad-name" is not a variable name');
});

void test('an unclosed ${ is partial while it could still become a reference (completion), else malformed', () => {
  const [partial] = findInterpolations('x ${steps.build.');
  assert.ok(partial);
  assert.equal(partial.closed, false);
  assert.deepEqual(partial.reference, { kind: 'partial', path: ['steps', 'build', ''] });
  assert.deepEqual(partial.span, { start: 2, end: 16 });
  assert.deepEqual(findInterpolations('${')[0]?.reference, { kind: 'partial', path: [] });
  assert.equal(findInterpolations('${a b')[0]?.reference.kind, 'malformed');
});

void test('findInterpolations agrees with lexInterpolations on tricky strings', () => {
  for (const text of ['', '$', '$$', '${', '$${', '$$${A}', 'a${A}b${B:-x}c$${C}d${', '${A}${B}', '}${A}}']) {
    const fromLex = lexInterpolations(text).flatMap((p) =>
      p.kind === 'interpolation' ? [p.interpolation] : [],
    );
    assert.deepEqual(findInterpolations(text), fromLex, JSON.stringify(text));
  }
});
