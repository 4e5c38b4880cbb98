// New Workflow's name box: what a typed name becomes, and why a name is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bareWorkflowName,
  workflowFileName,
  workflowNameProblem,
} from '../../../../core/templates/workflow-file-name.js';

void test('a name becomes <name>.dagger.yaml, whether or not the suffix was typed along', () => {
  assert.equal(workflowFileName('build'), 'build.dagger.yaml');
  assert.equal(workflowFileName('  build.dagger.yaml '), 'build.dagger.yaml');
  assert.equal(workflowFileName('build.yml'), 'build.dagger.yaml');
  assert.equal(bareWorkflowName('release-1.2.dagger.yml'), 'release-1.2');
});

void test('portable names pass', () => {
  for (const name of ['build', 'my-pipeline_2', '1.0', 'Release.Nightly']) {
    assert.equal(workflowNameProblem(name), undefined, name);
  }
});

void test('an empty name, a path, a long name or odd characters are refused, saying why', () => {
  assert.match(workflowNameProblem('   ') ?? '', /Type a name/);
  assert.match(workflowNameProblem('.dagger.yaml') ?? '', /Type a name/);
  assert.match(workflowNameProblem('ci/build') ?? '', /"ci\/build" is a path/);
  assert.match(workflowNameProblem('..\\build') ?? '', /is a path/);
  assert.match(workflowNameProblem('x'.repeat(101)) ?? '', /too long \(101 characters, at most 100\)/);
  assert.match(workflowNameProblem('my workflow') ?? '', /"my workflow" has characters/);
  assert.match(workflowNameProblem('.hidden') ?? '', /starting with a letter or digit/);
  assert.match(workflowNameProblem('-rf') ?? '', /starting with a letter or digit/);
});
