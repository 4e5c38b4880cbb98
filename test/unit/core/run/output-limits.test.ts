import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAX_RUN_OUTPUT_BYTES,
  RunOutputBudget,
  stepOutputTooLarge,
} from '../../../../core/run/output-limits.js';
import { readFileHead } from '../../../../core/run/read-file-head.js';

void test('readFileHead reads a small file whole and only the head of a huge one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-head-'));
  try {
    const small = join(dir, 'small');
    writeFileSync(small, 'a=1\nb=é\n');
    assert.deepEqual(readFileHead(small, 100), { text: 'a=1\nb=é\n', complete: true, size: 9 });
    const huge = join(dir, 'huge');
    writeFileSync(huge, '');
    // 4 GiB, sparse: a string of it could not even be made.
    truncateSync(huge, 4 * 1024 ** 3);
    const head = readFileHead(huge, 1024);
    assert.equal(head.complete, false);
    assert.equal(head.size, 4 * 1024 ** 3);
    assert.equal(head.text.length, 1024);
    // A character cut in two by the limit is dropped, not shown broken.
    writeFileSync(small, 'aé');
    assert.deepEqual(readFileHead(small, 2), { text: 'a', complete: false, size: 3 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('the reason for a DAGGER_OUTPUT over the step limit names both sizes', () => {
  assert.equal(
    stepOutputTooLarge(400 * 1024 ** 2),
    'DAGGER_OUTPUT holds 400 MiB; a step may write at most 1 MiB of outputs (put larger data in a volume)',
  );
});

void test('the run budget admits outputs until the run total would pass the limit', () => {
  const budget = new RunOutputBudget(100);
  assert.equal(budget.admit({ a: 'x'.repeat(59) }), undefined);
  assert.equal(
    budget.admit({ b: 'y'.repeat(40) }),
    "the outputs of this run would pass 100 B (this step's: 41 B, earlier steps': 60 B)",
  );
  assert.equal(budget.admit({ c: 'z'.repeat(39) }), undefined, 'a refused step counts for nothing');
  assert.equal(MAX_RUN_OUTPUT_BYTES, 50 * 1024 * 1024);
});
