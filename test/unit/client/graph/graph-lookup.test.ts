import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stepAtLine } from '../../../../client/graph/graph-lookup.js';
import { modelOf, workflowText } from './support/model-of.js';

void test('the step under a line (a cursor, a breakpoint, a debugger frame): any line of it, none between', () => {
  // Lines: 4 `- id: build`, 5 its command, 6 `- id: test`, 7 command, 8 depends_on.
  const model = modelOf(workflowText({ build: [], test: ['build', 'typo'] }));
  assert.equal(stepAtLine(model, 4)?.id, 'build');
  assert.equal(stepAtLine(model, 5)?.id, 'build');
  assert.equal(stepAtLine(model, 6)?.id, 'test');
  assert.equal(stepAtLine(model, 8)?.id, 'test', 'not the missing id mentioned on that line');
  assert.equal(stepAtLine(model, 0), undefined);
  assert.equal(stepAtLine(model, 40), undefined);
  assert.equal(stepAtLine(undefined, 4), undefined);
});
