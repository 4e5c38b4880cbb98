import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import { EngineUnreachableError } from '../../core/run/run-errors.js';
import type { RunEvent } from '../../core/run/events.js';
import { startRun } from '../../core/run/run-workflow.js';
import { IMAGE, requireTestImage, runToEnd, runtime, waitFor, workspace, stepOf } from './run-helpers.js';

before(requireTestImage);

const LONG_RUN = `
name: long
container_config: { image: ${IMAGE} }
steps:
  - { id: one, command: [sleep, "120"] }
  - { id: two, command: [sh, -c, "trap 'echo got TERM; exit 0' TERM; echo ready; sleep 120 & wait"] }
  - { id: three, command: [sh, -c, "trap '' TERM; sleep 120"] }
  - { id: later, command: ["true"], depends_on: [one] }
`;

/** Until the three first steps run, and step two has set its TERM trap. */
async function untilAllThreeRun(events: RunEvent[]): Promise<void> {
  await waitFor(
    () =>
      events.filter((e) => e.type === 'containerStarted').length === 3 &&
      events.some((e) => e.type === 'log' && e.stepId === 'two' && e.text.includes('ready')),
    'three running containers, step two ready',
  );
}

void test('cancel stops and removes every container of the run, without waiting for its steps to end; pending steps are cancelled', async () => {
  const dir = workspace({ 'long.dagger.yaml': LONG_RUN });
  const run = await runToEnd(
    { workflowFile: join(dir, 'long.dagger.yaml'), maxParallel: 4 },
    async (handle, events) => {
      await untilAllThreeRun(events);
      const running = await runtime.listContainers({ 'dagger-wf.run': handle.runId });
      assert.equal(running.length, 3);
      handle.cancel();
    },
  );
  // runToEnd has checked that no container of the run is left.
  assert.equal(run.result.status, 'cancelled');
  for (const id of ['one', 'two', 'three', 'later'])
    assert.equal(stepOf(run.result, id).status, 'cancelled', id);
  assert.equal(stepOf(run.result, 'later').attempts, 0);
  assert.equal(stepOf(run.result, 'later').started_at, null);
  // A graceful cancel gives a step the chance to stop on SIGTERM…
  assert.match(run.log('two'), /got TERM/);
  // …and kills one that ignores it at the end of the grace period, instead of waiting out its `sleep 120`.
  assert.equal(stepOf(run.result, 'three').exit_code, 137);
  const finished = run.events.find((e) => e.type === 'runFinished');
  assert.equal(finished?.type === 'runFinished' && finished.status, 'cancelled');
});

void test('a forced cancel kills at once, even a process that ignores SIGTERM', async () => {
  const dir = workspace({ 'long.dagger.yaml': LONG_RUN });
  const run = await runToEnd(
    { workflowFile: join(dir, 'long.dagger.yaml'), maxParallel: 4 },
    async (handle, events) => {
      await untilAllThreeRun(events);
      handle.cancel({ force: true });
    },
  );
  assert.equal(run.result.status, 'cancelled');
  // Killed, not stopped: the TERM trap never ran.
  assert.deepEqual([stepOf(run.result, 'two').exit_code, run.log('two')], [137, 'ready\n']);
});

void test('cancel before the run has started anything still ends cancelled with nothing left', async () => {
  const dir = workspace({ 'long.dagger.yaml': LONG_RUN });
  const handle = startRun({ workflowFile: join(dir, 'long.dagger.yaml'), runtime, hostEnv: {} });
  handle.cancel();
  const result = await handle.result;
  assert.equal(result.status, 'cancelled');
  assert.deepEqual(await runtime.listContainers({ 'dagger-wf.run': handle.runId }), []);
});

void test('containers left by a run whose process is gone are swept when a run starts', async () => {
  // A container labelled as a dagger-wf run of this host by a pid that does not exist (a SIGKILLed runner).
  const orphanRun = `orphan-${process.pid}`;
  const orphan = execFileSync('docker', [
    'create',
    ...['--label', `dagger-wf.run=${orphanRun}`, '--label', 'dagger-wf.step=lost'],
    ...['--label', 'dagger-wf.pid=2147483646', '--label', `dagger-wf.host=${hostname()}`],
    IMAGE,
    'sleep',
    '60',
  ])
    .toString()
    .trim();
  // And one of a live process (ours): it must be left alone.
  const alive = execFileSync('docker', [
    'create',
    ...['--label', `dagger-wf.run=alive-${process.pid}`, '--label', `dagger-wf.pid=${process.pid}`],
    ...['--label', `dagger-wf.host=${hostname()}`, IMAGE, 'true'],
  ])
    .toString()
    .trim();
  try {
    const dir = workspace({
      'quick.dagger.yaml': `name: quick\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["true"] }\n`,
    });
    await runToEnd({ workflowFile: join(dir, 'quick.dagger.yaml') });
    assert.deepEqual(await runtime.listContainers({ 'dagger-wf.run': orphanRun }), []);
    assert.equal((await runtime.listContainers({ 'dagger-wf.run': `alive-${process.pid}` })).length, 1);
  } finally {
    execFileSync('docker', ['rm', '-f', orphan, alive], { stdio: 'ignore' });
  }
});

void test('an engine that does not answer is reported naming its address, before anything starts', async () => {
  const dir = workspace({
    'quick.dagger.yaml': `name: quick\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["true"] }\n`,
  });
  const events: string[] = [];
  const handle = startRun({
    workflowFile: join(dir, 'quick.dagger.yaml'),
    runtime: createDockerRuntime({ dockerHost: `unix://${dir}/no-engine.sock` }),
  });
  handle.onEvent((event) => events.push(event.type));
  await assert.rejects(handle.result, (error: unknown) => {
    assert.ok(error instanceof EngineUnreachableError);
    assert.equal(error.address, `unix://${dir}/no-engine.sock`);
    assert.match(
      error.message,
      new RegExp(`^cannot reach the Docker engine at unix://${dir}/no-engine\\.sock: .*ENOENT`),
    );
    return true;
  });
  assert.deepEqual(events, []);
});

void test(
  'cancel does not wait for an image pull that hangs (a registry that accepts and never answers)',
  { timeout: 120_000 },
  async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const dir = workspace({
        'hang.dagger.yaml': `name: hang\nsteps:\n  - { id: stuck, image: "localhost:${port}/hang/app:1", command: ["true"] }\n`,
      });
      // The registry never answers and its connections stay open until the end of the test: a run that waited
      // for the pull would never end, and the test would fail on its timeout.
      const run = await runToEnd({ workflowFile: join(dir, 'hang.dagger.yaml') }, async (handle) => {
        await waitFor(() => sockets.length > 0, 'the engine to connect to the registry');
        handle.cancel();
      });
      assert.equal(run.result.status, 'cancelled');
      assert.deepEqual(
        [stepOf(run.result, 'stuck').status, stepOf(run.result, 'stuck').attempts],
        ['cancelled', 0],
      );
      assert.equal(
        stepOf(run.result, 'stuck').started_at,
        null,
        'cancelled while its image was pulled: never started',
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  },
);
