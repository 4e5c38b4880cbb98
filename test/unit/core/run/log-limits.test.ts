import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_CUT_NOTE, StepLogBudget } from '../../../../core/run/log-limits.js';

void test('a step log keeps its first bytes up to the limit, then the cut note once, then nothing', () => {
  const budget = new StepLogBudget(10);
  assert.equal(budget.take('12345'), '12345');
  assert.equal(budget.take('6789é'), `6789${LOG_CUT_NOTE}`, 'é would pass the limit: cut before it');
  assert.equal(budget.take('more'), '');
  assert.match(
    LOG_CUT_NOTE,
    /^\n\[dagger-wf\] log cut: this step printed more than 64 MiB; the rest is not kept\n$/,
  );
});
