import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineBuffer } from '../../../../core/run/line-buffer.js';

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

void test('a line that arrives in thousands of chunks comes out whole, once', () => {
  const buffer = new LineBuffer();
  const chunk = 'a'.repeat(64 * 1024);
  for (let i = 0; i < 500; i++) assert.deepEqual(buffer.push(chunk), []);
  const [line, ...rest] = buffer.push('z\n');
  assert.deepEqual(rest, []);
  assert.equal(line.length, 500 * chunk.length + 1);
  assert.equal(line.at(-1), 'z');
});
