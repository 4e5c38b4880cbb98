import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { imageReferenceProblem, referencePartProblem } from '../../../../core/model/image-reference.js';
import { IMAGE_PIECES } from '../../support/grammar-pieces.js';
import { randomStrings } from '../../support/random-strings.js';

void test('references the engine accepts have no problem', () => {
  for (const image of [
    'busybox',
    'dagger-test/busybox:latest',
    'library/node:20-bookworm',
    'localhost:5000/team/app:1.2.3',
    'registry.example.com/a/b__c/d-e:v1',
    `alpine@sha256:${'a'.repeat(64)}`,
    `ghcr.io/x/y:1@sha256:${'0'.repeat(64)}`,
  ])
    assert.equal(imageReferenceProblem(image), undefined, image);
});

void test('uppercase, spaces, bad tags and empty images are named with the reason', () => {
  assert.equal(
    imageReferenceProblem('Dagger-Test/BusyBox:latest'),
    'image "Dagger-Test/BusyBox:latest" is not a valid image reference (repository names are lowercase)',
  );
  assert.equal(
    imageReferenceProblem('bad image!!'),
    'image "bad image!!" is not a valid image reference (repository "bad image!!")',
  );
  assert.equal(
    imageReferenceProblem('busybox:lat est'),
    'image "busybox:lat est" is not a valid image reference (tag or digest ":lat est")',
  );
  assert.equal(
    imageReferenceProblem('bad_host.com/x'),
    'image "bad_host.com/x" is not a valid image reference (registry "bad_host.com")',
  );
  assert.equal(imageReferenceProblem('  '), 'image is empty');
});

void test('hostile references are refused: shell syntax, flags, control characters', () => {
  for (const image of [
    'repo/x;rm -rf /:latest',
    '--privileged',
    '-v',
    'busybox\n',
    'a$(id)',
    'busybox:latest ',
  ]) {
    assert.match(imageReferenceProblem(image) ?? '', /is not a valid image reference/, JSON.stringify(image));
  }
});

void test('the pattern and the engine-style split into registry, path, tag and digest agree (seeded fuzz)', () => {
  let accepted = 0;
  for (const image of randomStrings(IMAGE_PIECES, 50_000, 20261128)) {
    if (image.trim() === '') continue;
    const byPattern = imageReferenceProblem(image) === undefined;
    assert.equal(byPattern, referencePartProblem(image) === undefined, JSON.stringify(image));
    if (byPattern) accepted++;
  }
  assert.ok(accepted > 2000, `only ${accepted} valid references were generated`);
});
