import type { StepStatus } from '../model/run-state.js';
import type { RunEvent } from '../run/events.js';
import type { BeforeStepDecision, StepAboutToStart, StepEnded, StepHooks } from '../run/step-hooks.js';
import { BreakpointBook } from './breakpoint-book.js';
import { conditionHolds, renderExpression } from './debug-expressions.js';
import type { DebugTarget } from './debug-target.js';
import { StepRecords, type StepRecord } from './step-records.js';

/** The exception breakpoint filters (README.md "Debugging a workflow"): `failed` is on by default. */
export const EXCEPTION_FILTERS = ['failed', 'timed_out', 'skipped'] as const;
export type ExceptionFilter = (typeof EXCEPTION_FILTERS)[number];

export type StopReason = 'entry' | 'breakpoint' | 'step' | 'pause' | 'exception' | 'restart';

/** Why and where the run is paused. */
export interface DebugStop {
  reason: StopReason;
  /** The step it is paused at; none for a pause with no step waiting to start. */
  stepId?: string;
  /** Paused before the step starts, or after it ended (an exception filter). */
  at: 'before' | 'after';
  hitBreakpointIds: number[];
  /** One line, such as `Paused before "build"` or `"test" failed: exited with code 1`. */
  description: string;
  /** The exception filter that stopped it. */
  filter?: ExceptionFilter;
}

/** What the controller tells its front end (the DAP session). */
export interface ControllerListener {
  stopped(stop: DebugStop): void;
  /** Text for the Debug Console: logpoints, conditions that cannot be evaluated. */
  output(text: string): void;
}

/** The run the controller steers. */
export interface SteeredRun {
  rerunSteps(stepIds: readonly string[]): void;
  cancel(): void;
}

type Resume =
  { kind: 'continue' } | { kind: 'next' } | { kind: 'restartFrame'; stepId: string } | { kind: 'terminate' };

const CANCELLED: BeforeStepDecision = {
  action: 'finish',
  outcome: { status: 'cancelled', exitCode: null, attempts: 0, outputs: {}, reason: 'debug session ended' },
};

const FILTER_OF: Partial<Record<StepStatus, ExceptionFilter>> = {
  failed: 'failed',
  timed_out: 'timed_out',
  skipped: 'skipped',
};

/**
 * The debugger's brain, free of VS Code and DAP: it gates a run through its step hooks, before each step's first
 * attempt (its values resolved) and after a step fails, times out or is skipped, and decides from breakpoints,
 * the stepping mode and pause requests whether to stop there. One stop is shown at a time; steps reaching the
 * gate meanwhile wait their turn. A DAP session (debug-adapter/) only translates.
 */
export class DebugController {
  readonly breakpoints = new BreakpointBook();
  readonly records: StepRecords;
  exceptionFilters = new Set<ExceptionFilter>(['failed']);
  private readonly stopOnEntry: boolean;
  private entryPassed = false;
  private stepping = false;
  private pauseRequested = false;
  private terminated = false;
  private current: { stop: DebugStop; resume: (resume: Resume) => void } | undefined;
  private readonly sleepers = new Set<() => void>();
  private readonly restartAt = new Set<string>();
  private run: SteeredRun | undefined;

  /** Steps to pause before once, as on entry (Debug Step: the step asked for, after its dependencies). */
  private readonly entryAt = new Set<string>();

  constructor(
    private readonly target: DebugTarget,
    options: { stopOnEntry?: boolean; pauseBefore?: string },
    private readonly listener: ControllerListener,
  ) {
    this.stopOnEntry = options.stopOnEntry ?? false;
    if (options.pauseBefore) this.entryAt.add(options.pauseBefore);
    this.records = new StepRecords(target);
  }

  /** The run to steer (restart frame, terminate). */
  attach(run: SteeredRun): void {
    this.run = run;
  }

  /** The hooks to give the run. */
  hooks(): StepHooks {
    return { beforeStep: (step) => this.beforeStep(step), afterStep: (step) => this.afterStep(step) };
  }

  /** Feed every run event (stderr tails, attempts). */
  handleEvent(event: RunEvent): void {
    this.records.handleEvent(event);
  }

  /** The stop shown now, if any. */
  get stop(): DebugStop | undefined {
    return this.current?.stop;
  }

  get ended(): boolean {
    return this.terminated;
  }

  continue(): void {
    this.resume({ kind: 'continue' });
  }

  /** Run the paused step; pause before the next step that starts. */
  next(): void {
    this.resume({ kind: 'next' });
  }

  /** No new step starts; stop once the running ones have ended. */
  pause(): void {
    if (this.current || this.terminated) return;
    this.pauseRequested = true;
    this.pauseIfIdle();
  }

  /**
   * Run `stepId` (the paused step or one it depends on) again, then the steps after it, pausing before it.
   * Returns why it cannot, if it cannot.
   */
  restartFrame(stepId: string): string | undefined {
    const stop = this.current?.stop;
    if (!stop?.stepId) return 'The run is not paused at a step.';
    if (stepId !== stop.stepId && !this.target.dependenciesOf(stop.stepId).has(stepId))
      return `"${stepId}" is not "${stop.stepId}" or a step it depends on.`;
    const after = this.target.dependentsOf(stepId);
    const busy = [...after].find((id) => id !== stop.stepId && this.records.get(id).state === 'running');
    if (busy) return `"${busy}", which runs after "${stepId}", is still running: wait for it to end.`;
    this.resume({ kind: 'restartFrame', stepId });
    return undefined;
  }

  /** End the debugging: waiting steps are cancelled and the run is cancelled (its containers removed). */
  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.current?.resume({ kind: 'terminate' });
    this.wakeAll();
    this.run?.cancel();
  }

  /**
   * Change an environment variable of a step that has not started (this run only). Returns an error message
   * when the step is not waiting to start.
   */
  setEnvironment(stepId: string, name: string, value: string): string | undefined {
    const record = this.records.get(stepId);
    if (record.state !== 'waiting' || !record.about)
      return `"${stepId}" is not waiting to start: its environment can be changed only before it starts.`;
    record.about = {
      ...record.about,
      spec: { ...record.about.spec, env: { ...record.about.spec.env, [name]: value } },
    };
    record.changedEnvironment.add(name);
    return undefined;
  }

  /** The paused step, then the steps it depends on (directly or not), most recently finished first. */
  stack(): StepRecord[] {
    const stepId = this.current?.stop.stepId;
    if (!stepId) return [];
    const dependencies = [...this.target.dependenciesOf(stepId)].map((id) => this.records.get(id));
    dependencies.sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
    return [this.records.get(stepId), ...dependencies];
  }

  private async beforeStep(about: StepAboutToStart): Promise<BeforeStepDecision> {
    const record = this.records.arrived(about);
    for (;;) {
      while (this.current || (this.pauseRequested && this.records.running().length > 0)) {
        if (this.terminated) return CANCELLED;
        await this.sleep();
      }
      if (this.terminated) return CANCELLED;
      const stop = this.pauseRequested ? this.stopFor('pause', about.stepId) : this.reasonToStop(about);
      if (!stop) return this.startStep(record);
      const resume = await this.show(stop);
      if (resume.kind === 'terminate') return CANCELLED;
      if (resume.kind !== 'restartFrame') return this.startStep(record);
      this.restartAt.add(resume.stepId);
      if (resume.stepId === about.stepId) continue;
      // It runs again once the step restarted (and those after it) have succeeded again.
      this.rerunFrom(resume.stepId);
      record.state = 'pending';
      return { action: 'requeue' };
    }
  }

  private async afterStep(ended: StepEnded): Promise<void> {
    this.records.ended(ended);
    const filter = FILTER_OF[ended.status];
    const stops =
      filter !== undefined &&
      this.exceptionFilters.has(filter) &&
      !(filter === 'failed' && this.target.allowFailure.has(ended.stepId));
    if (!stops || this.terminated) {
      this.wakeAll();
      if (this.pauseRequested) setImmediate(() => this.pauseIfIdle());
      return;
    }
    while (this.current && !this.terminated) await this.sleep();
    if (this.terminated) return;
    const what =
      ended.status === 'skipped' ? 'was skipped' : ended.status === 'timed_out' ? 'timed out' : 'failed';
    const description = `"${ended.stepId}" ${what}${ended.reason ? `: ${ended.reason}` : ''}`;
    const resume = await this.show({
      reason: 'exception',
      stepId: ended.stepId,
      at: 'after',
      hitBreakpointIds: [],
      description,
      filter,
    });
    if (resume.kind === 'restartFrame') {
      this.restartAt.add(resume.stepId);
      this.rerunFrom(resume.stepId);
    }
  }

  /** Put `stepId` and every finished step after it back to pending. */
  private rerunFrom(stepId: string): void {
    const ids = [stepId, ...this.target.dependentsOf(stepId)].filter((id) => this.records.get(id).isFinal);
    for (const id of ids) this.records.reset(id);
    this.run?.rerunSteps(ids);
  }

  private startStep(record: StepRecord): BeforeStepDecision {
    record.state = 'running';
    return { action: 'run', spec: record.about?.spec };
  }

  /** Why to stop before this step, if at all. Logpoints print here; hit counts advance here (once per arrival). */
  private reasonToStop(about: StepAboutToStart): DebugStop | undefined {
    const hitBreakpointIds: number[] = [];
    for (const breakpoint of this.breakpoints.on(about.stepId)) {
      if (breakpoint.condition?.trim()) {
        const rendered = renderExpression(breakpoint.condition, about.context, about.mask);
        if (!rendered.ok)
          this.listener.output(`Breakpoint condition on "${about.stepId}" is false: ${rendered.message}\n`);
        if (!conditionHolds(rendered)) continue;
      }
      if (!this.breakpoints.hit(breakpoint.id)) continue;
      if (breakpoint.logMessage !== undefined) {
        const rendered = renderExpression(breakpoint.logMessage, about.context, about.mask);
        this.listener.output(`${rendered.ok ? rendered.value : rendered.message}\n`);
        continue;
      }
      hitBreakpointIds.push(breakpoint.id);
    }
    const entry = (this.stopOnEntry && !this.entryPassed) || this.entryAt.delete(about.stepId);
    this.entryPassed = true;
    if (this.restartAt.delete(about.stepId)) return this.stopFor('restart', about.stepId, hitBreakpointIds);
    if (entry) return this.stopFor('entry', about.stepId, hitBreakpointIds);
    if (hitBreakpointIds.length) return this.stopFor('breakpoint', about.stepId, hitBreakpointIds);
    if (this.stepping) return this.stopFor('step', about.stepId);
    return undefined;
  }

  private stopFor(
    reason: StopReason,
    stepId: string | undefined,
    hitBreakpointIds: number[] = [],
  ): DebugStop {
    const description = stepId ? `Paused before "${stepId}" starts` : 'Paused: no step is waiting to start';
    return { reason, stepId, at: 'before', hitBreakpointIds, description };
  }

  /** A pause with no step waiting: stop as soon as nothing runs. */
  private pauseIfIdle(): void {
    if (!this.pauseRequested || this.current || this.terminated || this.records.running().length) return;
    if (this.records.waiting().length) return this.wakeAll();
    void this.show(this.stopFor('pause', undefined));
  }

  private show(stop: DebugStop): Promise<Resume> {
    return new Promise((resolve) => {
      this.current = {
        stop,
        resume: (resume) => {
          this.current = undefined;
          resolve(resume);
        },
      };
      this.listener.stopped(stop);
    });
  }

  private resume(resume: Resume): void {
    const current = this.current;
    if (!current) return;
    if (resume.kind === 'continue') this.stepping = false;
    if (resume.kind === 'next') this.stepping = true;
    this.pauseRequested = false;
    current.resume(resume);
    this.wakeAll();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => this.sleepers.add(resolve));
  }

  private wakeAll(): void {
    const sleepers = [...this.sleepers];
    this.sleepers.clear();
    for (const wake of sleepers) wake();
  }
}
