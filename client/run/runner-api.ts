import type { RunHandle, RunOptions } from '../../core/run/run-workflow.js';
import type { DockerRuntime, DockerRuntimeOptions } from '../../core/docker/create-docker-runtime.js';
import type { createKeptShell } from '../../core/shell/kept-shell.js';
import type { StepCache } from '../../core/cache/step-cache.js';
import type { CacheStore } from '../../core/cache/cache-store.js';
import type { reusableRun } from '../../core/cache/reusable-run.js';
import type { planRun } from '../../core/plan/plan-run.js';

/**
 * What dist/runner.js exports (client/run/runner-bundle.ts). Only types are imported here, so
 * dist/extension.js does not bundle the runner or dockerode: they load on the first Run (load-runner.ts).
 */
export interface RunnerModule {
  startRun(options: RunOptions): RunHandle;
  createDockerRuntime(options: DockerRuntimeOptions): DockerRuntime;
  createKeptShell: typeof createKeptShell;
  StepCache: typeof StepCache;
  CacheStore: typeof CacheStore;
  reusableRun: typeof reusableRun;
  planRun: typeof planRun;
}

export type { RunHandle as RunnerHandle, RunResult as RunnerResult } from '../../core/run/run-workflow.js';
export type { DockerRuntime } from '../../core/docker/create-docker-runtime.js';
