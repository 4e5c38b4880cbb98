import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import type { RunEvent } from '../../core/run/events.js';
import { startRun, type RunHandle, type RunOptions } from '../../core/run/run-workflow.js';
import type { RunResult, StepResult } from '../../core/run/run-result.js';
import { LABEL_RUN } from '../../core/run/sweep-orphans.js';
import { must } from '../support/must.js';

/** The local test image (scripts/ci/build-test-images.sh); no registry is reachable on CI machines. */
export const IMAGE = 'dagger-test/busybox:latest';

export const runtime = createDockerRuntime();

/** Fails early, with the fix, when the test image was not built. */
export function requireTestImage(): void {
  try {
    execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' });
  } catch {
    throw new Error(`${IMAGE} is missing: run scripts/ci/build-test-images.sh`);
  }
}

const workspaces: string[] = [];
// Each test file runs in its own process: its folders go when it ends.
after(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding `files` (path -> content), removed when the test file ends; returns the folder. */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-test-'));
  workspaces.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export interface FinishedRun {
  handle: RunHandle;
  result: RunResult;
  events: RunEvent[];
  /** All log text of a step, stdout and stderr in arrival order. */
  log(stepId: string): string;
  /** The time of the first event matching. */
  time(type: RunEvent['type'], stepId: string): number;
}

/** Start a run, optionally act on it while it runs, and check that no container of it is left afterwards. */
export async function runToEnd(
  options: Partial<RunOptions> & { workflowFile: string },
  whileRunning?: (handle: RunHandle, events: RunEvent[]) => Promise<void>,
): Promise<FinishedRun> {
  const handle = startRun({ runtime, hostEnv: {}, ...options });
  const events: RunEvent[] = [];
  handle.onEvent((event) => events.push(event));
  const acting = whileRunning?.(handle, events);
  const result = await handle.result;
  await acting;
  await assertNoContainersLeft(handle.runId);
  return {
    handle,
    result,
    events,
    log: (stepId) =>
      events.map((event) => (event.type === 'log' && event.stepId === stepId ? event.text : '')).join(''),
    time: (type, stepId) => {
      const found = events.find(
        (event) => event.type === type && 'stepId' in event && event.stepId === stepId,
      );
      assert.ok(found, `no ${type} event for ${stepId}`);
      return Date.parse(found.time);
    },
  };
}

export async function assertNoContainersLeft(runId: string): Promise<void> {
  const left = await runtime.listContainers({ [LABEL_RUN]: runId });
  assert.deepEqual(left, [], `containers of run ${runId} left behind`);
}

/** Poll `condition` every 50 ms until it holds; fail after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Milliseconds between two ISO times. */
export function ms(iso: string | null): number {
  assert.ok(iso, 'expected a time');
  return Date.parse(iso);
}

/** The result of step `stepId` in a finished run; the test fails when the run has none. */
export function stepOf(result: RunResult, stepId: string): StepResult {
  return must(result.steps[stepId], `a result for step "${stepId}"`);
}
