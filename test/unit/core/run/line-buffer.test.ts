import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineBuffer } from '../../../../core/run/line-buffer.js';
import { LINE_CUT_NOTE, MAX_LOG_LINE_CHARS } from '../../../../core/run/log-limits.js';

void test('a chunk gives the lines it completes; the open rest waits for its line break', () => {
  const buffer = new LineBuffer();
  assert.deepEqual(buffer.push('one\ntw'), ['one']);
  assert.deepEqual(buffer.push('o'), []);
  assert.deepEqual(buffer.push('\n\nthree'), ['two', '']);
  assert.equal(buffer.flush(), 'three');
  assert.equal(buffer.flush(), undefined);
});

void test('CRLF ends a line even when the CR and the LF arrive in different chunks', () => {
  const buffer = new LineBuffer();
  assert.deepEqual(buffer.push('dos\r'), []);
  assert.deepEqual(buffer.push('\nnext\r\n'), ['dos', 'next']);
});

void test('a line that arrives in thousands of chunks comes out whole, once, up to the limit', () => {
  const buffer = new LineBuffer();
  const chunk = 'a'.repeat(1000);
  for (let i = 0; i < 60; i++) assert.deepEqual(buffer.push(chunk), []);
  const [line, ...rest] = buffer.push('z\n');
  assert.deepEqual(rest, []);
  assert.equal(line?.length, 60 * chunk.length + 1);
  assert.equal(line?.at(-1), 'z');
});

void test('a line longer than the limit comes out at once, cut and saying so; the rest of it is dropped', () => {
  const buffer = new LineBuffer();
  const chunk = 'a'.repeat(48 * 1024);
  assert.deepEqual(buffer.push(chunk), []);
  const [cut, ...none] = buffer.push(chunk);
  assert.deepEqual(none, []);
  assert.equal(cut, 'a'.repeat(MAX_LOG_LINE_CHARS) + LINE_CUT_NOTE);
  assert.match(cut, /… \[dagger-wf: line cut at 64 KiB\]$/);
  // 600 MB more of the same line hold nothing, and print nothing.
  for (let i = 0; i < 100; i++) assert.deepEqual(buffer.push(chunk), []);
  assert.deepEqual(buffer.push('tail\nnext\r\nopen'), ['next']);
  assert.equal(buffer.flush(), 'open');
});

void test('a cut line that never ends leaves nothing to flush', () => {
  const buffer = new LineBuffer(10);
  assert.deepEqual(buffer.push('0123456789ABC'), [`0123456789${LINE_CUT_NOTE}`]);
  assert.equal(buffer.flush(), undefined);
  assert.deepEqual(buffer.push('fresh\n'), ['fresh']);
});
