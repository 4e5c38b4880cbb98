import * as vscode from 'vscode';
import type { RunEvent } from '../../core/run/events.js';
import { askForInputs } from '../commands/ask-for-inputs.js';
import { workflowTools } from '../workflow-tools/load-workflow-tools.js';
import { applyRunEvent, newRunRecord, type RunRecord } from '../views/run-record.js';
import type { RunStore } from '../views/run-store.js';
import type { StepOutputChannels } from '../output/step-output-channels.js';
import type { RunSummaryChannel } from '../output/run-summary-channel.js';
import type { RunStatusBar } from '../output/run-status-bar.js';
import type { FailedStepDiagnostics } from '../output/failed-step-diagnostics.js';
import type { PullNotifications } from '../output/pull-notification.js';
import { loadRunner } from './load-runner.js';
import type { DockerRuntime, RunnerHandle, RunnerResult } from './runner-api.js';
import { readRunSettings } from './run-settings.js';
import { rerunFailedRequest } from './rerun-failed-request.js';
import type { StepCache } from '../../core/cache/step-cache.js';
import type { StepHooks } from '../../core/run/step-hooks.js';
import type { RunSummary } from '../../core/run/history/list-runs.js';
import { defaultCacheDir } from '../../core/cache/default-cache-dir.js';
import { openWorkflowText } from '../language/open-workflow-text.js';

/** What to run: a workflow file, optionally only some steps (with their dependencies) and preset inputs. */
export interface RunRequest {
  workflowFile: string;
  onlySteps?: string[];
  /** Inputs given up front (Rerun, tests); when absent, declared inputs are asked for. */
  inputs?: Record<string, string>;
  /** A debug session's: its hooks around each step, and settings of its launch configuration. */
  debug?: { hooks: StepHooks; envFile?: string; maxParallel?: number };
  /** The env file a rerun takes from its recorded run (else the setting's). */
  envFile?: string;
  /** Rerun Failed Steps: the recorded run whose succeeded steps are reused unless their cache key changed. */
  reuseFrom?: RunSummary;
}

/** The parts of the extension a run reports to. */
export interface RunSinks {
  store: RunStore;
  outputs: StepOutputChannels;
  summary: RunSummaryChannel;
  statusBar: RunStatusBar;
  failures: FailedStepDiagnostics;
  pulls: PullNotifications;
}

interface ActiveRun {
  handle: RunnerHandle;
  record: RunRecord;
}

export const UNTRUSTED_MESSAGE =
  'Dagger Workflows: running a workflow starts containers, so it needs a trusted workspace. Trust this folder (Manage Workspace Trust) to run it; editing works without.';

/**
 * Starts runs through the runner and routes their events to the tree, the output channels, the status bar
 * and the failed-step diagnostics. Remembers each run's request so Rerun repeats it.
 */
export class RunController implements vscode.Disposable {
  private readonly active = new Map<string, ActiveRun>();
  private readonly requests = new Map<string, RunRequest>();
  /** Runs that have emitted runStarted. */
  private readonly started = new Set<string>();
  /** Repaints durations once a second while a run is active. */
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sinks: RunSinks,
    private readonly historyDir: string,
  ) {}

  /** Runs in progress, newest first. */
  get activeRuns(): RunRecord[] {
    return [...this.active.values()].map((run) => run.record).reverse();
  }

  /**
   * Start a run. Refuses in an untrusted workspace; asks for inputs unless the request holds them.
   * Resolves with the run's record once it has started (undefined when refused or cancelled by the user).
   */
  async start(request: RunRequest): Promise<RunRecord | undefined> {
    if (!this.trusted()) return undefined;
    const text = openWorkflowText(request.workflowFile) ?? (await readFile(request.workflowFile));
    if (text === undefined) {
      void vscode.window.showErrorMessage(`Dagger Workflows: cannot read ${request.workflowFile}`);
      return undefined;
    }
    const tools = workflowTools();
    const workflow = tools.parseWorkflow(text);
    const workflowName = tools.workflowDisplayName(workflow, request.workflowFile);
    let inputs = request.inputs;
    if (!inputs) {
      const questions = tools.inputQuestions(workflow, request.onlySteps);
      inputs = questions.length
        ? await askForInputs(questions, request.workflowFile, this.context.workspaceState)
        : {};
      if (!inputs) return undefined;
    }
    const settings = readRunSettings(request.workflowFile);
    let handle: RunnerHandle;
    let runtime: DockerRuntime;
    let stepCache: StepCache | undefined;
    try {
      const runner = loadRunner(this.context.extensionPath);
      runtime = runner.createDockerRuntime({ dockerHost: settings.dockerHost });
      const digestOf = runtime;
      // `cache: true` steps and a rerun's reused steps, as the CLI's run; a debug session steps through every step.
      stepCache = request.debug
        ? undefined
        : new runner.StepCache({
            store: new runner.CacheStore(defaultCacheDir()),
            workflowFile: request.workflowFile,
            imageDigest: (image) => digestOf.imageId(image),
            reuse: request.reuseFrom && runner.reusableRun(request.reuseFrom),
          });
      handle = runner.startRun({
        workflowFile: request.workflowFile,
        text,
        inputs,
        envFile: request.debug?.envFile ?? request.envFile ?? settings.envFile,
        hostEnv: process.env,
        maxParallel: request.debug?.maxParallel ?? settings.maxParallel,
        defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
        onlySteps: request.onlySteps,
        runtime,
        historyDir: this.historyDir,
        hooks: request.debug?.hooks ?? stepCache?.hooks,
        parentRunId: request.reuseFrom?.runId,
        // A failed step's filesystem is kept (for Open Shell) as long as its run is in the history.
        keepFailed: { shells: runtime },
      });
    } catch (error) {
      this.refuse(workflowName, error);
      return undefined;
    }
    const record = newRunRecord(
      handle.runId,
      request.workflowFile,
      workflowName,
      tools.plannedSteps(workflow, request.onlySteps),
    );
    record.onlySteps = request.onlySteps;
    if (stepCache) {
      handle.onEvent(stepCache.listener);
      if (handle.historyPath) stepCache.recordKeysIn(handle.historyPath);
    }
    this.requests.set(handle.runId, { ...request, inputs });
    this.active.set(handle.runId, { handle, record });
    this.sinks.failures.clear(request.workflowFile);
    this.sinks.store.upsert(record);
    this.updateActiveState();
    handle.onEvent((event) => this.onEvent(record, event));
    handle.result
      .then(
        (result) => this.finish(record, result),
        (error: unknown) => this.fail(record, error),
      )
      // Calls still waiting on an engine that went away or froze are of no use once the run has ended.
      .finally(() => runtime.dispose());
    return record;
  }

  /** Cancel one run, or the newest active run. */
  cancel(runId?: string): boolean {
    const run = runId ? this.active.get(runId) : [...this.active.values()].pop();
    if (!run) return false;
    run.handle.cancel();
    return true;
  }

  /** Run again what a previous run ran (the newest run when none is given), with the same inputs. */
  async rerun(record?: RunRecord, onlySteps?: string[]): Promise<RunRecord | undefined> {
    const previous = record ?? this.sinks.store.runs[0];
    if (!previous) {
      void vscode.window.showInformationMessage('Dagger Workflows: no run to repeat yet.');
      return undefined;
    }
    const request = this.requests.get(previous.runId);
    return this.start({
      workflowFile: previous.workflowFile,
      onlySteps: onlySteps ?? previous.onlySteps,
      // Inputs of runs read back from history are unknown (secrets are never stored): ask again.
      inputs: request?.inputs,
    });
  }

  /**
   * Rerun Failed Steps of a recorded run (the newest failed or cancelled one when none is given): its succeeded
   * steps are reused unless their key changed, the others run with everything downstream.
   */
  async rerunFailed(record?: RunRecord): Promise<RunRecord | undefined> {
    const previous =
      record ?? this.sinks.store.runs.find((run) => run.status === 'failed' || run.status === 'cancelled');
    if (!previous) {
      void vscode.window.showInformationMessage('Dagger Workflows: no failed run to rerun.');
      return undefined;
    }
    if (previous.status === 'running') {
      void vscode.window.showInformationMessage('Dagger Workflows: that run is still running.');
      return undefined;
    }
    // Refused before any secret is asked for.
    if (!this.trusted()) return undefined;
    const request = await rerunFailedRequest(this.historyDir, previous.runId);
    return request && this.start(request);
  }

  /** The runner's handle of an active run (the debugger steers it). */
  handleOf(runId: string): RunnerHandle | undefined {
    return this.active.get(runId)?.handle;
  }

  /** The inputs a run was started with (kept in memory only). */
  inputsOf(runId: string): Record<string, string> | undefined {
    return this.requests.get(runId)?.inputs;
  }

  private onEvent(record: RunRecord, event: RunEvent): void {
    if (event.type === 'runStarted') this.started.add(record.runId);
    const step = applyRunEvent(record, event);
    const { outputs } = this.sinks;
    switch (event.type) {
      case 'stepStarted':
        outputs.begin(
          record.runId,
          record.workflowName,
          event.stepId,
          `── ${event.stepId}: attempt ${event.attempt}/${event.maxAttempts} started ${event.time} (run ${record.runId})`,
        );
        break;
      case 'log':
        outputs.append(record.runId, record.workflowName, event.stepId, event.stream, event.text);
        break;
      case 'attemptFailed':
        outputs.end(
          record.runId,
          record.workflowName,
          event.stepId,
          `── attempt ${event.attempt} failed: ${event.reason}`,
        );
        break;
      case 'stepFinished':
        outputs.end(
          record.runId,
          record.workflowName,
          event.stepId,
          `── ${event.stepId}: ${event.status}${event.exitCode !== null ? ` (exit code ${event.exitCode})` : ''}${event.reason ? ` — ${event.reason}` : ''}`,
        );
        break;
      default:
        break;
    }
    if (event.type !== 'log') this.sinks.summary.write(record, event);
    if (event.type === 'warning')
      void vscode.window.showWarningMessage(`Dagger Workflows: ${record.workflowName}: ${event.message}`);
    this.sinks.pulls.handle(record.runId, record.workflowName, event);
    if (step || event.type === 'runStarted' || event.type === 'runFinished') {
      this.sinks.store.changed(record);
      this.sinks.statusBar.update(this.activeRuns);
    }
  }

  private finish(record: RunRecord, result: RunnerResult): void {
    // The result is the authority (an event may have been missed if the runner emitted before we listened).
    for (const [id, step] of Object.entries(result.steps)) {
      applyRunEvent(record, {
        type: 'stepFinished',
        stepId: id,
        status: step.status,
        exitCode: step.exit_code,
        attempts: step.attempts,
        outputs: step.outputs ?? {},
        reason: step.reason,
        ...(step.cached ? { cached: true as const } : {}),
        startedAt: step.started_at,
        time: step.finished_at ?? new Date().toISOString(),
      });
    }
    if (record.status === 'running') {
      record.status = result.status;
      record.finishedAt = new Date().toISOString();
    }
    this.active.delete(record.runId);
    this.updateActiveState();
    this.sinks.store.changed(record);
    void this.sinks.failures.report(record);
    // The engine went away: the steps say so in the tree, and this says it once.
    if (record.error)
      void vscode.window.showErrorMessage(`Dagger Workflows: ${record.workflowName}: ${record.error}`);
  }

  private fail(record: RunRecord, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    record.status = 'failed';
    record.error = message;
    record.finishedAt = new Date().toISOString();
    for (const step of record.steps)
      if (step.status === 'pending' || step.status === 'running') step.status = 'cancelled';
    this.active.delete(record.runId);
    this.updateActiveState();
    // A run refused before it started (invalid workflow, missing variables, engine unreachable) emitted nothing
    // and left no history: it leaves the tree too, and the message says why.
    if (!this.started.has(record.runId)) this.sinks.store.remove(record.runId);
    else this.sinks.store.changed(record);
    this.sinks.summary.writeError(record.workflowName, message);
    void vscode.window.showErrorMessage(`Dagger Workflows: ${record.workflowName}: ${message}`);
  }

  /** Whether the workspace may run containers; when not, says so with a way to trust it. */
  private trusted(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showErrorMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return false;
  }

  private refuse(workflowName: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.sinks.summary.writeError(workflowName, message);
    void vscode.window.showErrorMessage(`Dagger Workflows: ${workflowName}: ${message}`);
  }

  private updateActiveState(): void {
    const active = this.active.size > 0;
    void vscode.commands.executeCommand('setContext', 'daggerWorkflows.runActive', active);
    this.sinks.statusBar.update(this.activeRuns);
    if (active && !this.ticker) this.ticker = setInterval(() => this.sinks.store.changed(undefined), 1000);
    if (!active && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    for (const run of this.active.values()) run.handle.cancel();
    this.active.clear();
  }
}

async function readFile(path: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path)));
  } catch {
    return undefined;
  }
}
