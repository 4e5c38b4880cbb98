import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestMatch, didYouMean, editDistance } from '../../../../core/validate/did-you-mean.js';

void test('edit distance counts an adjacent transposition as one edit', () => {
  assert.equal(editDistance('biuld', 'build'), 1);
  assert.equal(editDistance('build', 'build'), 0);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('ca', 'abc'), 3); // optimal string alignment, not unrestricted Damerau
});

void test('edit distance stops early beyond its limit', () => {
  assert.equal(editDistance('completely', 'different', 2), 3);
  assert.equal(editDistance('a', 'abcdef', 2), 3);
});

void test('closest match: typos, case, cut-short names; nothing for unrelated words', () => {
  const steps = ['build', 'test', 'deploy'];
  assert.equal(closestMatch('biuld', steps), 'build');
  assert.equal(closestMatch('tset', steps), 'test');
  assert.equal(closestMatch('Deploy', steps), 'deploy');
  assert.equal(closestMatch('nothing-like-it', steps), undefined);
  assert.equal(closestMatch('timeout', ['image', 'timeout_seconds']), 'timeout_seconds');
  assert.equal(closestMatch('x', ['y']), undefined, 'one letter is too short to guess');
  assert.equal(closestMatch('build', steps), undefined, 'an exact match is no suggestion');
});

void test('did-you-mean text', () => {
  assert.equal(didYouMean('build'), ' (did you mean "build"?)');
  assert.equal(didYouMean(undefined), '');
});
