import type { RunStatus, StepStatus } from '../model/run-state.js';

/** The next attempt of a pull, and the wait before it. */
export interface PullRetry {
  attempt: number;
  maxAttempts: number;
  delaySeconds: number;
}

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
  | {
      type: 'imagePull';
      stepId: string;
      image: string;
      status: string;
      progress?: string;
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
  | { type: 'runFinished'; runId: string; status: RunStatus; outputs: Record<string, string>; time: string };

export type RunEventListener = (event: RunEvent) => void;
