import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type {
  BindMount,
  ContainerExit,
  ContainerSpec,
  OutputStream,
  RunningContainer,
} from '../run/runtime.js';
import { EngineLostError } from '../run/run-errors.js';
import { createDemultiplexer } from './demultiplex.js';
import { ignoringGone, startFailureMessage } from './docker-errors.js';
import type { EngineWatch } from './engine-watch.js';

/** How long the output stream may trail the exit before it is given up (it normally ends at once). */
const OUTPUT_DRAIN_MS = 5000;

/**
 * How long the exit may trail the end of the output before the engine is asked whether it is still there.
 * An engine killed mid-run ends the output stream but never answers the wait; this finds out in a second.
 */
const EXIT_AFTER_OUTPUT_MS = 1000;

/**
 * Create, attach and start a container for one attempt. Attaching before starting is what `docker run`
 * does: no early output is lost. If anything fails before the start, the container is removed again.
 * Every call goes through the engine watch: if the engine goes away, they fail with EngineLostError.
 */
export async function startDockerContainer(
  docker: Docker,
  watch: EngineWatch,
  spec: ContainerSpec,
  onOutput: (stream: OutputStream, chunk: Buffer) => void,
): Promise<RunningContainer> {
  const container = await watch
    .call((abortSignal) => docker.createContainer({ ...createOptions(spec), abortSignal }))
    .catch((error: unknown) => {
      throw startFailure(error);
    });
  const remove = () =>
    ignoringGone(() => watch.call((abortSignal) => container.remove({ force: true, abortSignal })));
  let outputEnded: Promise<void>;
  try {
    const stream = (await watch.call((abortSignal) =>
      container.attach({ stream: true, stdout: true, stderr: true, abortSignal }),
    )) as unknown as Readable;
    watch.track(stream);
    outputEnded = drain(stream, createDemultiplexer(onOutput)).then((broken) => {
      if (broken) void watch.suspect('the output stream of a container broke');
    });
    await watch.call((abortSignal) => container.start({ abortSignal }));
  } catch (error) {
    await remove().catch(() => undefined);
    throw startFailure(error);
  }
  const exited = waitForExit(container, watch, outputEnded);
  let exitKnown = false;
  void exited.finally(() => (exitKnown = true)).catch(() => undefined);
  void outputEnded.then(() => {
    const timer = setTimeout(() => {
      if (!exitKnown) watch.confirmAlive().catch(() => undefined);
    }, EXIT_AFTER_OUTPUT_MS);
    timer.unref();
  });
  // Keep an unobserved rejection (engine gone mid-run) from crashing the process; callers still see it.
  exited.catch(() => undefined);
  return {
    id: container.id,
    exited,
    kill: () => ignoringGone(() => watch.call((abortSignal) => container.kill({ abortSignal }))),
    stop: (graceSeconds) =>
      ignoringGone(() => watch.call((abortSignal) => container.stop({ t: graceSeconds, abortSignal }))),
    remove,
  };
}

/** The engine being gone is reported as such; anything else as the engine's one-line reason. */
function startFailure(error: unknown): Error {
  if (error instanceof EngineLostError) return error;
  return new Error(startFailureMessage(error), { cause: error });
}

/** The engine's create request for a step container. */
function createOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  return {
    Image: spec.image,
    // The argv as given: the first element replaces the entrypoint, so nothing wraps it in a shell.
    ...(spec.command ? { Entrypoint: spec.command.slice(0, 1), Cmd: spec.command.slice(1) } : {}),
    Env: Object.entries(spec.env).map(([name, value]) => `${name}=${value}`),
    Labels: spec.labels,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      Mounts: bindMounts(spec.mounts),
      ...(spec.nanoCpus ? { NanoCpus: spec.nanoCpus } : {}),
      // Swap limited to the memory limit, so exceeding it is an OOM kill rather than a slow swap.
      ...(spec.memoryBytes ? { Memory: spec.memoryBytes, MemorySwap: spec.memoryBytes } : {}),
    },
  };
}

/** Bind mounts as the engine takes them (step and shell containers alike). */
export function bindMounts(mounts: readonly BindMount[]): Docker.MountSettings[] {
  return mounts.map((mount) => ({
    Type: 'bind' as const,
    Source: mount.source,
    Target: mount.target,
    ReadOnly: mount.readOnly ?? false,
  }));
}

/** Feed the stream to `onData` until it ends; resolves true when it closed without its proper end. */
function drain(stream: Readable, onData: (data: Buffer) => void): Promise<boolean> {
  return new Promise((resolve) => {
    stream.on('data', (data: Buffer) => onData(data));
    stream.once('end', () => resolve(false));
    stream.once('close', () => resolve(!stream.readableEnded));
    stream.once('error', () => resolve(true));
  });
}

async function waitForExit(
  container: Docker.Container,
  watch: EngineWatch,
  outputEnded: Promise<void>,
): Promise<ContainerExit> {
  const { StatusCode } = (await watch.call((abortSignal) => container.wait({ abortSignal }))) as {
    StatusCode: number;
  };
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([outputEnded, new Promise((resolve) => (timer = setTimeout(resolve, OUTPUT_DRAIN_MS)))]);
  clearTimeout(timer);
  // Only a failed process can have been OOM-killed; skipping the inspect keeps the happy path one call shorter.
  if (StatusCode === 0) return { exitCode: 0, oomKilled: false };
  // An engine that is shutting down stops its containers first: that failure is the engine's, not the step's.
  await watch.confirmAlive();
  const details = await watch.call((abortSignal) => container.inspect({ abortSignal }));
  return { exitCode: StatusCode, oomKilled: details.State.OOMKilled };
}
