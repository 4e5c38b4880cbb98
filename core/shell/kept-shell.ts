import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRun } from '../run/history/list-runs.js';
import type { BindMount } from '../run/runtime.js';
import { LABEL_RUN, LABEL_STEP } from '../run/sweep-orphans.js';
import {
  LABEL_KEPT,
  LABEL_MOUNTS,
  LABEL_SECRET_ENV,
  LABEL_SHELL,
  type ShellRuntime,
} from './shell-runtime.js';

/** A shell container on a failed step's kept filesystem, with the notes to show before it opens. */
export type KeptShell = { ok: true; containerId: string; notes: string[] } | { ok: false; message: string };

/**
 * Create the shell container of a failed step of a past run, from the image its container was committed to:
 * its files as they were when it failed, its environment (variables that held a secret empty) and its volumes
 * (those still on disk). Says what is wrong when nothing was kept: no such run, no such step, a step that did not
 * fail, a filesystem that could not be kept.
 */
export async function createKeptShell(
  shells: ShellRuntime,
  historyDir: string,
  runId: string,
  stepId: string,
  tty: boolean,
): Promise<KeptShell> {
  const [image] = await shells.findImages({
    [LABEL_RUN]: runId,
    [LABEL_STEP]: stepId,
    [LABEL_KEPT]: 'failed-step',
  });
  if (!image) return { ok: false, message: whyNothingKept(historyDir, runId, stepId) };
  const mounts = keptMounts(image.labels[LABEL_MOUNTS]);
  const present = mounts.filter((mount) => existsSync(mount.source));
  const blanked = (image.labels[LABEL_SECRET_ENV] ?? '').split(',').filter(Boolean);
  const containerId = await shells.createShellContainer({
    image: image.id,
    env: {},
    mounts: present,
    labels: { [LABEL_RUN]: runId, [LABEL_STEP]: stepId, [LABEL_SHELL]: 'failed-step' },
    tty,
  });
  const notes = [
    `shell in the filesystem step "${stepId}" of run ${runId} left when it failed; changes are discarded on exit`,
    ...mounts
      .filter((mount) => !present.includes(mount))
      .map((m) => `volume ${m.source} is gone: ${m.target} is not mounted`),
  ];
  if (blanked.length)
    notes.push(`${blanked.join(', ')} held a secret and ${blanked.length > 1 ? 'are' : 'is'} empty here`);
  return { ok: true, containerId, notes };
}

/** Why no filesystem is kept for this step, naming what is wrong. */
function whyNothingKept(historyDir: string, runId: string, stepId: string): string {
  const run = readRun(join(historyDir, runId));
  if (!run) return `no run ${runId} in ${historyDir}`;
  const step = run.steps[stepId];
  if (!step) return `run ${runId} has no step "${stepId}" (steps: ${Object.keys(run.steps).join(', ')})`;
  if (step.status !== 'failed' && step.status !== 'timed_out')
    return `step "${stepId}" of run ${runId} ${step.status.replace('_', ' ')}: only the filesystem of a failed step is kept`;
  return `the filesystem of step "${stepId}" of run ${runId} was not kept (the engine could not commit it, or it was removed)`;
}

function keptMounts(json: string | undefined): BindMount[] {
  try {
    const parsed = JSON.parse(json ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as BindMount[]) : [];
  } catch {
    return [];
  }
}
