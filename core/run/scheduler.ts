import type { StepStatus } from '../model/run-state.js';

/** What the scheduler needs to know about a run: nothing but ids, edges, states and the bound. */
export interface SchedulerState {
  /** The steps of the run, in declaration order (ties start in this order). */
  stepIds: readonly string[];
  /** id -> ids it depends on (only ids of this run). */
  dependencies: ReadonlyMap<string, readonly string[]>;
  status: ReadonlyMap<string, StepStatus>;
  /** At most this many steps run at once. */
  maxParallel: number;
}

export interface SkipDecision {
  stepId: string;
  reason: string;
}

/** What may happen now: steps to skip (with the reason) and steps to start. */
export interface SchedulerDecision {
  skip: SkipDecision[];
  start: string[];
}

const UNUSABLE_DEPENDENCY: Partial<Record<StepStatus, string>> = {
  failed: 'failed',
  timed_out: 'timed out',
  skipped: 'was skipped',
  cancelled: 'was cancelled',
};

/**
 * Eager scheduling as a pure function: a pending step starts as soon as every dependency has succeeded
 * (no waves), up to `maxParallel` running steps; a pending step with a failed, timed-out, skipped or
 * cancelled dependency is skipped. Skips cascade within one call, so the answer is complete for this state.
 */
export function decideNextSteps(state: SchedulerState): SchedulerDecision {
  const status = new Map(state.status);
  const skip = cascadeSkips(state.stepIds, state.dependencies, status);
  let running = [...status.values()].filter((value) => value === 'running').length;
  const start: string[] = [];
  for (const id of state.stepIds) {
    if (running >= state.maxParallel) break;
    if (status.get(id) !== 'pending') continue;
    const dependencies = state.dependencies.get(id) ?? [];
    if (dependencies.every((dependency) => status.get(dependency) === 'succeeded')) {
      start.push(id);
      running++;
    }
  }
  return { skip, start };
}

function cascadeSkips(
  stepIds: readonly string[],
  dependencies: ReadonlyMap<string, readonly string[]>,
  status: Map<string, StepStatus>,
): SkipDecision[] {
  const skip: SkipDecision[] = [];
  let changed = true;
  // Repeat until stable instead of relying on declaration order: steps may be listed before their dependencies.
  while (changed) {
    changed = false;
    for (const id of stepIds) {
      if (status.get(id) !== 'pending') continue;
      for (const dependency of dependencies.get(id) ?? []) {
        const why = UNUSABLE_DEPENDENCY[status.get(dependency) ?? 'pending'];
        if (why === undefined) continue;
        skip.push({ stepId: id, reason: `dependency "${dependency}" ${why}` });
        status.set(id, 'skipped');
        changed = true;
        break;
      }
    }
  }
  return skip;
}
