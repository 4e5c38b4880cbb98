import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvFile } from '../../../../core/interpolate/load-env-file.js';

void test('reads NAME=value lines with comments, export and quotes like docker compose', () => {
  const text = [
    '# a comment',
    '',
    'PLAIN=value',
    'export EXPORTED=yes',
    'SPACED = padded value  ',
    'COMMENTED=abc # trailing comment',
    "SINGLE='literal $HOME \\n'",
    'DOUBLE="line\\nnext \\"q\\""',
    'EMPTY=',
    'HASH=a#b',
  ].join('\n');
  assert.deepEqual(parseEnvFile(text), {
    variables: {
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'padded value',
      COMMENTED: 'abc',
      SINGLE: 'literal $HOME \\n',
      DOUBLE: 'line\nnext "q"',
      EMPTY: '',
      HASH: 'a#b',
    },
    problems: [],
  });
});

void test('lines that are not assignments are reported with their number', () => {
  assert.deepEqual(parseEnvFile('OK=1\nnot an assignment\n1BAD=2').problems, [
    'line 2: expected NAME=value',
    'line 3: expected NAME=value',
  ]);
});

void test('a variable named __proto__ is a variable like any other', () => {
  const { variables } = parseEnvFile('__proto__=hidden-value\nconstructor=c\n');
  assert.deepEqual(Object.keys(variables), ['__proto__', 'constructor']);
  assert.deepEqual(Object.values(variables), ['hidden-value', 'c']);
});
