import assert from 'node:assert/strict';
import { test } from 'node:test';
import { must } from '../../../../support/must.js';
import { parseDocument } from 'yaml';
import { yamlToPlain } from '../../../../../core/validate/schema/yaml-to-plain.js';

const plain = (text: string) => {
  const document = parseDocument(text);
  return yamlToPlain(document.contents, document);
};

void test('scalars, mappings and lists become their JSON values', () => {
  assert.deepEqual(plain('a: 1\nb: [x, true, null, 2.5]\nc: {d: e}\n'), {
    a: 1,
    b: ['x', true, null, 2.5],
    c: { d: 'e' },
  });
  assert.deepEqual(plain('1: one\ntrue: yes\n'), { '1': 'one', true: 'yes' });
});

void test('a __proto__ key is an own property, not a prototype', () => {
  const value = plain('__proto__: {polluted: true}\n') as Record<string, unknown>;
  assert.deepEqual(Object.keys(value), ['__proto__']);
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.equal((value as { polluted?: unknown }).polluted, undefined);
});

void test('aliases are followed, and a self-referencing anchor ends', () => {
  assert.deepEqual(plain('base: &b {image: alpine}\nstep: *b\n'), {
    base: { image: 'alpine' },
    step: { image: 'alpine' },
  });
  assert.doesNotThrow(() => plain('a: &x [*x]\n'));
});

void test('an alias bomb is converted once per alias and shared, never expanded level by level', () => {
  const levels = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++)
    levels.push(
      `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  const value = plain(levels.join('\n')) as Record<string, unknown[][]>;
  // Two places that expand the same alias node (the first *l7 inside l8) hold the very same value.
  assert.equal(must(value.l9?.[0]?.[0], 'the first *l8 in l9'), value.l9?.[1]?.[0]);
  assert.equal(value.l1?.[0]?.length, 10);
});

void test('deep nesting is cut off below the depth any schema property has', () => {
  const value = plain('a: '.padEnd(3) + '['.repeat(40) + ']'.repeat(40)) as { a: unknown };
  let depth = 0;
  for (let at: unknown = value.a; Array.isArray(at) && at.length; at = (at as unknown[])[0]) depth++;
  assert.ok(depth > 5 && depth < 15, `depth ${depth}`);
});
