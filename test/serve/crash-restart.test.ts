import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  client,
  containersOf,
  IMAGE,
  readEvents,
  requireTestImage,
  spawnServer,
  untilLogIncludes,
  waitFor,
  workspace,
  type Execution,
} from './serve-helpers.js';

before(requireTestImage);

const LONG = `
name: long
container_config: { image: ${IMAGE} }
steps:
  - { id: quick, command: [sh, -c, 'echo "quick done"'] }
  - { id: slow, command: [sh, -c, 'echo "slow started"; sleep 300'], depends_on: [quick] }
  - { id: after, command: ["true"], depends_on: [slow] }
`;

void test('SIGKILL of the server mid-run, then a restart: every execution listed, interrupted ones failed, logs intact, 0 containers left', async () => {
  const workflows = workspace({ 'long.dagger.yaml': LONG });
  const state = workspace({});
  const first = await spawnServer(workflows, state, ['--max-runs', '1']);
  const { api } = client(first.url);
  const running = (
    (await (await api('/dagger/workflows/long/execute', { method: 'POST' })).json()) as Execution
  ).execution_id;
  const queued = (await (
    await api('/dagger/workflows/long/execute', { method: 'POST' })
  ).json()) as Execution;
  assert.equal(queued.status, 'queued');
  await untilLogIncludes(api, running, 'slow', 'slow started');
  const eventsBefore = await readEvents(`${first.url}/dagger/executions/${running}/events`, {}, (events) =>
    events.some((event) => event.data.includes('slow started')),
  );

  first.child.kill('SIGKILL');
  assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
  assert.equal((await containersOf(running)).length, 1, 'the killed server could not remove its container');

  const second = await spawnServer(workflows, state);
  try {
    assert.match(second.output(), new RegExp(`2 executions were interrupted by the last stop: .*${running}`));
    const { getJson, api: api2 } = client(second.url);
    const listed = await getJson<{ executions: { execution_id: string; status: string; reason?: string }[] }>(
      '/dagger/executions',
    );
    assert.deepEqual(listed.executions, [
      { ...listed.executions[0], execution_id: queued.execution_id, status: 'failed', reason: 'interrupted' },
      { ...listed.executions[1], execution_id: running, status: 'failed', reason: 'interrupted' },
    ]);
    const execution = await getJson<Execution>(`/dagger/executions/${running}`);
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(execution.steps).map(([id, step]) => [id, [step.status, step.reason]]),
      ),
      {
        quick: ['succeeded', undefined],
        slow: ['failed', 'interrupted'],
        after: ['cancelled', 'interrupted'],
      },
    );
    assert.ok(execution.finished_at);
    // Logs and events as they were when the server died.
    assert.equal(await (await api2(`/dagger/executions/${running}/steps/quick/logs`)).text(), 'quick done\n');
    assert.equal(
      await (await api2(`/dagger/executions/${running}/steps/slow/logs`)).text(),
      'slow started\n',
    );
    const replay = await readEvents(`${second.url}/dagger/executions/${running}/events`);
    assert.deepEqual(replay.events.slice(0, eventsBefore.events.length), eventsBefore.events);
    assert.deepEqual(JSON.parse(replay.events.at(-1)?.data ?? ''), {
      execution_id: running,
      status: 'failed',
      reason: 'interrupted',
    });
    // The queued one never started, and is not run now: it is interrupted too.
    const never = await getJson<Execution>(`/dagger/executions/${queued.execution_id}`);
    assert.ok(Object.values(never.steps).every((step) => step.status === 'cancelled' && step.attempts === 0));
    // The new server sweeps the dead one's container.
    let left = -1;
    const poll = setInterval(() => void containersOf(running).then((found) => (left = found.length)), 200);
    await waitFor(() => left === 0, 'the container of the killed server to be removed', 60_000).finally(() =>
      clearInterval(poll),
    );
  } finally {
    second.child.kill('SIGTERM');
    assert.deepEqual(await second.exited, { code: 0, signal: null });
  }
});
