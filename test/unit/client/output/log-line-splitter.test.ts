import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LogLineSplitter } from '../../../../client/output/log-line-splitter.js';

void test('whole lines pass through; stderr lines get the prefix once even when split across chunks', () => {
  const splitter = new LogLineSplitter();
  assert.equal(splitter.push('stdout', 'one\ntw'), 'one\n');
  assert.equal(splitter.push('stderr', 'warn'), '');
  assert.equal(splitter.push('stderr', 'ing: disk\nsecond\n'), '[stderr] warning: disk\n[stderr] second\n');
  assert.equal(splitter.push('stdout', 'o\n'), 'two\n');
});

void test('flush ends half lines of both streams', () => {
  const splitter = new LogLineSplitter();
  splitter.push('stdout', 'no newline');
  splitter.push('stderr', 'oops');
  assert.equal(splitter.flush(), 'no newline\n[stderr] oops\n');
  assert.equal(splitter.flush(), '');
});

void test('an empty stderr line is still marked', () => {
  assert.equal(new LogLineSplitter().push('stderr', '\n'), '[stderr] \n');
});
