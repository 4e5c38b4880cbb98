// The manifest's YAML writer against the `yaml` library's reader, as YAML 1.2 and as YAML 1.1 (kubectl's
// go-yaml reads 1.1: `on`, `y`, `0777` and `1:20` are no strings there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { writeYaml } from '../../../../core/export/write-yaml.js';
import { exportForTests, goldenWorkflows, seedWorkflows } from './support/golden-exports.js';
import { randomString, seededRandom } from './support/seeded-random.js';

function assertReadsBack(value: unknown, what: string): void {
  const yaml = writeYaml(value);
  const expected = JSON.parse(JSON.stringify(value)) as unknown;
  assert.deepEqual(parse(yaml), expected, `${what} (YAML 1.2):\n${yaml}`);
  assert.deepEqual(parse(yaml, { version: '1.1' }), expected, `${what} (YAML 1.1):\n${yaml}`);
}

const TRICKY = [
  '',
  ' ',
  'plain',
  '-c',
  '-',
  '- x',
  '?',
  ':x',
  'a: b',
  'a:',
  'a #b',
  'a#b',
  '#x',
  '=',
  '<<',
  '<<EOF',
  'on',
  'Off',
  'y',
  'N',
  'yes',
  'null',
  '~',
  'true',
  'False',
  '0',
  '0777',
  '0x1F',
  '1:20',
  '1_000',
  '.5',
  '.inf',
  '-.Inf',
  '.nan',
  '1e3',
  '+1',
  '2001-12-14',
  '{{inputs.parameters.x}}',
  '[a, b]',
  '{a: b}',
  "'quoted'",
  '"quoted"',
  '%TAG',
  '@at',
  '`tick',
  '!tag',
  '&anchor',
  '*alias',
  '|',
  '>',
  'tab\there',
  'trailing ',
  ' leading',
  'line 1\nline 2',
  'ends with newline\n',
  'two newlines\n\n',
  'three\n\n\n',
  '\nleading newline',
  'indented\n  more\n    most',
  ' first indented\nsecond',
  'cr\r\nlf',
  'trailing space \nnext',
  'unicode é ✓ \u2028 sep',
  'bell\u0007',
  'echo "$HOME" $((1+2)) > /dev/null; exit 0',
  'http://example.com:8080/path?q=1#frag',
];

void test('every tricky scalar, as a value, a key and a list item, reads back unchanged', () => {
  for (const text of TRICKY) {
    assertReadsBack({ value: text }, JSON.stringify(text));
    assertReadsBack({ [text]: 'key' }, `key ${JSON.stringify(text)}`);
    assertReadsBack({ list: [text, { name: text, nested: [text] }] }, `item ${JSON.stringify(text)}`);
  }
});

void test('random strings of YAML-significant characters read back unchanged', () => {
  const alphabet = [
    'a',
    'Z',
    '0',
    '7',
    ' ',
    '-',
    ':',
    '#',
    '"',
    "'",
    '{',
    '}',
    '[',
    ']',
    ',',
    '\n',
    '\t',
    '|',
    '>',
    '&',
    '*',
    '!',
    '%',
    '@',
    '.',
    'é',
  ];
  const random = seededRandom(11);
  for (let round = 0; round < 2000; round++) {
    const text = randomString(random, alphabet, 12);
    assertReadsBack({ k: text, list: [text] }, JSON.stringify(text));
  }
});

void test('structure: empty objects and lists, booleans, nested lists, keys in order', () => {
  assertReadsBack(
    { emptyDir: {}, list: [], flag: false, nested: [[1, 2], [], [{ a: [{}] }]], z: 1, a: 2 },
    'structure',
  );
  assert.equal(
    writeYaml({ a: { b: ['x', { c: 'd', e: 'f' }] } }),
    'a:\n  b:\n    - x\n    - c: d\n      e: f\n',
  );
});

void test('every export reads back as the manifest it was written from', () => {
  for (const { file } of [...goldenWorkflows(), ...seedWorkflows()]) {
    const { manifest, yaml } = exportForTests(file);
    const expected = JSON.parse(JSON.stringify(manifest)) as unknown;
    assert.deepEqual(parse(yaml), expected, file);
    assert.deepEqual(parse(yaml, { version: '1.1' }), expected, file);
  }
});

void test('a header becomes comment lines above the document', () => {
  assert.equal(writeYaml({ a: 'b' }, ['first', '', 'third']), '# first\n#\n# third\n\na: b\n');
});
