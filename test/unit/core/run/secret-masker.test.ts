import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretMasker } from '../../../../core/run/secret-masker.js';

void test('every occurrence of every secret becomes ***', () => {
  const masker = new SecretMasker(['hunter2', 's3cr3t']);
  assert.equal(masker.mask('pw=hunter2 token=s3cr3t again hunter2'), 'pw=*** token=*** again ***');
  assert.equal(masker.mask('nothing here'), 'nothing here');
});

void test('a secret that contains another is masked whole', () => {
  assert.equal(new SecretMasker(['abc', 'abcdef']).mask('xabcdefx abcx'), 'x***x ***x');
});

void test('secrets shorter than three characters are not masked (they would garble every log)', () => {
  assert.equal(new SecretMasker(['1', 'on', '']).mask('1 on'), '1 on');
});

void test('a secret split across chunks is masked, and only its possible start is held back', () => {
  const stream = new SecretMasker(['hunter2']).stream();
  assert.equal(stream.push('password: hun'), 'password: ');
  assert.equal(stream.push('ter2\n'), '***\n');
  assert.equal(stream.push('hu'), '');
  assert.equal(stream.push('man\n'), 'human\n');
  assert.equal(stream.flush(), '');
});

void test('a secret split over three chunks, one character at a time', () => {
  const stream = new SecretMasker(['abcdef']).stream();
  const out = ['x', 'ab', 'c', 'd', 'ef', 'y'].map((chunk) => stream.push(chunk)).join('') + stream.flush();
  assert.equal(out, 'x***y');
});

void test('what is held back at the end of a stream is flushed unmasked when it is no secret', () => {
  const stream = new SecretMasker(['hunter2']).stream();
  assert.equal(stream.push('last word hunt'), 'last word ');
  assert.equal(stream.flush(), 'hunt');
});

void test('without secrets chunks pass through untouched', () => {
  const stream = new SecretMasker([]).stream();
  assert.equal(stream.push('abc'), 'abc');
});
