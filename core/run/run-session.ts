import { mkdtempSync, rmSync } from 'node:fs';
import type { EffectiveStep } from '../model/effective-step.js';
import { isFinal, type StepStatus } from '../model/run-state.js';
import { resolveInterpolations } from '../interpolate/resolve-interpolations.js';
import { Cancellation } from './cancellation.js';
import type { RunEvent, RunEventListener } from './events.js';
import { GAVE_UP, unlessForcedOut } from './forced-cancel.js';
import { RunOutputBudget } from './output-limits.js';
import { ImagePuller, imagesKnownAtStart } from './image-puller.js';
import type { PreparedRun } from './prepare-run.js';
import { resolveStep } from './resolve-step.js';
import { pendingStepResult, type RunFault, type RunResult, type StepResult } from './run-result.js';
import { runStep, type StepOutcome, type StepPlan } from './run-step.js';
import type { ContainerRuntime, RunningContainer } from './runtime.js';
import { decideNextSteps, stepHeights } from './scheduler.js';
import { SecretMasker } from './secret-masker.js';
import {
  LABEL_RUN,
  LABEL_STEP,
  outputDirPrefix,
  ownerLabels,
  sweepOrphanOutputDirs,
  sweepOrphans,
} from './sweep-orphans.js';
import { EngineLostError, ImagePullError, WorkflowFileError } from './run-errors.js';
import { describeFileError } from '../parse/describe-file-error.js';
import type { BeforeStepDecision, ResolvedSpec, StepHooks } from './step-hooks.js';
import { recordedInputs } from './history/run-record.js';

export interface SessionSettings {
  runId: string;
  runtime: ContainerRuntime;
  maxParallel: number;
  defaultTimeoutSeconds: number;
  /** Pull every image known at the start right away (default), or each when its first step is ready. */
  pullAhead?: boolean;
  /** Around each step: the debugger's gate, a step cache (step-hooks.ts). */
  hooks?: StepHooks;
}

const now = () => new Date().toISOString();
const CANCELLED = { status: 'cancelled', exitCode: null, attempts: 0, outputs: {} } as const;

/**
 * One run of a prepared workflow: asks the pure scheduler what may start whenever a step changes state,
 * runs steps through the runtime, keeps the result, and tells listeners about every change.
 */
export class RunSession {
  readonly cancellation = new Cancellation();
  private readonly listeners: RunEventListener[] = [];
  private readonly masker: SecretMasker;
  private readonly status = new Map<string, StepStatus>();
  private readonly results = new Map<string, StepResult>();
  /** Raw (unmasked) outputs of succeeded steps, for `${steps.<id>.outputs.<key>}`. */
  private readonly stepOutputs: Record<string, Record<string, string>> = {};
  private readonly removals = new Set<Promise<void>>();
  private readonly images: ImagePuller;
  private readonly heights: Map<string, number>;
  private readonly outputBudget = new RunOutputBudget();
  /** Set once the engine went away: the run stops, and ends `failed` with this reason. */
  private engineLost: EngineLostError | undefined;
  private outputDir = '';
  private settled: () => void = () => undefined;
  /** No step changes state before runStarted has been emitted (a cancel may come during the ping). */
  private started = false;
  private pumping = false;
  private pumpAgain = false;
  /** afterStep hooks still pending: nothing starts, nothing is skipped, the run does not end. */
  private holds = 0;
  private ended = false;

  constructor(
    private readonly prepared: PreparedRun,
    private readonly settings: SessionSettings,
  ) {
    this.masker = new SecretMasker(prepared.secrets);
    this.heights = stepHeights(prepared.stepIds, prepared.dependencies);
    for (const id of prepared.stepIds) {
      this.status.set(id, 'pending');
      this.results.set(id, pendingStepResult());
    }
    this.cancellation.onCancel(() => this.pump());
    this.images = new ImagePuller({
      runtime: settings.runtime,
      signal: this.cancellation.signal,
      mask: (text) => this.masker.mask(text),
      emit: (event) => this.emit(event),
    });
  }

  onEvent(listener: RunEventListener): void {
    this.listeners.push(listener);
  }

  /** Run to the end. Rejects only when the engine cannot be reached at the start. */
  async run(): Promise<RunResult> {
    const { runtime } = this.settings;
    await runtime.ping();
    await sweepOrphans(runtime).catch(() => 0);
    try {
      sweepOrphanOutputDirs();
    } catch {
      // Another run's leftovers must not stop this one.
    }
    try {
      this.outputDir = mkdtempSync(outputDirPrefix());
    } catch (error) {
      throw new WorkflowFileError(`cannot make a folder for step outputs: ${describeFileError(error)}`);
    }
    this.emit({
      type: 'runStarted',
      runId: this.settings.runId,
      workflowFile: this.prepared.workflowFile,
      workflowName: this.prepared.workflowName,
      stepIds: this.prepared.stepIds,
      inputs: recordedInputs(this.prepared.inputs, this.prepared.secretInputs, (text) =>
        this.masker.mask(text),
      ),
      secretInputs: this.prepared.secretInputs,
      time: now(),
    });
    this.started = true;
    if (this.settings.pullAhead !== false) this.images.pullAhead(imagesKnownAtStart(this.prepared));
    try {
      await new Promise<void>((resolve) => {
        this.settled = resolve;
        this.pump();
      });
      this.images.stop('no step left needs it');
      this.ended = true;
      await this.removeContainers();
    } finally {
      rmSync(this.outputDir, { recursive: true, force: true });
    }
    const result = this.result();
    const fault: RunFault | undefined = this.engineLost && {
      kind: 'engine-lost',
      message: this.masker.mask(this.engineLost.message),
    };
    this.emit({
      type: 'runFinished',
      runId: this.settings.runId,
      status: result.status,
      outputs: result.outputs,
      ...(fault ? { fault } : {}),
      time: now(),
    });
    return result;
  }

  /**
   * Remove the run's containers: those of finished attempts, and by label anything created while a cancel
   * raced its start. Not waited on past a forced cancel, and said so when they may be left behind.
   */
  private async removeContainers(): Promise<void> {
    const removal = (async () => {
      await Promise.all([...this.removals]);
      await this.settings.runtime.removeContainers({ [LABEL_RUN]: this.settings.runId });
    })();
    let why = `the engine at ${this.settings.runtime.address} does not answer`;
    const ping = (ms: number) => this.settings.runtime.ping(ms);
    const outcome = await unlessForcedOut(removal, this.cancellation, ping).catch((error: unknown) => {
      why = error instanceof Error ? error.message : String(error);
      return GAVE_UP;
    });
    if (outcome !== GAVE_UP) return;
    this.emit({
      type: 'warning',
      message: `the containers of run ${this.settings.runId} may be left behind (${why}); the next run on that engine removes them`,
      time: now(),
    });
  }

  /** Apply the scheduler's decisions until nothing more can happen now. Re-entrant calls are folded in. */
  private pump(): void {
    // A cancel goes through holds: a hook that never answers must not keep containers running.
    if (!this.started || (this.holds > 0 && !this.cancellation.cancelled)) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        this.applyDecisions();
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
    if ([...this.status.values()].every(isFinal)) this.settled();
  }

  private applyDecisions(): void {
    if (this.cancellation.cancelled || this.engineLost) {
      const reason = this.engineLost ? `not started: ${this.engineLost.message}` : 'run cancelled';
      for (const [id, status] of this.status) {
        if (status === 'pending')
          this.finish(id, { status: 'cancelled', exitCode: null, attempts: 0, outputs: {}, reason });
      }
    }
    const decision = decideNextSteps({
      stepIds: this.prepared.stepIds,
      dependencies: this.prepared.dependencies,
      status: this.status,
      maxParallel: this.settings.maxParallel,
      priority: this.heights,
    });
    for (const { stepId, reason } of decision.skip) this.skip(stepId, reason);
    for (const stepId of decision.start) this.start(stepId);
  }

  private start(stepId: string): void {
    this.status.set(stepId, 'running');
    // started_at waits for the first attempt (stepStarted): a step whose image pull failed never started.
    this.resultOf(stepId).status = 'running';
    void this.execute(stepId).then(
      (outcome) => (outcome === 'requeue' ? this.requeue(stepId) : this.finish(stepId, outcome)),
      (error: unknown) => {
        const attempts = this.resultOf(stepId).attempts;
        if (error instanceof EngineLostError) this.engineLost ??= error;
        const reason = error instanceof EngineLostError ? error.message : `runner error: ${String(error)}`;
        this.finish(stepId, { status: 'failed', exitCode: null, attempts, outputs: {}, reason });
      },
    );
  }

  private async execute(stepId: string): Promise<StepOutcome | 'requeue'> {
    const step = this.stepOf(stepId);
    const resolved = resolveStep(
      step,
      { env: this.prepared.env, inputs: this.prepared.inputs, stepOutputs: this.stepOutputs },
      this.prepared.workflowDir,
    );
    if (!resolved.ok)
      return {
        status: 'failed',
        exitCode: null,
        attempts: 0,
        outputs: {},
        reason: resolved.problems.join('; '),
      };
    const timeoutSeconds = step.timeoutSeconds ?? this.settings.defaultTimeoutSeconds;
    const gate = await this.beforeStep(stepId, resolved.spec, step.retries + 1, timeoutSeconds);
    const told = gate.action === 'finish' ? gate.replayLog : gate.action === 'run' ? gate.note : undefined;
    if (told) {
      const text = gate.action === 'run' ? `[dagger-wf] ${this.masker.mask(told)}\n` : told;
      this.emit({ type: 'log', stepId, stream: 'stdout', text, time: now() });
    }
    if (gate.action !== 'run') return gate.action === 'requeue' ? 'requeue' : gate.outcome;
    const spec = gate.spec ?? resolved.spec;
    try {
      // A pull can take minutes; a cancel must not wait for it (the engine finishes it on its own).
      const pulled = this.images.ensure(spec.image, stepId);
      await Promise.race([pulled, this.cancellation.whenCancelled()]);
      if (this.cancellation.cancelled) {
        pulled.catch(() => undefined);
        return { status: 'cancelled', exitCode: null, attempts: 0, outputs: {}, reason: 'run cancelled' };
      }
    } catch (error) {
      if (!(error instanceof ImagePullError)) throw error;
      return { status: 'failed', exitCode: null, attempts: 0, outputs: {}, reason: error.message };
    }
    const plan: StepPlan = {
      stepId,
      fileKey: String(step.step.index),
      spec: {
        ...spec,
        labels: { [LABEL_RUN]: this.settings.runId, [LABEL_STEP]: stepId, ...ownerLabels() },
      },
      maxAttempts: step.retries + 1,
      retryDelaySeconds: step.retryDelay,
      timeoutSeconds,
    };
    return runStep(plan, {
      runtime: this.settings.runtime,
      cancellation: this.cancellation,
      masker: this.masker,
      emit: (event) => {
        if (event.type === 'stepStarted') {
          const result = this.resultOf(stepId);
          result.started_at ??= event.time;
          result.attempts = event.attempt;
        }
        this.emit(event);
      },
      outputDir: this.outputDir,
      removeLater: (container) => this.removeLater(container),
      outputBudget: this.outputBudget,
    });
  }

  /** Ask the beforeStep hook (if any) what to do; a cancel meanwhile wins. */
  private async beforeStep(
    stepId: string,
    spec: ResolvedSpec,
    maxAttempts: number,
    timeoutSeconds: number,
  ): Promise<BeforeStepDecision> {
    const hook = this.settings.hooks?.beforeStep;
    if (!hook) return { action: 'run' };
    const context = { env: this.prepared.env, inputs: this.prepared.inputs, stepOutputs: this.stepOutputs };
    const mask = (text: string) => this.masker.mask(text);
    const decision = await Promise.race([
      hook({
        runId: this.settings.runId,
        stepId,
        step: this.stepOf(stepId),
        spec,
        maxAttempts,
        timeoutSeconds,
        context,
        mask,
      }),
      this.cancellation.whenCancelled(),
    ]);
    if (!decision || this.cancellation.cancelled)
      return { action: 'finish', outcome: { ...CANCELLED, reason: 'run cancelled' } };
    // A debugger may have held the step for minutes: started_at is still unset, its first attempt sets it.
    return decision;
  }

  /**
   * Run final steps again (a debugger's restart frame): they go back to pending, their outputs forgotten, and
   * start when their dependencies allow. Steps not yet final are left as they are.
   */
  rerunSteps(stepIds: readonly string[]): void {
    if (this.ended) return;
    for (const id of stepIds) {
      if (!isFinal(this.status.get(id) ?? 'pending')) continue;
      this.status.set(id, 'pending');
      this.results.set(id, pendingStepResult());
      delete this.stepOutputs[id];
    }
    this.pump();
  }

  private requeue(stepId: string): void {
    this.status.set(stepId, 'pending');
    this.results.set(stepId, pendingStepResult());
    this.pump();
  }

  private removeLater(container: RunningContainer): void {
    const removal = container.remove().catch(() => undefined);
    this.removals.add(removal);
    void removal.then(() => this.removals.delete(removal));
  }

  private skip(stepId: string, reason: string): void {
    this.finish(stepId, { status: 'skipped', exitCode: null, attempts: 0, outputs: {}, reason });
  }

  private finish(stepId: string, outcome: Omit<StepOutcome, 'status'> & { status: StepStatus }): void {
    const status = outcome.status;
    this.status.set(stepId, status);
    if (status === 'succeeded') this.stepOutputs[stepId] = outcome.outputs;
    const outputs = this.maskRecord(outcome.outputs);
    const reason = outcome.reason === undefined ? undefined : this.masker.mask(outcome.reason);
    const result = this.resultOf(stepId);
    const finishedAt = now();
    Object.assign(result, {
      status,
      exit_code: outcome.exitCode,
      attempts: outcome.attempts,
      finished_at: finishedAt,
      outputs,
    });
    if (reason !== undefined) result.reason = reason;
    if (outcome.cached) result.cached = true;
    this.emit({
      type: 'stepFinished',
      stepId,
      status,
      exitCode: outcome.exitCode,
      attempts: outcome.attempts,
      outputs,
      ...(reason === undefined ? {} : { reason }),
      ...(outcome.cached ? { cached: true as const } : {}),
      startedAt: result.started_at,
      time: finishedAt,
    });
    const mask = (text: string) => this.masker.mask(text);
    const held = this.settings.hooks?.afterStep?.({ stepId, ...outcome, mask });
    if (!held) return this.pump();
    this.holds++;
    void held
      .catch(() => undefined)
      .then(() => {
        this.holds--;
        this.pump();
      });
  }

  /** The result record of one of the run's steps (the constructor gives each step one). */
  private resultOf(stepId: string): StepResult {
    const result = this.results.get(stepId);
    if (!result) throw new Error(`step "${stepId}" is not part of this run`);
    return result;
  }

  /** The settings of one of the run's steps, container_config applied. */
  private stepOf(stepId: string): EffectiveStep {
    const step = this.prepared.steps.get(stepId);
    if (!step) throw new Error(`step "${stepId}" is not part of this run`);
    return step;
  }

  private result(): RunResult {
    const steps: Record<string, StepResult> = {};
    for (const [id, result] of this.results) steps[id] = { ...result };
    const failed = [...this.results.entries()].some(
      ([id, result]) =>
        (result.status === 'failed' || result.status === 'timed_out') && !this.stepOf(id).allowFailure,
    );
    // A lost engine fails the run even when the user also cancelled: the CLI exits 3, naming the engine.
    const status = this.engineLost
      ? 'failed'
      : this.cancellation.cancelled
        ? 'cancelled'
        : failed
          ? 'failed'
          : 'succeeded';
    return { run_id: this.settings.runId, status, outputs: this.workflowOutputs(), steps };
  }

  /** The workflow's `outputs`, those that resolve (a skipped step leaves its outputs unset). */
  private workflowOutputs(): Record<string, string> {
    const outputs: Record<string, string> = {};
    for (const output of this.prepared.workflow.outputs) {
      if (!output.name || !output.value) continue;
      const context = { env: this.prepared.env, inputs: this.prepared.inputs, stepOutputs: this.stepOutputs };
      const { value, unresolved } = resolveInterpolations(output.value.value, context);
      if (unresolved.length === 0) outputs[output.name.value] = this.masker.mask(value);
    }
    return outputs;
  }

  /** Keys too: a step may name an output after a secret (`echo "$TOKEN=x" >> $DAGGER_OUTPUT`). */
  private maskRecord(record: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(record).map(([key, value]) => [this.masker.mask(key), this.masker.mask(value)]),
    );
  }

  private emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop the run (or leave containers behind).
      }
    }
  }
}
