import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  client,
  containersOf,
  IMAGE,
  requireTestImage,
  spawnServer,
  untilLogIncludes,
  workspace,
  type Execution,
} from './serve-helpers.js';

before(requireTestImage);

const WORKFLOWS = {
  'long.dagger.yaml': `name: long\nsteps:\n  - { id: nap, image: ${IMAGE}, command: [sh, -c, 'echo napping; sleep 300'] }\n`,
  'short.dagger.yaml': `name: short\nsteps:\n  - { id: nap, image: ${IMAGE}, command: [sh, -c, 'echo napping; sleep 3; echo "done=yes" >> "$DAGGER_OUTPUT"'] }\noutputs:\n  - { name: done, value: "\${steps.nap.outputs.done}" }\n`,
};

function runRecord(state: string, id: string): { status: string; reason?: string } {
  return JSON.parse(readFileSync(join(state, 'executions', id, 'run.json'), 'utf8')) as {
    status: string;
    reason?: string;
  };
}

void test('SIGTERM: stop accepting, cancel the running execution and end the queued one, records final, exit 0', async () => {
  const workflows = workspace(WORKFLOWS);
  const state = workspace({});
  const server = await spawnServer(workflows, state, ['--max-runs', '1']);
  const { api } = client(server.url);
  const running = (
    (await (await api('/dagger/workflows/long/execute', { method: 'POST' })).json()) as Execution
  ).execution_id;
  const queued = (
    (await (await api('/dagger/workflows/long/execute', { method: 'POST' })).json()) as Execution
  ).execution_id;
  await untilLogIncludes(api, running, 'nap', 'napping');
  server.child.kill('SIGTERM');
  assert.deepEqual(await server.exited, { code: 0, signal: null });
  assert.match(server.output(), /shutting down: cancelling the running executions/);
  assert.deepEqual(await containersOf(running), []);
  assert.equal(runRecord(state, running).status, 'cancelled');
  assert.deepEqual(runRecord(state, queued), {
    ...runRecord(state, queued),
    status: 'cancelled',
    reason: 'the server shut down before it started',
  });

  // A restart finds them ended as they were, not interrupted.
  const again = await spawnServer(workflows, state);
  try {
    assert.doesNotMatch(again.output(), /interrupted/);
    const { getJson } = client(again.url);
    assert.equal((await getJson<Execution>(`/dagger/executions/${running}`)).status, 'cancelled');
  } finally {
    again.child.kill('SIGTERM');
    await again.exited;
  }
});

void test('--on-shutdown finish: SIGTERM lets the running execution finish before the server exits', async () => {
  const workflows = workspace(WORKFLOWS);
  const state = workspace({});
  const server = await spawnServer(workflows, state, ['--on-shutdown', 'finish']);
  const { api } = client(server.url);
  const id = ((await (await api('/dagger/workflows/short/execute', { method: 'POST' })).json()) as Execution)
    .execution_id;
  await untilLogIncludes(api, id, 'nap', 'napping');
  server.child.kill('SIGTERM');
  assert.deepEqual(await server.exited, { code: 0, signal: null });
  const record = JSON.parse(readFileSync(join(state, 'executions', id, 'run.json'), 'utf8')) as {
    status: string;
    outputs: unknown;
  };
  assert.deepEqual([record.status, record.outputs], ['succeeded', { done: 'yes' }]);
  assert.deepEqual(await containersOf(id), []);
});
