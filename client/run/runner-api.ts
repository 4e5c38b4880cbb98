import type { RunHandle, RunOptions } from '../../core/run/run-workflow.js';
import type { DockerRuntime, DockerRuntimeOptions } from '../../core/docker/create-docker-runtime.js';
import type { createKeptShell } from '../../core/shell/kept-shell.js';

/**
 * What dist/runner.js exports (client/run/runner-bundle.ts). Only types are imported here, so
 * dist/extension.js does not bundle the runner or dockerode: they load on the first Run (load-runner.ts).
 */
export interface RunnerModule {
  startRun(options: RunOptions): RunHandle;
  createDockerRuntime(options: DockerRuntimeOptions): DockerRuntime;
  createKeptShell: typeof createKeptShell;
}

export type { RunHandle as RunnerHandle, RunResult as RunnerResult } from '../../core/run/run-workflow.js';
export type { DockerRuntime } from '../../core/docker/create-docker-runtime.js';
