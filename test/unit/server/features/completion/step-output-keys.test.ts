import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Step } from '../../../../../core/model/workflow.js';
import { stepOutputKeys } from '../../../../../server/features/completion/step-output-keys.js';

/** A step whose command is these arguments (spans do not matter here). */
const step = (...command: string[]): Step => ({
  index: 0,
  span: { start: 0, end: 0 },
  command: {
    span: { start: 0, end: 0 },
    keySpan: { start: 0, end: 0 },
    flow: true,
    items: command.map((value) => ({ value, span: { start: 0, end: 0 } })),
  },
});

void test('keys written with echo and printf, to $DAGGER_OUTPUT quoted or not', () => {
  assert.deepEqual(stepOutputKeys(step('sh', '-c', 'echo "version=1.2" >> $DAGGER_OUTPUT')), ['version']);
  assert.deepEqual(stepOutputKeys(step('sh', '-c', 'printf \'k=%s\\n\' "$v" >> "$DAGGER_OUTPUT"')), ['k']);
  assert.deepEqual(stepOutputKeys(step('sh', '-c', 'echo tag=$(git rev-parse HEAD) >>${DAGGER_OUTPUT}')), [
    'tag',
  ]);
});

void test('several statements, a { … } group, and a heredoc value', () => {
  assert.deepEqual(
    stepOutputKeys(
      step('sh', '-c', 'make; echo a=1 >> $DAGGER_OUTPUT && echo b=2 >> $DAGGER_OUTPUT; echo c=3 > log'),
    ),
    ['a', 'b'],
  );
  assert.deepEqual(
    stepOutputKeys(step('sh', '-c', '{ echo url=https://x; echo size=3; } >> $DAGGER_OUTPUT')),
    ['url', 'size'],
  );
  assert.deepEqual(stepOutputKeys(step('sh', '-c', 'echo "notes<<EOF" >> $DAGGER_OUTPUT')), ['notes']);
});

void test('separators inside quotes do not split a statement; no command, no keys', () => {
  assert.deepEqual(stepOutputKeys(step('sh', '-c', "printf 'n=%s;\\n' 1 >> $DAGGER_OUTPUT")), ['n']);
  assert.deepEqual(stepOutputKeys(step('python', 'script.py')), []);
  assert.deepEqual(stepOutputKeys(undefined), []);
});
