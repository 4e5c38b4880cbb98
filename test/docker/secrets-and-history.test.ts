import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listRuns, readRun, readStepLog } from '../../core/run/history/list-runs.js';
import { IMAGE, requireTestImage, runToEnd, waitFor, workspace, stepOf } from './run-helpers.js';
import { must } from '../support/must.js';

before(requireTestImage);

const SECRET = 'tok-4f8a9c2e';
const ENV_SECRET = 'env-secret-77';

void test('secrets from secret inputs and the .env file are masked everywhere, even split across chunks', async () => {
  const dir = workspace({
    'secret.dagger.yaml': `
name: secrets
inputs:
  token: { secret: true }
steps:
  - id: leak
    image: ${IMAGE}
    environment:
      TOKEN: \${inputs.token}
      FROM_ENV_FILE: \${API_KEY}
    command:
      - sh
      - -c
      - |
        printf 'split: %s' "$(echo "$TOKEN" | cut -c1-5)"
        sleep 0.5
        printf '%s done\\n' "$(echo "$TOKEN" | cut -c6-)"
        echo "whole on stderr: $TOKEN" >&2
        echo "env file: $FROM_ENV_FILE"
        echo "leaked=$TOKEN" >> "$DAGGER_OUTPUT"
  - id: reader
    image: ${IMAGE}
    depends_on: [leak]
    command: [echo, "read back: \${steps.leak.outputs.leaked}"]
  - id: mount
    image: ${IMAGE}
    command: ["true"]
    volumes: [{ source: "./\${inputs.token}", target: /secret }]
outputs:
  - { name: leaked, value: "\${steps.leak.outputs.leaked}" }
`,
    '.env': `API_KEY=${ENV_SECRET}\n`,
  });
  const historyDir = workspace({});
  const run = await runToEnd({
    workflowFile: join(dir, 'secret.dagger.yaml'),
    inputs: { token: SECRET },
    historyDir,
  });
  const stdoutChunks = run.events.flatMap((e) =>
    e.type === 'log' && e.stepId === 'leak' && e.stream === 'stdout' ? [e.text] : [],
  );
  assert.ok(stdoutChunks.length >= 2, 'the secret really arrived in more than one chunk');
  assert.ok(
    stdoutChunks.some((chunk) => chunk.includes('split: ')),
    'the first half was printed before the pause',
  );
  const stdout = stdoutChunks.join('');
  assert.equal(stdout, `split: *** done\nenv file: ***\n`);
  assert.match(run.log('leak'), /whole on stderr: \*\*\*\n/);
  // The real value reaches the dependent step; every report of it is masked.
  assert.equal(run.log('reader'), 'read back: ***\n');
  assert.deepEqual(stepOf(run.result, 'leak').outputs, { leaked: '***' });
  assert.deepEqual(run.result.outputs, { leaked: '***' });
  assert.deepEqual(
    [stepOf(run.result, 'mount').status, stepOf(run.result, 'mount').reason],
    ['failed', `volume source "./***" does not exist (${join(dir, '***')})`],
  );

  const everything = JSON.stringify(run.events) + JSON.stringify(run.result);
  const historyPath = must(run.handle.historyPath, 'a history folder');
  const files = readdirSync(historyPath).map((name) => readFileSync(join(historyPath, name), 'utf8'));
  for (const text of [everything, ...files]) {
    assert.ok(
      !text.includes(SECRET) && !text.includes(ENV_SECRET),
      'no secret in events, result or run folder',
    );
    assert.ok(!text.includes(SECRET.slice(5)), 'not even the second half of the split one');
  }
  // run.json keeps the inputs (for a rerun): a secret one as ***, with its name listed.
  const record = readRun(must(run.handle.historyPath, 'a history folder'));
  assert.deepEqual([record?.inputs, record?.secretInputs], [{ token: '***' }, ['token']]);
});

void test('the run folder holds run.json and one log per step, listed newest first', async () => {
  const dir = workspace({
    'history.dagger.yaml': `
name: history
container_config: { image: ${IMAGE} }
steps:
  - { id: hello, command: [echo, hi there] }
  - { id: oops, command: [sh, -c, "echo bad >&2; exit 2"], depends_on: [hello] }
`,
  });
  const historyDir = workspace({});
  const first = await runToEnd({ workflowFile: join(dir, 'history.dagger.yaml'), historyDir });
  const second = await runToEnd({ workflowFile: join(dir, 'history.dagger.yaml'), historyDir });
  const runs = listRuns(historyDir);
  assert.deepEqual(
    runs.map((run) => run.runId),
    [second.handle.runId, first.handle.runId],
  );
  const record = readRun(must(second.handle.historyPath, 'a history folder'));
  assert.ok(record);
  assert.equal(record.status, 'failed');
  assert.equal(record.workflowName, 'history');
  assert.equal(record.workflowFile, join(dir, 'history.dagger.yaml'));
  assert.deepEqual(record.steps, second.result.steps);
  assert.ok(record.finished_at);
  assert.equal(readStepLog(record.dir, 'hello'), 'hi there\n');
  assert.match(
    readStepLog(record.dir, 'oops'),
    /^bad\n\n\[dagger-wf\] attempt 1\/1 failed: exited with code 2\n$/,
  );

  // With a limit of 2, a third run pushes the oldest folder out.
  const third = await runToEnd({
    workflowFile: join(dir, 'history.dagger.yaml'),
    historyDir,
    historyLimit: 2,
  });
  assert.deepEqual(
    listRuns(historyDir).map((run) => run.runId),
    [third.handle.runId, second.handle.runId],
  );
});

void test('a run folder that disappears mid-run loses its logs, not the run', async () => {
  const dir = workspace({
    'shared/.keep': '',
    'vanish.dagger.yaml': `
name: vanish
steps:
  - id: late
    image: ${IMAGE}
    command: [sh, -c, "until [ -e /shared/go ]; do sleep 0.05; done; echo after"]
    volumes: [{ source: ./shared, target: /shared }]
    timeout_seconds: 60
`,
  });
  const historyDir = workspace({});
  const run = await runToEnd(
    { workflowFile: join(dir, 'vanish.dagger.yaml'), historyDir },
    async (handle, events) => {
      await waitFor(() => events.some((e) => e.type === 'containerStarted'), 'the step running');
      rmSync(must(handle.historyPath, 'a history folder'), { recursive: true, force: true });
      writeFileSync(join(dir, 'shared', 'go'), '');
    },
  );
  assert.equal(run.result.status, 'succeeded');
  assert.equal(run.log('late'), 'after\n');
});
