import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { PULL_ATTEMPTS } from '../../core/docker/pull-image.js';
import type { RunEvent } from '../../core/run/events.js';
import type { ContainerRuntime } from '../../core/run/runtime.js';
import {
  pushTestImage,
  startFaultyProxy,
  startRegistry,
  type Fault,
  type LoopbackRegistry,
} from './loopback-registry.js';
import type { StepResult } from '../../core/run/run-result.js';
import { requireTestImage, runToEnd, runtime, waitFor, workspace, type FinishedRun } from './run-helpers.js';

// Real faults: a proxy on loopback in front of a real registry resets connections or answers 503.
let registry: LoopbackRegistry;
let pushed = 0;

before(async () => {
  requireTestImage();
  registry = await startRegistry();
});

/** Push a fresh tag (absent locally) and run a one-step workflow pulling it through a proxy failing as `fault`. */
async function pullThrough(fault: Fault, tag?: string, pulls: Promise<void>[] = []) {
  const image = pushTestImage(registry, `dagger-test/retry:${process.pid}-${++pushed}`);
  const proxy = await startFaultyProxy(registry, fault);
  const viaProxy = image
    .replace(registry.host, proxy.host)
    .replace(/:[^:]+$/, `:${tag ?? image.split(':').at(-1)}`);
  const dir = workspace({
    'pull.dagger.yaml': `name: retry\nsteps:\n  - { id: app, image: "${viaProxy}", command: [echo, pulled] }\n`,
  });
  return { proxy, image: viaProxy, file: join(dir, 'pull.dagger.yaml'), runtime: watchingPulls(pulls) };
}

/** The real runtime, keeping its pulls in `pulls` to see when they settle. */
function watchingPulls(pulls: Promise<void>[]): ContainerRuntime {
  return {
    ...runtime,
    pullImage: (...args) => {
      const pull = runtime.pullImage(...args);
      pulls.push(pull.catch(() => undefined));
      return pull;
    },
  };
}

/** The result of the one step, `app`. */
function appOf(run: FinishedRun): StepResult {
  const app = run.result.steps.app;
  assert.ok(app, 'the step has a result');
  return app;
}

/** The imagePull events announcing a retry. */
const retriesOf = (events: RunEvent[]) =>
  events.flatMap((event) => (event.type === 'imagePull' && event.retry ? [event] : []));

void test('a pull whose first attempt meets a reset connection is retried, and the retry is announced', async () => {
  const { proxy, image, file, runtime } = await pullThrough({ attempts: 1, answer: 'reset' });
  try {
    const run = await runToEnd({ workflowFile: file, runtime });
    assert.equal(run.result.status, 'succeeded', appOf(run).reason);
    assert.equal(run.log('app'), 'pulled\n');
    assert.equal(proxy.attempts(), 2);
    const [retry, ...more] = retriesOf(run.events);
    assert.deepEqual(more, []);
    assert.deepEqual(retry, {
      ...retry,
      stepId: 'app',
      image,
      retry: { attempt: 2, maxAttempts: PULL_ATTEMPTS, delaySeconds: 1 },
    });
    assert.match(
      retry?.status ?? '',
      /^Pull attempt 1 of 4 failed \(.*connection reset by peer\); retrying in 1 s$/,
    );
  } finally {
    await proxy.close();
  }
});

void test('a registry answering 503 is retried with backoff until it answers', async () => {
  const { proxy, file, runtime } = await pullThrough({ attempts: 2, answer: '503' });
  try {
    const run = await runToEnd({ workflowFile: file, runtime });
    assert.equal(run.result.status, 'succeeded', appOf(run).reason);
    assert.equal(proxy.attempts(), 3);
    assert.deepEqual(
      retriesOf(run.events).map((event) => event.retry),
      [
        { attempt: 2, maxAttempts: 4, delaySeconds: 1 },
        { attempt: 3, maxAttempts: 4, delaySeconds: 2 },
      ],
    );
  } finally {
    await proxy.close();
  }
});

void test(`a registry that keeps answering 503 fails the step after ${PULL_ATTEMPTS} attempts, saying so`, async () => {
  const { proxy, image, file, runtime } = await pullThrough({ attempts: Infinity, answer: '503' });
  try {
    const run = await runToEnd({ workflowFile: file, runtime });
    assert.equal(run.result.status, 'failed');
    assert.equal(proxy.attempts(), PULL_ATTEMPTS);
    assert.equal(retriesOf(run.events).length, PULL_ATTEMPTS - 1);
    assert.equal(
      appOf(run).reason,
      `image "${image}" is not present locally and pulling it failed: received unexpected HTTP status: 503 Service Unavailable (gave up after 4 attempts)`,
    );
  } finally {
    await proxy.close();
  }
});

void test('a permanent failure (no such manifest) is not retried, and its reason has no trailing junk', async () => {
  const { proxy, image, file, runtime } = await pullThrough({ attempts: 0, answer: '503' }, 'no-such-tag');
  try {
    const run = await runToEnd({ workflowFile: file, runtime });
    assert.equal(run.result.status, 'failed');
    assert.equal(proxy.attempts(), 1);
    assert.deepEqual(retriesOf(run.events), []);
    assert.equal(
      appOf(run).reason,
      `image "${image}" is not present locally and pulling it failed: manifest for ${image} not found: manifest unknown`,
    );
  } finally {
    await proxy.close();
  }
});

void test('cancel during the wait before a retry ends the run, and no further attempt is made', async () => {
  const pulls: Promise<void>[] = [];
  const { proxy, file, runtime } = await pullThrough({ attempts: Infinity, answer: '503' }, undefined, pulls);
  try {
    const run = await runToEnd({ workflowFile: file, runtime }, async (handle, events) => {
      await waitFor(() => retriesOf(events).length > 0, 'the first retry to be announced');
      handle.cancel();
    });
    assert.equal(run.result.status, 'cancelled');
    assert.equal(appOf(run).status, 'cancelled');
    // The abandoned pull settles at once when cancelled (else only after its remaining attempts).
    await Promise.all(pulls);
    assert.equal(proxy.attempts(), 1);
  } finally {
    await proxy.close();
  }
});

void test('cancel ends a pull in flight at once (a registry that accepts and never answers)', async () => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const dir = workspace({
      'hang.dagger.yaml': `name: hang\nsteps:\n  - { id: stuck, image: "localhost:${port}/hang/app:1", command: ["true"] }\n`,
    });
    const pulls: Promise<void>[] = [];
    const run = await runToEnd(
      { workflowFile: join(dir, 'hang.dagger.yaml'), runtime: watchingPulls(pulls) },
      async (handle) => {
        await waitFor(() => sockets.length > 0, 'the engine to connect to the registry');
        handle.cancel();
      },
    );
    assert.equal(run.result.status, 'cancelled');
    // The request to the engine is closed, so the pull settles although the registry never answers.
    let settled = false;
    void Promise.all(pulls).then(() => (settled = true));
    await waitFor(() => settled, 'the pull to end after the cancel');
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});
