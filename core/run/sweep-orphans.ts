import { readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from './process-alive.js';
import type { ContainerRuntime } from './runtime.js';

/** Labels every container of a run carries (docs/run-semantics.md "Containers", plus owner facts for the sweep). */
export const LABEL_RUN = 'dagger-wf.run';
export const LABEL_STEP = 'dagger-wf.step';
export const LABEL_ATTEMPT = 'dagger-wf.attempt';
export const LABEL_PID = 'dagger-wf.pid';
export const LABEL_HOST = 'dagger-wf.host';

/** The owner labels of containers started by this process. */
export function ownerLabels(): Record<string, string> {
  return { [LABEL_PID]: String(process.pid), [LABEL_HOST]: hostname() };
}

/**
 * Remove containers left by runs whose process is gone (killed with SIGKILL, machine crash): they carry
 * this host's name and a pid that no longer exists. Containers of other hosts are left alone.
 * Returns how many were removed.
 */
export async function sweepOrphans(runtime: ContainerRuntime): Promise<number> {
  const host = hostname();
  const candidates = await runtime.listContainers({ [LABEL_HOST]: host });
  const deadRuns = new Set<string>();
  for (const container of candidates) {
    const pid = Number(container.labels[LABEL_PID]);
    const runId = container.labels[LABEL_RUN];
    if (runId && pid > 0 && !isProcessAlive(pid)) deadRuns.add(runId);
  }
  let removed = 0;
  for (const runId of deadRuns)
    removed += await runtime.removeContainers({ [LABEL_RUN]: runId, [LABEL_HOST]: host });
  return removed;
}

/** Where a run keeps its DAGGER_OUTPUT files: `<tmp>/dagger-wf-outputs-<host>-<pid>-XXXXXX`, removed at its end. */
export function outputDirPrefix(parent = tmpdir()): string {
  return join(parent, `dagger-wf-outputs-${hostname()}-${process.pid}-`);
}

/**
 * Remove the output folders of runs on this host whose process is gone: a run killed with SIGKILL cannot
 * clean up, and its folder may hold step outputs (secrets among them). Returns how many were removed.
 */
export function sweepOrphanOutputDirs(parent = tmpdir()): number {
  const prefix = `dagger-wf-outputs-${hostname()}-`;
  let removed = 0;
  for (const name of readdirSync(parent)) {
    // `<pid>-XXXXXX` exactly, so a host named like ours plus a suffix (`web` and `web-2`) never matches.
    const pid = name.startsWith(prefix)
      ? /^(\d+)-[A-Za-z0-9]{6}$/.exec(name.slice(prefix.length))?.[1]
      : undefined;
    if (pid === undefined || isProcessAlive(Number(pid))) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
