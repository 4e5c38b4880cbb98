import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { StepStatus } from '../model/run-state.js';
import type { Cancellation } from './cancellation.js';
import type { RunEvent } from './events.js';
import { GAVE_UP, unlessForcedOut } from './forced-cancel.js';
import { formatBytes } from './format-bytes.js';
import { startLongTimer } from './long-timer.js';
import { MAX_STEP_OUTPUT_BYTES, stepOutputTooLarge, type RunOutputBudget } from './output-limits.js';
import { parseOutputFile } from './parse-output-file.js';
import { readFileHead } from './read-file-head.js';
import { EngineLostError } from './run-errors.js';
import { describeFileError } from '../parse/describe-file-error.js';
import type { ContainerRuntime, ContainerSpec, OutputStream, RunningContainer } from './runtime.js';
import type { SecretMasker } from './secret-masker.js';

/** Where the output file is mounted inside every step container (docs/run-semantics.md "Outputs"). */
export const OUTPUT_FILE_IN_CONTAINER = '/dagger-wf/output';

/** How long a cancelled container gets to stop before it is killed. */
const CANCEL_GRACE_SECONDS = 1;

/** What running one step needs from its run. */
export interface StepRunContext {
  runtime: ContainerRuntime;
  cancellation: Cancellation;
  masker: SecretMasker;
  emit(event: RunEvent): void;
  /** Folder for the per-attempt output files (bind-mounted, so on the engine's host). */
  outputDir: string;
  /** Containers are removed in the background so dependents can start at once; the run awaits them. */
  removeLater(container: RunningContainer): void;
  /** What the run's steps have written to DAGGER_OUTPUT so far, against the per-run limit. */
  outputBudget: RunOutputBudget;
}

export interface StepPlan {
  stepId: string;
  /** Unique among the run's steps, safe in a file name. */
  fileKey: string;
  spec: ContainerSpec;
  maxAttempts: number;
  retryDelaySeconds: number;
  timeoutSeconds: number;
}

/** How a step ended. Outputs are raw (unmasked): later steps need the real values. */
export interface StepOutcome {
  status: Extract<StepStatus, 'succeeded' | 'failed' | 'timed_out' | 'cancelled'>;
  exitCode: number | null;
  attempts: number;
  outputs: Record<string, string>;
  reason?: string;
}

type AttemptOutcome = Omit<StepOutcome, 'attempts'>;

const now = () => new Date().toISOString();

/**
 * Run a step's attempts: retries with their delay, a timeout per attempt, cancellation at any point.
 * Rejects with EngineLostError when the engine goes away: that ends the run, not just this step.
 */
export async function runStep(plan: StepPlan, context: StepRunContext): Promise<StepOutcome> {
  let last: AttemptOutcome = { status: 'cancelled', exitCode: null, outputs: {}, reason: 'run cancelled' };
  for (let attempt = 1; attempt <= plan.maxAttempts; attempt++) {
    if (context.cancellation.cancelled)
      return { ...last, status: 'cancelled', reason: 'run cancelled', attempts: attempt - 1 };
    last = await runAttempt(plan, attempt, context);
    if (last.status === 'succeeded' || last.status === 'cancelled') return { ...last, attempts: attempt };
    const willRetry = attempt < plan.maxAttempts && !context.cancellation.cancelled;
    context.emit({
      type: 'attemptFailed',
      stepId: plan.stepId,
      attempt,
      maxAttempts: plan.maxAttempts,
      exitCode: last.exitCode,
      reason: context.masker.mask(last.reason ?? 'failed'),
      willRetry,
      retryDelaySeconds: plan.retryDelaySeconds,
      time: now(),
    });
    if (!willRetry) return { ...last, attempts: attempt };
    await context.cancellation.delay(plan.retryDelaySeconds * 1000);
  }
  return { ...last, attempts: plan.maxAttempts };
}

async function runAttempt(plan: StepPlan, attempt: number, context: StepRunContext): Promise<AttemptOutcome> {
  const outputFile = join(context.outputDir, `${plan.fileKey}.${attempt}.out`);
  try {
    writeFileSync(outputFile, '');
    // Any user in the container may append to it.
    chmodSync(outputFile, 0o666);
  } catch (error) {
    const reason = `cannot make the DAGGER_OUTPUT file in ${context.outputDir}: ${describeFileError(error)}`;
    return { status: 'failed', exitCode: null, outputs: {}, reason };
  }
  const spec: ContainerSpec = {
    ...plan.spec,
    env: { ...plan.spec.env, DAGGER_OUTPUT: OUTPUT_FILE_IN_CONTAINER },
    mounts: [...plan.spec.mounts, { source: outputFile, target: OUTPUT_FILE_IN_CONTAINER }],
    labels: { ...plan.spec.labels, 'dagger-wf.attempt': String(attempt) },
  };
  const logs = new LogStreams(plan.stepId, context);
  const { stepId, maxAttempts } = plan;
  context.emit({ type: 'stepStarted', stepId, attempt, maxAttempts, time: now() });
  let container: RunningContainer | typeof GAVE_UP;
  try {
    const starting = context.runtime.startContainer(spec, (stream, chunk) => logs.write(stream, chunk));
    container = await unlessForcedOut(starting, context.cancellation, (ms) => context.runtime.ping(ms));
  } catch (error) {
    if (error instanceof EngineLostError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', exitCode: null, outputs: {}, reason: `container did not start: ${message}` };
  }
  // The engine did not even confirm the container's creation: the run's final sweep by label removes it.
  if (container === GAVE_UP) return { ...CANCELLED_UNCONFIRMED };
  context.emit({ type: 'containerStarted', stepId, attempt, containerId: container.id, time: now() });

  let timedOut = false;
  const stopTimer = startLongTimer(() => {
    timedOut = true;
    void container.kill().catch(() => undefined);
  }, plan.timeoutSeconds * 1000);
  const stopOnCancel = (forced: boolean) => {
    const stopping = forced ? container.kill() : container.stop(CANCEL_GRACE_SECONDS);
    void stopping.catch(() => undefined);
  };
  const unsubscribe = context.cancellation.onCancel(stopOnCancel);
  if (context.cancellation.cancelled) stopOnCancel(context.cancellation.forced);
  try {
    const exit = await unlessForcedOut(container.exited, context.cancellation, (ms) =>
      context.runtime.ping(ms),
    );
    logs.end();
    if (exit === GAVE_UP) return { ...CANCELLED_UNCONFIRMED };
    if (context.cancellation.cancelled)
      return { status: 'cancelled', exitCode: exit.exitCode, outputs: {}, reason: 'run cancelled' };
    if (timedOut) {
      return {
        status: 'timed_out',
        exitCode: exit.exitCode,
        outputs: {},
        reason: `timed out after ${plan.timeoutSeconds} s`,
      };
    }
    if (exit.oomKilled) {
      const limit = plan.spec.memoryBytes ? ` (limit ${formatBytes(plan.spec.memoryBytes)})` : '';
      return {
        status: 'failed',
        exitCode: exit.exitCode,
        outputs: {},
        reason: `killed: out of memory${limit}`,
      };
    }
    if (exit.exitCode !== 0)
      return {
        status: 'failed',
        exitCode: exit.exitCode,
        outputs: {},
        reason: `exited with code ${exit.exitCode}`,
      };
    return readOutputs(outputFile, context.outputBudget);
  } catch (error) {
    logs.end();
    if (error instanceof EngineLostError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', exitCode: null, outputs: {}, reason: `lost the container: ${message}` };
  } finally {
    stopTimer();
    unsubscribe();
    context.removeLater(container);
    // Read or not, it is done with: a retried step must not pile up files (of any size) in the temp folder.
    try {
      rmSync(outputFile, { force: true });
    } catch {
      // The run's folder is removed at its end anyway.
    }
  }
}

/** A forced cancel that the engine never confirmed (frozen engine): the step ends without waiting on it. */
const CANCELLED_UNCONFIRMED: AttemptOutcome = {
  status: 'cancelled',
  exitCode: null,
  outputs: {},
  reason: 'run cancelled (the engine did not confirm that the container stopped)',
};

/** The outputs a succeeded attempt wrote, within the per-step and per-run limits. */
function readOutputs(outputFile: string, budget: RunOutputBudget): AttemptOutcome {
  const read = readFileHead(outputFile, MAX_STEP_OUTPUT_BYTES);
  if (!read.complete)
    return { status: 'failed', exitCode: 0, outputs: {}, reason: stepOutputTooLarge(read.size) };
  const { outputs, problems } = parseOutputFile(read.text);
  if (problems.length)
    return { status: 'failed', exitCode: 0, outputs: {}, reason: `DAGGER_OUTPUT ${problems[0]}` };
  const overBudget = budget.admit(outputs);
  if (overBudget) return { status: 'failed', exitCode: 0, outputs: {}, reason: overBudget };
  return { status: 'succeeded', exitCode: 0, outputs };
}

/** Decodes each stream as UTF-8 (characters may be cut between chunks) and masks it before emitting. */
class LogStreams {
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private readonly maskers;

  constructor(
    private readonly stepId: string,
    private readonly context: StepRunContext,
  ) {
    this.maskers = { stdout: context.masker.stream(), stderr: context.masker.stream() };
  }

  write(stream: OutputStream, chunk: Buffer): void {
    this.emit(stream, this.maskers[stream].push(this.decoders[stream].write(chunk)));
  }

  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.maskers[stream].push(this.decoders[stream].end());
      this.emit(stream, rest + this.maskers[stream].flush());
    }
  }

  private emit(stream: OutputStream, text: string): void {
    if (text) this.context.emit({ type: 'log', stepId: this.stepId, stream, text, time: now() });
  }
}
