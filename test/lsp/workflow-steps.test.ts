import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkflowStepsRequest, type WorkflowSteps } from '../../protocol/workflow-steps-messages.js';
import { fixture, fixtureUri } from './support/fixtures.js';
import { useServer } from './support/session.js';

const session = useServer();

const stepsOf = (uri: string): Promise<WorkflowSteps | null> =>
  session.client.connection.sendRequest(WorkflowStepsRequest, { textDocument: { uri } });

const TEXT = `name: demo
steps:
  - id: build
    name: Build it
    image: node:18
  - name: no id yet
  - id: test
    depends_on: [build]
`;

void test('daggerWorkflows/steps: the steps key, each step with its id, name, ranges and dependencies', async () => {
  const uri = fixtureUri('steps-request.dagger.yaml');
  await session.client.open(uri, TEXT, 3);
  assert.deepEqual(await stepsOf(uri), {
    version: 3,
    stepsKeyRange: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
    steps: [
      {
        id: 'build',
        name: 'Build it',
        index: 0,
        range: { start: { line: 2, character: 4 }, end: { line: 4, character: 18 } },
        idRange: { start: { line: 2, character: 8 }, end: { line: 2, character: 13 } },
        dependsOn: [],
      },
      {
        name: 'no id yet',
        index: 1,
        range: { start: { line: 5, character: 4 }, end: { line: 5, character: 19 } },
        dependsOn: [],
      },
      {
        id: 'test',
        index: 2,
        range: { start: { line: 6, character: 4 }, end: { line: 7, character: 23 } },
        idRange: { start: { line: 6, character: 8 }, end: { line: 6, character: 12 } },
        dependsOn: ['build'],
      },
    ],
  });
});

void test('it follows edits, a syntax error in one step included, with the version it describes', async () => {
  const uri = fixtureUri('steps-edits.dagger.yaml');
  await session.client.open(uri, TEXT);
  // A line above every step, then an unclosed bracket in the first step.
  await session.client.change(uri, [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# top\n' },
  ]);
  const version = await session.client.change(uri, [
    { range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } }, text: 'command: [\n    ' },
  ]);
  const steps = await stepsOf(uri);
  assert.equal(steps?.version, version);
  assert.deepEqual(
    steps?.steps.map((step) => [step.id, step.range.start.line]),
    [
      ['build', 3],
      [undefined, 7],
      ['test', 8],
    ],
  );
});

void test('a workflow file no editor has open is read from disk; an unknown document gives null', async () => {
  const pipeline = fixture('pipeline.dagger.yaml');
  const steps = await stepsOf(pipeline.uri);
  assert.equal(steps?.version, null);
  assert.deepEqual(
    steps?.steps.map((step) => step.id),
    ['fetch', 'transform', 'report', 'publish'],
  );
  assert.equal(await stepsOf(fixtureUri('no-such-file.dagger.yaml')), null);
  assert.equal(await stepsOf('untitled:Untitled-1'), null);
});
