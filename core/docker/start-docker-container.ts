import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type {
  BindMount,
  ContainerExit,
  ContainerSpec,
  OutputStream,
  RunningContainer,
} from '../run/runtime.js';
import { createDemultiplexer } from './demultiplex.js';
import { ignoringGone, startFailureMessage } from './docker-errors.js';

/** How long the output stream may trail the exit before it is given up (it normally ends at once). */
const OUTPUT_DRAIN_MS = 5000;

/**
 * Create, attach and start a container for one attempt. Attaching before starting is what `docker run`
 * does: no early output is lost. If anything fails before the start, the container is removed again.
 */
export async function startDockerContainer(
  docker: Docker,
  spec: ContainerSpec,
  onOutput: (stream: OutputStream, chunk: Buffer) => void,
): Promise<RunningContainer> {
  const container = await docker.createContainer(createOptions(spec)).catch((error: unknown) => {
    throw new Error(startFailureMessage(error), { cause: error });
  });
  const remove = () => ignoringGone(() => container.remove({ force: true }));
  let outputEnded: Promise<void>;
  try {
    const stream = (await container.attach({
      stream: true,
      stdout: true,
      stderr: true,
    })) as unknown as Readable;
    outputEnded = drain(stream, createDemultiplexer(onOutput));
    await container.start();
  } catch (error) {
    await remove().catch(() => undefined);
    throw new Error(startFailureMessage(error), { cause: error });
  }
  const exited = waitForExit(container, outputEnded);
  // Keep an unobserved rejection (engine gone mid-run) from crashing the process; callers still see it.
  exited.catch(() => undefined);
  return {
    id: container.id,
    exited,
    kill: () => ignoringGone(() => container.kill()),
    stop: (graceSeconds) => ignoringGone(() => container.stop({ t: graceSeconds })),
    remove,
  };
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

function drain(stream: Readable, onData: (data: Buffer) => void): Promise<void> {
  return new Promise((resolve) => {
    stream.on('data', (data: Buffer) => onData(data));
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
}

async function waitForExit(container: Docker.Container, outputEnded: Promise<void>): Promise<ContainerExit> {
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([outputEnded, new Promise((resolve) => (timer = setTimeout(resolve, OUTPUT_DRAIN_MS)))]);
  clearTimeout(timer);
  // Only a failed process can have been OOM-killed; skipping the inspect keeps the happy path one call shorter.
  if (StatusCode === 0) return { exitCode: 0, oomKilled: false };
  const details = await container.inspect();
  return { exitCode: StatusCode, oomKilled: details.State.OOMKilled };
}
