import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  resolveInterpolations,
  type ResolveContext,
} from '../../../../core/interpolate/resolve-interpolations.js';

const context: ResolveContext = {
  env: { API_KEY: 'secret', EMPTY: '' },
  inputs: { region: 'eu-west-1' },
  stepOutputs: { build: { version: '1.2.3' } },
};

void test('host variables, inputs and step outputs are replaced', () => {
  assert.deepEqual(
    resolveInterpolations('${API_KEY}/${inputs.region}/${steps.build.outputs.version}', context),
    { value: 'secret/eu-west-1/1.2.3', unresolved: [] },
  );
});

void test('${VAR:-default} applies when VAR is unset or empty, as in the shell', () => {
  assert.equal(
    resolveInterpolations('${MISSING:-https://api.example.com}', context).value,
    'https://api.example.com',
  );
  assert.equal(resolveInterpolations('${EMPTY:-fallback}', context).value, 'fallback');
  assert.equal(resolveInterpolations('${API_KEY:-fallback}', context).value, 'secret');
});

void test('$${ stays a literal ${', () => {
  assert.deepEqual(resolveInterpolations('echo $${HOME} ${API_KEY}', context), {
    value: 'echo ${HOME} secret',
    unresolved: [],
  });
});

void test('what cannot be resolved is listed, not thrown', () => {
  const resolved = resolveInterpolations(
    '${MISSING} ${inputs.nope} ${steps.test.outputs.x} ${ bad }',
    context,
  );
  assert.deepEqual(
    resolved.unresolved.map((u) => [u.expression, u.reference.kind]),
    [
      ['MISSING', 'env'],
      ['inputs.nope', 'input'],
      ['steps.test.outputs.x', 'step-output'],
      [' bad ', 'malformed'],
    ],
  );
  assert.equal(resolved.value, '   ');
});

void test('names every object inherits (constructor, toString, __proto__) are not values', () => {
  const { value, unresolved } = resolveInterpolations(
    '[${steps.a.outputs.constructor}] [${inputs.toString}] [${hasOwnProperty}] [${steps.__proto__.outputs.x}]',
    { env: {}, inputs: {}, stepOutputs: { a: { x: '1' } } },
  );
  assert.equal(value, '[] [] [] []');
  assert.deepEqual(
    unresolved.map((item) => item.expression),
    ['steps.a.outputs.constructor', 'inputs.toString', 'hasOwnProperty', 'steps.__proto__.outputs.x'],
  );
});
