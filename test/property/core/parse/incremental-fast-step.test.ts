import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMap, isSeq, type Node, type Pair } from 'yaml';
import { parseStepFast } from '../../../../core/parse/incremental-fast-step.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { yamlToPlain } from '../../../../core/validate/schema/yaml-to-plain.js';
import { generateWorkflow } from '../../../lsp/support/generate-workflow.js';
import { randomEdit, seededRandom } from '../../../lsp/support/random-edits.js';

const PREFIX = 'steps:\n';

/** What `yaml` reads from one item: the model step, the item's extent and the plain value. */
function withYaml(documentText: string) {
  const workflow = parseWorkflow(documentText);
  const root = workflow.document.contents;
  const sequence = isMap(root) ? (root.items[0] as Pair).value : undefined;
  const node = isSeq(sequence) ? (sequence.items[0] as Node) : undefined;
  return {
    clean: workflow.syntaxProblems.length === 0 && isSeq(sequence) && sequence.items.length === 1,
    step: workflow.steps[0],
    itemSpan: workflow.stepsSpan,
    plain: yamlToPlain(node, workflow.document),
  };
}

/** The fast reader either gives up or agrees with `yaml` exactly. */
function assertAgrees(item: string): boolean {
  const documentText = PREFIX + item;
  const fast = parseStepFast(documentText, PREFIX.length);
  if (!fast) return false;
  const expected = withYaml(documentText);
  assert.ok(expected.clean, `the fast reader accepted what yaml finds broken:\n${item}`);
  assert.deepEqual(fast.step, expected.step, item);
  assert.deepEqual(fast.itemSpan, expected.itemSpan, item);
  assert.deepEqual(JSON.stringify(fast.plain), JSON.stringify(expected.plain), item);
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
];

void test('the fast reader reads the common shapes exactly as yaml does', () => {
  for (const shape of SHAPES) assert.ok(assertAgrees(shape), `read fast:\n${shape}`);
});

void test('it gives up on what it does not know', () => {
  for (const shape of [
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
  ]) {
    assert.equal(parseStepFast(PREFIX + shape, PREFIX.length), undefined, shape);
  }
});

void test('reads every step of a generated workflow fast', () => {
  const text = generateWorkflow(30);
  const items = text.slice(text.indexOf('  - id:'), text.indexOf('outputs:')).split(/(?=^ {2}- id:)/m);
  assert.equal(items.length, 30);
  for (const item of items) assert.ok(assertAgrees(item), item);
});

void test('after random edits of step items it still gives up or agrees with yaml', () => {
  const random = seededRandom(77);
  let readFast = 0;
  for (let round = 0; round < 3000; round++) {
    const base = SHAPES[round % SHAPES.length];
    let item = base;
    for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) item = randomEdit(item, random).text;
    if (!item.startsWith('  - ')) continue;
    if (assertAgrees(item)) readFast++;
  }
  assert.ok(readFast > 300, `${readFast} edited items were read fast`);
});
