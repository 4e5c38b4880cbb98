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
  /**
   * When fewer slots than ready steps are free, higher priority starts first (ties: declaration order).
   * The runner passes each step's height — the longest chain of steps that waits on it — so the critical
   * path is not starved by short side branches.
   */
  priority?: ReadonlyMap<string, number>;
}

/**
 * Each step's height: 1 + the longest chain of steps that depend on it, directly or not (a sink has 1).
 * Expects an acyclic graph (the runner only runs validated workflows).
 */
export function stepHeights(
  stepIds: readonly string[],
  dependencies: ReadonlyMap<string, readonly string[]>,
): Map<string, number> {
  const dependents = new Map<string, string[]>(stepIds.map((id) => [id, []]));
  for (const id of stepIds)
    for (const dependency of dependencies.get(id) ?? []) dependents.get(dependency)?.push(id);
  // Kahn's order from the roots, then heights from the sinks back (no recursion: 10,000-step chains are fine).
  const remaining = new Map(stepIds.map((id) => [id, (dependencies.get(id) ?? []).length]));
  const order = stepIds.filter((id) => remaining.get(id) === 0);
  for (const id of order) {
    // The loop also visits the ids pushed below: an array iterator reads the length afresh at each step.
    for (const dependent of dependents.get(id) ?? []) {
      const left = (remaining.get(dependent) ?? 0) - 1;
      remaining.set(dependent, left);
      if (left === 0) order.push(dependent);
    }
  }
  const height = new Map<string, number>();
  for (const id of order.reverse()) {
    height.set(
      id,
      1 + Math.max(0, ...(dependents.get(id) ?? []).map((dependent) => height.get(dependent) ?? 0)),
    );
  }
  return height;
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
  const running = [...status.values()].filter((value) => value === 'running').length;
  const ready = state.stepIds.filter(
    (id) =>
      status.get(id) === 'pending' &&
      (state.dependencies.get(id) ?? []).every((dependency) => status.get(dependency) === 'succeeded'),
  );
  const priority = state.priority;
  // Array.prototype.sort is stable, so equal priorities keep declaration order.
  if (priority) ready.sort((a, b) => (priority.get(b) ?? 0) - (priority.get(a) ?? 0));
  return { skip, start: ready.slice(0, Math.max(0, state.maxParallel - running)) };
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
