import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerRuntime } from '../../../../core/run/runtime.js';
import { keepFailedFilesystems } from '../../../../core/shell/keep-failed-filesystems.js';
import type { ShellRuntime } from '../../../../core/shell/shell-runtime.js';

void test('the runtime that keeps failed filesystems passes on the ping timeout and the pull signal', async () => {
  const seen: unknown[] = [];
  const engine = {
    address: 'unix:///x.sock',
    ping: (timeoutMs?: number) => Promise.resolve(void seen.push(['ping', timeoutMs])),
    pullImage: (image: string, _onProgress: unknown, signal?: AbortSignal) =>
      Promise.resolve(void seen.push(['pull', image, signal])),
  } as unknown as ContainerRuntime;
  const kept = keepFailedFilesystems(engine, {
    shells: {} as ShellRuntime,
    labels: {},
    secrets: [],
    isCancelled: () => false,
  });
  const signal = new AbortController().signal;
  // A forced cancel pings with 2 s: dropping it waited the default 5 s on a frozen engine, each time.
  await kept.ping(2000);
  await kept.pullImage('busybox', () => undefined, signal);
  assert.deepEqual(seen, [
    ['ping', 2000],
    ['pull', 'busybox', signal],
  ]);
});
