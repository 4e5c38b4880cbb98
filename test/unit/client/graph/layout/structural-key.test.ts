import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutGraphOf, structuralKey } from '../../../../../client/graph/layout/structural-key.js';
import { modelOf } from '../support/model-of.js';

const BASE = `name: Keys
container_config:
  image: busybox
steps:
  - id: build
    name: Build
    command: ["make"]
  - id: test
    name: Test
    command: ["make", "test"]
    environment:
      MODE: fast
    depends_on: [build]
`;

const keyOf = (text: string): string => structuralKey(layoutGraphOf(modelOf(text)));

void test('editing a name, an image, a command or the environment keeps the layout key (nothing moves)', () => {
  const key = keyOf(BASE);
  for (const edited of [
    BASE.replace('name: Build', 'name: Build the whole application, slowly'),
    BASE.replace('image: busybox', 'image: node:20-alpine'),
    BASE.replace('["make", "test"]', '["npm", "test"]'),
    BASE.replace('MODE: fast', 'MODE: thorough\n      EXTRA: "1"'),
    BASE.replace('name: Keys', 'name: Renamed workflow'),
    BASE + '    timeout_seconds: 30\n',
  ])
    assert.equal(keyOf(edited), key, edited);
});

void test('adding, removing or retargeting an edge, or a step, or reordering steps changes the key', () => {
  const key = keyOf(BASE);
  const changed = [
    BASE.replace('depends_on: [build]', 'depends_on: []'),
    BASE.replace('depends_on: [build]', 'depends_on: [biuld]'),
    BASE + '  - id: deploy\n    command: ["ship"]\n',
    BASE.replace('id: test', 'id: check'),
    `name: Keys
steps:
  - id: test
    command: ["make", "test"]
    depends_on: [build]
  - id: build
    command: ["make"]
`,
  ];
  const keys = changed.map(keyOf);
  for (const [i, other] of keys.entries()) assert.notEqual(other, key, changed[i]);
  assert.equal(new Set(keys).size, keys.length, 'each change gives a key of its own');
});

void test('ids are kept apart whatever characters they hold', () => {
  const a = structuralKey({ nodes: ['a,b', 'c'], edges: [] });
  const b = structuralKey({ nodes: ['a', 'b,c'], edges: [] });
  assert.notEqual(a, b);
});
