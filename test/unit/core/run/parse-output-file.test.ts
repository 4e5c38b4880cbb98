import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOutputFile } from '../../../../core/run/parse-output-file.js';

void test('key=value lines, the first "=" splits, values may be empty or hold "="', () => {
  const parsed = parseOutputFile('a=1\nurl=https://x.test/?q=1\nempty=\n');
  assert.deepEqual(parsed, { outputs: { a: '1', url: 'https://x.test/?q=1', empty: '' }, problems: [] });
});

void test('heredoc values keep their lines; CRLF and blank lines are tolerated', () => {
  const text = 'notes<<EOF\nline one\n\nline three\nEOF\r\nafter=yes\r\n\r\n';
  assert.deepEqual(parseOutputFile(text), {
    outputs: { notes: 'line one\n\nline three', after: 'yes' },
    problems: [],
  });
});

void test('whichever of "=" and "<<" comes first decides the form (as GitHub does)', () => {
  assert.deepEqual(parseOutputFile('cmd=a<<b\n').outputs, { cmd: 'a<<b' });
  assert.deepEqual(parseOutputFile('json<<END=\n{"a":1}\nEND=\n').outputs, { json: '{"a":1}' });
});

void test('a later key replaces an earlier one', () => {
  assert.deepEqual(parseOutputFile('k=1\nk=2\n').outputs, { k: '2' });
});

void test('an empty file has no outputs', () => {
  assert.deepEqual(parseOutputFile(''), { outputs: {}, problems: [] });
});

void test('problems name the line: no separator, empty name, missing delimiter', () => {
  assert.deepEqual(parseOutputFile('ok=1\noops\n').problems, [
    'line 2: expected "name=value" or "name<<DELIMITER", got "oops"',
  ]);
  assert.deepEqual(parseOutputFile('=1').problems, ['line 1: empty output name in "=1"']);
  const unclosed = parseOutputFile('a=1\nbody<<EOF\nno end\n');
  assert.deepEqual(unclosed.outputs, { a: '1' });
  assert.deepEqual(unclosed.problems, ['line 2: no closing delimiter "EOF" for output "body"']);
  assert.deepEqual(parseOutputFile('x<<\n').problems, ['line 1: "x<<" needs both a name and a delimiter']);
});

void test('keys such as __proto__ and constructor are kept as plain outputs', () => {
  const { outputs } = parseOutputFile('__proto__=evil\nconstructor<<EOF\nc\nEOF\n');
  assert.deepEqual(Object.keys(outputs), ['__proto__', 'constructor']);
  assert.equal(Object.getPrototypeOf(outputs), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(outputs, '__proto__')?.value, 'evil');
  assert.equal(outputs.constructor, 'c');
});
