/**
 * The container engine as the runner sees it. core/docker/ implements it with dockerode; the runner
 * never talks to an engine any other way, so everything above this interface is engine-neutral.
 */

import type { PullRetry } from './events.js';

/** A bind mount of a host path. */
export interface BindMount {
  /** Absolute host path. */
  source: string;
  target: string;
  readOnly?: boolean;
}

/** Everything needed to create one attempt's container. */
export interface ContainerSpec {
  image: string;
  /** The exact argv; undefined keeps the image's default command. Never wrapped in a shell. */
  command?: string[];
  env: Record<string, string>;
  mounts: BindMount[];
  /** Docker's `NanoCpus`. */
  nanoCpus?: number;
  /** Docker's `Memory`, in bytes. */
  memoryBytes?: number;
  labels: Record<string, string>;
}

/** How a container's main process ended. */
export interface ContainerExit {
  exitCode: number;
  /** True when the kernel killed it for exceeding its memory limit. */
  oomKilled: boolean;
}

/** A created and started container. */
export interface RunningContainer {
  id: string;
  /** Resolves when the process has exited and all of its output has been delivered. */
  exited: Promise<ContainerExit>;
  /** Kill the process now (timeouts, forced cancel). Safe to call when it has already exited. */
  kill(): Promise<void>;
  /** Ask the process to stop, killing it after `graceSeconds`. */
  stop(graceSeconds: number): Promise<void>;
  /** Remove the container (forced). Safe to call twice. */
  remove(): Promise<void>;
}

export type OutputStream = 'stdout' | 'stderr';

/** One message of the engine about a pull (pull-progress.ts adds them up per image). */
export interface ImagePullProgress {
  status: string;
  /** The engine's own progress bar, `[==>   ] 1.2MB/40MB`. */
  progress?: string;
  /** The layer the message is about (or, on the first message, the tag). */
  layer?: string;
  /** Bytes done and in all, of the layer's download or extraction. */
  current?: number;
  total?: number;
  /** Set on the message announcing a retry after a transient failure (the status says why). */
  retry?: PullRetry;
}

export interface ContainerRuntime {
  /** The engine's address for messages, such as `unix:///var/run/docker.sock`. */
  readonly address: string;
  /** Throws EngineUnreachableError when the engine does not answer (within `timeoutMs`, default 5 s). */
  ping(timeoutMs?: number): Promise<void>;
  /** True when the image is present locally. */
  hasImage(image: string): Promise<boolean>;
  /** Pull the image; throws ImagePullError naming it when that fails. `signal` stops it at once. */
  pullImage(
    image: string,
    onProgress: (progress: ImagePullProgress) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  /**
   * Create and start a container with output streamed to `onOutput` (demultiplexed). When it resolves the
   * container is running; when it rejects no container is left behind.
   */
  startContainer(
    spec: ContainerSpec,
    onOutput: (stream: OutputStream, chunk: Buffer) => void,
  ): Promise<RunningContainer>;
  /** Force-remove every container carrying all of `labels`; returns how many were removed. */
  removeContainers(labels: Record<string, string>): Promise<number>;
  /** Ids of the containers carrying all of `labels` (running or not). */
  listContainers(labels: Record<string, string>): Promise<ContainerSummary[]>;
}

export interface ContainerSummary {
  id: string;
  labels: Record<string, string>;
  state: string;
}
