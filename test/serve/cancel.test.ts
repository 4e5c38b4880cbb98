import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  containersOf,
  IMAGE,
  requireTestImage,
  startTestServer,
  untilEnded,
  untilLogIncludes,
  type TestServer,
  type Execution,
} from './serve-helpers.js';

before(requireTestImage);

/** Until both long steps have printed "ready" (their containers run; step one's TERM trap is set). */
const untilBothRun = async (api: TestServer['api'], id: string) => {
  for (const step of ['one', 'two']) await untilLogIncludes(api, id, step, 'ready');
};

const LONG = `
name: long
container_config: { image: ${IMAGE} }
steps:
  - { id: one, command: [sh, -c, "trap 'echo got TERM; exit 0' TERM; echo ready; sleep 120 & wait"] }
  - { id: two, command: [sh, -c, "trap '' TERM; echo ready; sleep 120"] }
  - { id: later, command: ["true"], depends_on: [one] }
`;

void test('cancel mid-run: 202, the containers are stopped and removed, the execution ends cancelled', async () => {
  const { api, getJson } = await startTestServer({ 'long.dagger.yaml': LONG });
  const { execution_id: id } = (await (
    await api('/dagger/workflows/long/execute', { method: 'POST' })
  ).json()) as Execution;
  await untilBothRun(api, id);
  assert.equal((await containersOf(id)).length, 2);
  const response = await api(`/dagger/executions/${id}/cancel`, { method: 'POST' });
  assert.equal(response.status, 202);
  assert.deepEqual(await response.json(), { execution_id: id, status: 'running' });
  const execution = await untilEnded(getJson, id);
  assert.equal(execution.status, 'cancelled');
  assert.deepEqual(
    Object.fromEntries(Object.entries(execution.steps).map(([step, result]) => [step, result.status])),
    { one: 'cancelled', two: 'cancelled', later: 'cancelled' },
  );
  // Graceful: step one's TERM trap ran.
  assert.match(await (await api(`/dagger/executions/${id}/steps/one/logs`)).text(), /got TERM/);
  assert.deepEqual(await containersOf(id), []);
  const again = await api(`/dagger/executions/${id}/cancel`, { method: 'POST' });
  assert.equal(again.status, 409);
  assert.match(((await again.json()) as { detail: string }).detail, /already ended \(cancelled\)/);
});

void test('cancel ?force=true kills at once, even a step that ignores SIGTERM', async () => {
  const { api, getJson } = await startTestServer({ 'long.dagger.yaml': LONG });
  const { execution_id: id } = (await (
    await api('/dagger/workflows/long/execute', { method: 'POST' })
  ).json()) as Execution;
  await untilBothRun(api, id);
  assert.equal((await api(`/dagger/executions/${id}/cancel?force=true`, { method: 'POST' })).status, 202);
  const execution = await untilEnded(getJson, id);
  assert.equal(execution.status, 'cancelled');
  assert.doesNotMatch(await (await api(`/dagger/executions/${id}/steps/one/logs`)).text(), /got TERM/);
  assert.deepEqual(await containersOf(id), []);
});

void test('runs beyond --max-runs queue; a queued execution cancelled ends at once without starting', async () => {
  const { api, getJson, stateDir } = await startTestServer({ 'long.dagger.yaml': LONG }, { maxRuns: 1 });
  const first = (await (await api('/dagger/workflows/long/execute', { method: 'POST' })).json()) as Execution;
  const second = (await (
    await api('/dagger/workflows/long/execute', { method: 'POST' })
  ).json()) as Execution;
  assert.equal(second.status, 'queued');
  await untilBothRun(api, first.execution_id);
  assert.equal((await getJson<Execution>(`/dagger/executions/${second.execution_id}`)).status, 'queued');
  assert.equal(
    (await api(`/dagger/executions/${second.execution_id}/cancel`, { method: 'POST' })).status,
    202,
  );
  const cancelled = await getJson<Execution>(`/dagger/executions/${second.execution_id}`);
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.reason, 'cancelled before it started');
  assert.ok(
    Object.values(cancelled.steps).every((step) => step.status === 'cancelled' && step.attempts === 0),
  );
  const record = JSON.parse(
    readFileSync(join(stateDir, 'executions', second.execution_id, 'run.json'), 'utf8'),
  ) as { status: string };
  assert.equal(record.status, 'cancelled');
  assert.deepEqual(await containersOf(second.execution_id), []);
  await api(`/dagger/executions/${first.execution_id}/cancel?force=true`, { method: 'POST' });
  assert.equal((await untilEnded(getJson, first.execution_id)).status, 'cancelled');
});
