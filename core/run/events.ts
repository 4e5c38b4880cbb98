import type { RunStatus, StepStatus } from '../model/run-state.js';
import type { RunFault } from './run-result.js';

/** The next attempt of a pull, and the wait before it. */
export interface PullRetry {
  attempt: number;
  maxAttempts: number;
  delaySeconds: number;
}

/**
 * How far the pull of one image has come, over all of its layers: what the tree, the notification, the
 * summary and the CLI show instead of the engine's messages, which come per layer and many a second.
 */
export interface PullProgress {
  /** Layers extracted, or found present already. */
  layersDone: number;
  /** Layers announced so far (the engine announces them all at the start of a pull). */
  layersTotal: number;
  /** Bytes downloaded; absent until the engine reports a size. */
  bytesDone?: number;
  /** The download size of the layers to fetch; absent until every one of them has reported its size. */
  bytesTotal?: number;
}

/**
 * Where the pull of an image stands: `queued` (waiting for a free pull), `pulling`, then once `pulled`,
 * `failed` or `cancelled` (the run was cancelled, or ended with no step left to need the image).
 */
export type PullPhase = 'queued' | 'pulling' | 'pulled' | 'failed' | 'cancelled';

/**
 * What the runner tells its listeners (CLI printer, tree view, output channels, debug adapter, run history).
 * Every string in an event has had secrets masked already.
 */
export type RunEvent =
  | {
      type: 'runStarted';
      runId: string;
      workflowFile: string;
      workflowName: string;
      stepIds: string[];
      /** The run's inputs, defaults filled in, secret ones as `***` (see recordedInputs). */
      inputs?: Record<string, string>;
      /** Names of the inputs declared `secret: true`. */
      secretInputs?: string[];
      time: string;
    }
  /**
   * An image is pulled once per run for every step that runs it, ahead of time when its name is known at the
   * start. Engine messages come at most a few a second; every pull ends with one event in a final phase.
   */
  | {
      type: 'imagePull';
      /** The first of `stepIds`. */
      stepId: string;
      /** The steps of the run that need the image. */
      stepIds: string[];
      image: string;
      phase: PullPhase;
      /** The engine's last message; on a failure, the reason. */
      status: string;
      /** The engine's own progress bar of one layer. */
      progress?: string;
      /** Layers and bytes of the whole image so far. */
      pull: PullProgress;
      /** On the message announcing a retry of the pull after a transient failure. */
      retry?: PullRetry;
      time: string;
    }
  /** An attempt begins (the step is `running`); its container is being created. */
  | {
      type: 'stepStarted';
      stepId: string;
      attempt: number;
      maxAttempts: number;
      /** Not known yet at this point: see containerStarted. */
      containerId?: string;
      time: string;
    }
  /** The attempt's container is running (it may have printed already: log events can come first). */
  | { type: 'containerStarted'; stepId: string; attempt: number; containerId: string; time: string }
  | { type: 'log'; stepId: string; stream: 'stdout' | 'stderr'; text: string; time: string }
  | {
      type: 'attemptFailed';
      stepId: string;
      attempt: number;
      maxAttempts: number;
      exitCode: number | null;
      reason: string;
      willRetry: boolean;
      retryDelaySeconds: number;
      time: string;
    }
  | {
      type: 'stepFinished';
      stepId: string;
      status: StepStatus;
      exitCode: number | null;
      attempts: number;
      outputs: Record<string, string>;
      reason?: string;
      /** When the step left `pending` (null when it never started), as in the result. */
      startedAt?: string | null;
      time: string;
    }
  /** Something the user should know that does not change a step: the history cannot be written, containers left. */
  | { type: 'warning'; message: string; time: string }
  | {
      type: 'runFinished';
      runId: string;
      status: RunStatus;
      outputs: Record<string, string>;
      /** Set when the run ended other than by its steps (the engine went away). */
      fault?: RunFault;
      time: string;
    };

export type RunEventListener = (event: RunEvent) => void;
