import type { StepStatus } from '../model/run-state.js';
import type { ResolveContext } from '../interpolate/resolve-interpolations.js';
import type { ContainerSpec } from './runtime.js';
import type { StepOutcome } from './run-step.js';

/** A step's container settings once every `${…}` is resolved (the run adds its labels later). */
export type ResolvedSpec = Omit<ContainerSpec, 'labels'>;

/** A step about to start its first attempt: everything it will run with is known. */
export interface StepAboutToStart {
  stepId: string;
  spec: ResolvedSpec;
  maxAttempts: number;
  timeoutSeconds: number;
  /** What its `${…}` were resolved against (raw values: outputs of its dependencies, inputs, host env). */
  context: ResolveContext;
  /** Replaces the run's secrets in a text with `***`. */
  mask: (text: string) => string;
}

/**
 * What the run does with a step about to start: run it (with other settings for this run only, such as an
 * environment changed in a debugger), end it with a given outcome without running it (a cached result), or put
 * it back to pending (it starts again once its dependencies allow, e.g. after they are run again).
 */
export type BeforeStepDecision =
  { action: 'run'; spec?: ResolvedSpec } | { action: 'finish'; outcome: StepOutcome } | { action: 'requeue' };

/** A step that reached a final state (outputs raw, as later steps see them). */
export interface StepEnded {
  stepId: string;
  status: StepStatus;
  exitCode: number | null;
  attempts: number;
  outputs: Record<string, string>;
  reason?: string;
  /** Replaces the run's secrets in a text with `***`. */
  mask: (text: string) => string;
}

/**
 * Hooks around each step of a run: the debugger's gate, a step cache. core/run knows nothing of either.
 * `beforeStep` holds only its own step (others go on starting). While an `afterStep` promise is pending the run
 * starts and skips no step and does not end: a debugger stopped on a failure can still run steps again.
 */
export interface StepHooks {
  beforeStep?: (step: StepAboutToStart) => Promise<BeforeStepDecision>;
  afterStep?: (step: StepEnded) => Promise<void> | void;
}
