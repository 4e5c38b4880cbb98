import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { imageReferenceProblem } from '../../../../core/run/image-reference.js';

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
