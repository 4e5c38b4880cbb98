import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  argoTaskName,
  assignTaskNames,
  NameAllocator,
  TEMPLATE_NAME,
  toDnsLabel,
} from '../../../../core/export/argo-names.js';
import { ExportError } from '../../../../core/export/export-errors.js';

void test('step ids become Argo task names: lowercase, "-" for "_", starting with a letter', () => {
  const cases: [string, string][] = [
    ['build', 'build'],
    ['run_tests', 'run-tests'],
    ['Build-Image', 'build-image'],
    ['_private', 'step--private'],
    ['1st', 'step-1st'],
    ['9', 'step-9'],
    // Argo evaluates `depends` as an expression over task names: its words would break it.
    ['not', 'step-not'],
    ['in', 'step-in'],
    ['true', 'step-true'],
    ['nothing', 'nothing'],
  ];
  for (const [id, name] of cases) {
    assert.equal(argoTaskName(id), name, id);
    assert.match(name, TEMPLATE_NAME);
  }
});

void test('two steps that would get the same Argo name are refused, naming both', () => {
  assert.throws(
    () => assignTaskNames(['build_x', 'deploy', 'build-x']),
    (error: unknown) =>
      error instanceof ExportError &&
      error.message ===
        'steps "build_x" and "build-x" would both be named "build-x" in Argo (names there are lowercase, with - for _): rename one of them',
  );
  assert.throws(
    () => assignTaskNames(['Build', 'build']),
    /steps "Build" and "build" would both be named "build"/,
  );
});

void test('an id longer than Argo allows is refused', () => {
  assert.throws(() => assignTaskNames(['a'.repeat(129)]), /longer than Argo's 128-character limit/);
  assert.equal(assignTaskNames(['a'.repeat(128)]).get('a'.repeat(128))?.length, 128);
});

void test("the export's own templates take names the steps left free", () => {
  const names = new NameAllocator(['main', 'main-2', 'gate']);
  assert.equal(names.allocate('main'), 'main-3');
  assert.equal(names.allocate('other'), 'other');
  assert.equal(names.allocate('other'), 'other-2');
});

void test('workflow names become DNS labels', () => {
  assert.equal(toDnsLabel('Hello diamond!', 63), 'hello-diamond');
  assert.equal(toDnsLabel('__x__', 63), 'x');
  assert.equal(toDnsLabel('a'.repeat(70), 10), 'aaaaaaaaaa');
  assert.equal(toDnsLabel('ab-cd', 3), 'ab');
});
