import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { readPlainStepItem } from '../../../../core/parse/plain-step-item.js';
import { readYaml } from '../../../../core/parse/read-yaml.js';
import { generateWorkflow } from '../../../lsp/support/generate-workflow.js';
import { randomEdit, seededRandom } from '../../../lsp/support/random-edits.js';

const PREFIX = 'steps:\n';
/** Where the item is read as if it stood in a larger file (ranges must come out moved by this much). */
const BASE = 1000;

/** Everything the readers use of a node: kind, value, source, scalar type, flow, range, children. */
function shape(node: unknown): unknown {
  if (isScalar(node)) return { value: node.value, source: node.source, type: node.type, range: node.range };
  if (isSeq(node)) return { items: node.items.map(shape), flow: node.flow === true, range: node.range };
  if (isMap(node))
    return { pairs: node.items.map((pair: Pair) => [shape(pair.key), shape(pair.value)]), range: node.range };
  return { other: String(node) };
}

/** The item's node as `yaml` reads it, when `yaml` reads it cleanly as one item. */
function yamlNode(item: string): Node | undefined {
  const { document, problems } = readYaml(PREFIX + item, BASE);
  const root = document.contents;
  const sequence = isMap(root) ? (root.items[0] as Pair).value : undefined;
  if (problems.length || !isSeq(sequence) || sequence.items.length !== 1) return undefined;
  return sequence.items[0] as Node;
}

/** The plain-item reader either gives up or builds the very nodes `yaml` builds. */
function assertAgrees(item: string): boolean {
  const plain = readPlainStepItem(PREFIX + item, PREFIX.length, BASE);
  if (!plain) return false;
  const expected = yamlNode(item);
  assert.ok(expected, `the plain reader accepted what yaml finds broken:\n${item}`);
  assert.deepEqual(shape(plain), shape(expected), item);
  return true;
}

const SHAPES = [
  '  - id: a\n',
  '  - id: a\n    name: "A \\"quoted\\" name"\n    image: python:3.9-slim\n    command: ["sh", "-c", \'it\'\'s\']\n',
  '  - id: a   \n    retries: 2\n    retry_delay: 0\n    allow_failure: true\n    timeout_seconds: 300\n\n',
  '  - id: a\n    depends_on:\n      - b\n      - "c"\n    environment:\n      A: x\n      B: 2\n      C: "${inputs.c}"\n',
  '  - id: a\n    depends_on:\n    - b\n    - c\n',
  '  - id: a\n    volumes:\n      - source: /tmp\n        target: /data\n      - source: ./x\n    resources:\n      cpu: "0.5"\n      memory: 512M\n',
  '  - id: a\n    command: []\n    depends_on: [b, c]\n  # trailing comment\n',
  '  - id: a\n    # comment between keys\n    image: busybox\n',
  '  - id: a\n    imagee: typo\n    timeout_seconds: soon\n',
  '  -   id: wide\n      image: x\n',
  '  - id: a\n    image: x',
  // Escapes and doubled quotes at the start, in the middle and at the end of a quoted value.
  "  - id: a\n    name: \"\\ttab \\\"x\\\" \\\\ end\\n\"\n    command: ['''a', 'it''s ''ok''', \"\"]\n",
  // Plain words that start like a number or a null but are strings.
  '  - id: nine\n    name: never\n    image: fast\n    environment:\n      A: Tuesday\n      B: no\n      C: 1.2.3\n      D: nullable\n',
];

void test('the plain-item reader builds the nodes yaml builds for the common shapes', () => {
  for (const item of SHAPES) assert.ok(assertAgrees(item), `read as plain:\n${item}`);
});

void test('it gives up on what it does not know', () => {
  for (const item of [
    '  - id: a # comment\n',
    '  - id: &x a\n',
    '  - id: a\n    image: x\n    image: y\n',
    '  - id: a\n    name: |\n      text\n',
    '  - id: a\n    name: "two\n      lines"\n',
    '  - id: a\n    retry_delay: 1.5\n',
    '  - id: a\n    name:\n',
    '  - id: a\n    env: {A: 1}\n',
    '  - id: a\r\n',
    '  - id: a\n    name: null\n',
    '  - id: a\n    depends_on: [b,\n',
  ]) {
    assert.equal(readPlainStepItem(PREFIX + item, PREFIX.length, BASE), undefined, item);
  }
});

void test('every step of a generated workflow is read as plain', () => {
  const text = generateWorkflow(30);
  const items = text.slice(text.indexOf('  - id:'), text.indexOf('outputs:')).split(/(?=^ {2}- id:)/m);
  assert.equal(items.length, 30);
  for (const item of items) assert.ok(assertAgrees(item), item);
});

void test('after random edits of step items it still gives up or agrees with yaml', () => {
  const random = seededRandom(77);
  let readPlain = 0;
  for (let round = 0; round < 3000; round++) {
    let item = SHAPES[round % SHAPES.length] ?? '';
    for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) item = randomEdit(item, random).text;
    if (!item.startsWith('  - ')) continue;
    if (assertAgrees(item)) readPlain++;
  }
  assert.ok(readPlain > 300, `${readPlain} edited items were read as plain`);
});
