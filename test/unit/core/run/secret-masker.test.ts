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

const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAvT3Lz1fQm',
  '-----END PRIVATE KEY-----',
].join('\n');

void test('each line of a multi-line secret is masked on its own: one line printed, or CR line ends', () => {
  const masker = new SecretMasker([PEM]);
  assert.equal(masker.mask(`${PEM}\n`), '***\n', 'whole, it is one mask');
  const [first, second] = PEM.split('\n');
  assert.equal(masker.mask(`key: ${first}\n`), 'key: ***\n', 'head -1');
  assert.equal(masker.mask(PEM.replace(/\n/g, '\r')), '***\r***\r***');
  assert.equal(masker.mask(`  ${second}  `), '  ***  ');
});

void test('a secret given with CRLF line ends is masked when printed with LF, and line by line in a stream', () => {
  const masker = new SecretMasker([PEM.replace(/\n/g, '\r\n')]);
  assert.equal(masker.mask(PEM), '***\n***\n***');
  const stream = masker.stream();
  const chunks = PEM.match(/[\s\S]{1,7}/g) ?? [];
  assert.equal(chunks.map((chunk) => stream.push(chunk)).join('') + stream.flush(), '***\n***\n***');
});

void test('short lines of a multi-line secret stay, as short secrets do', () => {
  const masker = new SecretMasker(['ab\nlong-enough-line\n\nx']);
  assert.equal(masker.mask('ab x long-enough-line'), 'ab x ***');
});
