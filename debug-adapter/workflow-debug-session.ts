import { basename } from 'node:path';
import {
  DebugSession,
  ExitedEvent,
  Handles,
  InitializedEvent,
  OutputEvent,
  Scope,
  Source,
  StackFrame,
  StoppedEvent,
  TerminatedEvent,
  Thread,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DebugController, EXCEPTION_FILTERS, type ExceptionFilter } from '../core/debug/debug-controller.js';
import { debugTargetOf, type DebugTarget } from '../core/debug/debug-target.js';
import { completeExpression, renderExpression } from '../core/debug/debug-expressions.js';
import { stepLines } from '../core/debug/step-lines.js';
import { describeState, stepScopes, type DebugVariable } from '../core/debug/step-scopes.js';
import type { Workflow } from '../core/model/workflow.js';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import type { RunHandle } from '../core/run/run-workflow.js';
import { LABEL_RUN } from '../core/run/sweep-orphans.js';
import { LABEL_KEPT } from '../core/shell/shell-runtime.js';
import { setSourceBreakpoints, setStepBreakpoints, stepLocations } from './dap-breakpoints.js';
import type { DebugHost, WorkflowLaunchArguments } from './debug-host.js';
import { describeTransition } from './step-transitions.js';
import { prepareStepShell } from './step-shell.js';

const THREAD_ID = 1;
const EXIT_CODE = { succeeded: 0, failed: 1, cancelled: 130 } as const;
const FILTER_LABELS: Record<ExceptionFilter, [string, string]> = {
  failed: [
    'Failed steps',
    'Pause after a step fails (not allow_failure steps), with its exit code and stderr.',
  ],
  timed_out: ['Timed-out steps', 'Pause after a step exceeds its timeout_seconds.'],
  skipped: ['Skipped steps', 'Pause when a step is skipped because a dependency did not succeed.'],
};

type LaunchRequestArguments = DebugProtocol.LaunchRequestArguments & Partial<WorkflowLaunchArguments>;

/** A variables reference: a list of variables, and where it came from (setVariable edits Environment). */
interface VariablesRef {
  variables: DebugVariable[];
  stepId: string;
  scope?: string;
}

/**
 * The DAP session of a workflow: translates between the Debug Adapter Protocol and the engine-neutral
 * DebugController (core/debug/). One thread (the workflow); frames are the paused step and the steps it depends
 * on; scopes are the README's ("Debugging a workflow"). The same class runs inline in VS Code and on stdio (main.ts).
 */
export class WorkflowDebugSession extends DebugSession {
  private launch: WorkflowLaunchArguments | undefined;
  private controller: DebugController | undefined;
  private target: DebugTarget | undefined;
  private run: RunHandle | undefined;
  private workflowName = 'workflow';
  private readonly refs = new Handles<VariablesRef>();
  private frames: string[] = [];
  private configured: () => void = () => undefined;
  private readonly configurationDone = new Promise<void>((resolve) => (this.configured = resolve));
  private breakpointRequests: {
    source?: DebugProtocol.SetBreakpointsArguments;
    steps?: DebugProtocol.SetFunctionBreakpointsArguments;
  } = {};
  private filters = new Set<ExceptionFilter>(['failed']);
  private supportsTerminal = false;
  private ended = false;
  /** While a restart ends the old run, its end is no end of the session. */
  private restarting = false;

  constructor(private readonly host: DebugHost) {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  protected override initializeRequest(
    response: DebugProtocol.InitializeResponse,
    args: DebugProtocol.InitializeRequestArguments,
  ): void {
    this.supportsTerminal = args.supportsRunInTerminalRequest === true;
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsBreakpointLocationsRequest: true,
      supportsEvaluateForHovers: true,
      supportsCompletionsRequest: true,
      completionTriggerCharacters: ['{', '.'],
      exceptionBreakpointFilters: EXCEPTION_FILTERS.map((filter) => ({
        filter,
        label: FILTER_LABELS[filter][0],
        description: FILTER_LABELS[filter][1],
        default: filter === 'failed',
      })),
      supportsExceptionInfoRequest: true,
      supportsSetVariable: true,
      supportsRestartFrame: true,
      supportsRestartRequest: true,
      supportTerminateDebuggee: true,
      supportsTerminateRequest: true,
    };
    this.sendResponse(response);
  }

  protected override launchRequest(
    response: DebugProtocol.LaunchResponse,
    args: LaunchRequestArguments,
  ): void {
    void this.launchRun(response, args);
  }

  private async launchRun(
    response: DebugProtocol.LaunchResponse,
    args: LaunchRequestArguments,
  ): Promise<void> {
    if (typeof args.workflow !== 'string' || !args.workflow) {
      return this.sendErrorResponse(response, 1001, 'Set "workflow" to the workflow file to debug.');
    }
    this.launch = { ...args, workflow: args.workflow };
    let text: string;
    try {
      text = this.host.readText(args.workflow);
    } catch (error) {
      return this.sendErrorResponse(response, 1002, messageOf(error));
    }
    this.reset(text);
    // Breakpoints come now (the file is known), then configurationDone, then the run starts.
    this.sendEvent(new InitializedEvent());
    await this.configurationDone;
    try {
      await this.startRun(text);
    } catch (error) {
      return this.sendErrorResponse(response, 1003, messageOf(error));
    }
    this.sendResponse(response);
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configured();
    this.sendResponse(response);
  }

  protected override setBreakPointsRequest(
    response: DebugProtocol.SetBreakpointsResponse,
    args: DebugProtocol.SetBreakpointsArguments,
  ): void {
    this.breakpointRequests.source = args;
    const breakpoints =
      this.controller && this.launch
        ? setSourceBreakpoints(this.controller.breakpoints, this.launch.workflow, this.workflow(), args)
        : [];
    response.body = { breakpoints };
    this.sendResponse(response);
  }

  protected override setFunctionBreakPointsRequest(
    response: DebugProtocol.SetFunctionBreakpointsResponse,
    args: DebugProtocol.SetFunctionBreakpointsArguments,
  ): void {
    this.breakpointRequests.steps = args;
    const breakpoints = this.controller
      ? setStepBreakpoints(this.controller.breakpoints, this.workflow(), args)
      : [];
    response.body = { breakpoints };
    this.sendResponse(response);
  }

  protected override breakpointLocationsRequest(
    response: DebugProtocol.BreakpointLocationsResponse,
    args: DebugProtocol.BreakpointLocationsArguments,
  ): void {
    response.body = { breakpoints: this.launch ? stepLocations(this.workflow(), args) : [] };
    this.sendResponse(response);
  }

  protected override setExceptionBreakPointsRequest(
    response: DebugProtocol.SetExceptionBreakpointsResponse,
    args: DebugProtocol.SetExceptionBreakpointsArguments,
  ): void {
    const chosen = [...args.filters, ...(args.filterOptions ?? []).map((option) => option.filterId)];
    this.filters = new Set(EXCEPTION_FILTERS.filter((filter) => chosen.includes(filter)));
    if (this.controller) this.controller.exceptionFilters = this.filters;
    response.body = { breakpoints: chosen.map(() => ({ verified: true })) };
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: [new Thread(THREAD_ID, this.workflowName)] };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse): void {
    const controller = this.controller;
    const records = controller?.stack() ?? [];
    this.frames = records.map((record) => record.stepId);
    const lines = this.launch ? stepLines(this.workflow()) : new Map<string, number>();
    const source = this.launch ? new Source(basename(this.launch.workflow), this.launch.workflow) : undefined;
    const stop = controller?.stop;
    const frames = records.map((record, index) => {
      const where = index === 0 && stop?.at === 'before' ? 'paused before it starts' : describeState(record);
      const frame: DebugProtocol.StackFrame = new StackFrame(
        index + 1,
        `${record.stepId} (${where})`,
        source,
        (lines.get(record.stepId) ?? 0) + 1,
        1,
      );
      frame.canRestart = true;
      if (index > 0) frame.presentationHint = 'subtle';
      return frame;
    });
    response.body = { stackFrames: frames, totalFrames: frames.length };
    this.sendResponse(response);
  }

  protected override scopesRequest(
    response: DebugProtocol.ScopesResponse,
    args: DebugProtocol.ScopesArguments,
  ): void {
    const stepId = this.frames[args.frameId - 1];
    const controller = this.controller;
    if (!stepId || !controller || !this.target) {
      response.body = { scopes: [] };
      return this.sendResponse(response);
    }
    const scopes = stepScopes(controller.records.get(stepId), controller.records, this.target);
    response.body = {
      scopes: scopes.map(
        (scope) =>
          new Scope(
            scope.name,
            this.refs.create({ variables: scope.variables, stepId, scope: scope.name }),
            false,
          ),
      ),
    };
    this.sendResponse(response);
  }

  protected override variablesRequest(
    response: DebugProtocol.VariablesResponse,
    args: DebugProtocol.VariablesArguments,
  ): void {
    const ref = this.refs.get(args.variablesReference);
    response.body = {
      variables: (ref?.variables ?? []).map((variable) => ({
        name: variable.name,
        value: variable.value,
        evaluateName: variable.evaluateName,
        variablesReference: variable.children
          ? this.refs.create({ variables: variable.children, stepId: ref?.stepId ?? '' })
          : 0,
      })),
    };
    this.sendResponse(response);
  }

  protected override setVariableRequest(
    response: DebugProtocol.SetVariableResponse,
    args: DebugProtocol.SetVariableArguments,
  ): void {
    const ref = this.refs.get(args.variablesReference);
    if (!ref || ref.scope !== 'Environment' || !this.controller)
      return this.sendErrorResponse(
        response,
        1010,
        "Only a step's Environment can be changed, before the step starts.",
      );
    const problem = this.controller.setEnvironment(ref.stepId, args.name, args.value);
    if (problem) return this.sendErrorResponse(response, 1011, problem);
    response.body = { value: this.controller.records.mask(args.value) };
    this.sendResponse(response);
  }

  protected override evaluateRequest(
    response: DebugProtocol.EvaluateResponse,
    args: DebugProtocol.EvaluateArguments,
  ): void {
    const expression = args.expression.trim();
    if (args.context === 'repl' && (expression === '.shell' || expression.startsWith('.shell '))) {
      const stepId = expression.slice('.shell'.length).trim() || this.stepOfFrame(args.frameId);
      void this.openShell(stepId).then(
        (message) => {
          response.body = { result: message, variablesReference: 0 };
          this.sendResponse(response);
        },
        (error: unknown) => this.sendErrorResponse(response, 1020, messageOf(error)),
      );
      return;
    }
    if (args.context === 'repl' && expression === '.help') {
      response.body = { result: HELP, variablesReference: 0 };
      return this.sendResponse(response);
    }
    const context = this.contextOf(args.frameId);
    if (!context || !this.controller)
      return this.sendErrorResponse(response, 1021, 'No step is paused: its values are not known yet.');
    const rendered = renderExpression(expression, context, this.controller.records.mask);
    if (!rendered.ok) return this.sendErrorResponse(response, 1022, rendered.message);
    response.body = { result: rendered.value, variablesReference: 0 };
    this.sendResponse(response);
  }

  protected override completionsRequest(
    response: DebugProtocol.CompletionsResponse,
    args: DebugProtocol.CompletionsArguments,
  ): void {
    const context = this.contextOf(args.frameId);
    const before = args.text.slice(0, Math.max(0, args.column - 1));
    const items = context ? completeExpression(before, context) : [];
    response.body = {
      targets: items.map((item) => ({
        label: item.label,
        text: item.text,
        start: args.column - item.length,
        length: item.length,
        type: item.kind === 'step' ? 'module' : item.kind === 'keyword' ? 'keyword' : 'variable',
      })),
    };
    this.sendResponse(response);
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const stop = this.controller?.stop;
    const record = stop?.stepId ? this.controller?.records.get(stop.stepId) : undefined;
    if (!stop?.filter || !record)
      return this.sendErrorResponse(response, 1030, 'Not paused on a failed, timed-out or skipped step.');
    response.body = {
      exceptionId: stop.filter,
      description: stop.description,
      breakMode: 'always',
      details: {
        message: record.reason,
        typeName: record.exitCode === null ? record.state : `exit code ${record.exitCode}`,
        stackTrace: record.stderrTail() || undefined,
      },
    };
    this.sendResponse(response);
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    this.controller?.continue();
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
  }

  protected override nextRequest(response: DebugProtocol.NextResponse): void {
    this.controller?.next();
    this.sendResponse(response);
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.nextRequest(response);
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.sendErrorResponse(
      response,
      1040,
      'A workflow is debugged step by step: use Step Over to pause before the next step, or Continue.',
    );
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.controller?.pause();
    this.output('Pausing: no new step starts; the run pauses once the running steps have ended.\n');
    this.sendResponse(response);
  }

  protected override restartFrameRequest(
    response: DebugProtocol.RestartFrameResponse,
    args: DebugProtocol.RestartFrameArguments,
  ): void {
    const stepId = this.frames[args.frameId - 1];
    const problem = stepId && this.controller ? this.controller.restartFrame(stepId) : 'No such frame.';
    if (problem) return this.sendErrorResponse(response, 1050, problem);
    this.sendResponse(response);
  }

  protected override restartRequest(response: DebugProtocol.RestartResponse): void {
    void this.restartRun(response);
  }

  private async restartRun(response: DebugProtocol.RestartResponse): Promise<void> {
    this.restarting = true;
    await this.endRun();
    this.restarting = false;
    if (!this.launch) return this.sendResponse(response);
    try {
      const text = this.host.readText(this.launch.workflow);
      this.reset(text);
      this.ended = false;
      await this.startRun(text);
      this.sendResponse(response);
    } catch (error) {
      this.sendErrorResponse(response, 1060, messageOf(error));
    }
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    void this.endRun().then(() => this.sendResponse(response));
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    void this.endRun().then(() => this.sendResponse(response));
  }

  protected override customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    if (command !== 'openShell') return super.customRequest(command, response, args);
    const frameId = (args as { frameId?: number } | undefined)?.frameId;
    void this.openShell(this.stepOfFrame(frameId)).then(
      (message) => {
        response.body = { message };
        this.sendResponse(response);
      },
      (error: unknown) => this.sendErrorResponse(response, 1070, messageOf(error)),
    );
  }

  /** A fresh controller for the launched workflow, with the breakpoints already set. */
  private reset(text: string): void {
    const workflow = parseWorkflow(text);
    this.target = debugTargetOf(workflow);
    this.workflowName = workflow.name?.value ?? basename(this.launch?.workflow ?? 'workflow');
    this.controller = new DebugController(
      this.target,
      {
        stopOnEntry: this.launch?.stopOnEntry,
        pauseBefore: this.launch?.pauseBefore,
      },
      {
        stopped: (stop) => {
          this.refs.reset();
          const event: DebugProtocol.StoppedEvent = new StoppedEvent(
            stop.reason,
            THREAD_ID,
            stop.description,
          );
          event.body.description = stop.description;
          event.body.allThreadsStopped = true;
          if (stop.hitBreakpointIds.length) event.body.hitBreakpointIds = stop.hitBreakpointIds;
          this.sendEvent(event);
        },
        output: (text) => this.output(text),
      },
    );
    this.controller.exceptionFilters = this.filters;
    if (this.launch && this.breakpointRequests.source)
      setSourceBreakpoints(
        this.controller.breakpoints,
        this.launch.workflow,
        workflow,
        this.breakpointRequests.source,
      );
    if (this.breakpointRequests.steps)
      setStepBreakpoints(this.controller.breakpoints, workflow, this.breakpointRequests.steps);
  }

  private async startRun(text: string): Promise<void> {
    const controller = this.controller;
    if (!controller || !this.launch) return;
    const run = await this.host.startRun(this.launch, text, controller.hooks());
    this.run = run;
    controller.attach({ rerunSteps: (ids) => run.rerunSteps(ids), cancel: () => run.cancel() });
    run.onEvent((event) => {
      controller.handleEvent(event);
      if (event.type === 'log' && this.host.forwardStepOutput) {
        this.sendEvent(new OutputEvent(event.text, event.stream));
        return;
      }
      const line = describeTransition(event);
      if (line) this.output(line);
    });
    run.result.then(
      (result) => {
        if (!this.restarting) this.finish(EXIT_CODE[result.status]);
      },
      (error: unknown) => {
        this.output(`${messageOf(error)}\n`, 'stderr');
        if (!this.restarting) this.finish(1);
      },
    );
  }

  private finish(exitCode: number): void {
    void this.removeKept().then(() => {
      if (this.ended) return;
      this.ended = true;
      this.sendEvent(new ExitedEvent(exitCode));
      this.sendEvent(new TerminatedEvent());
    });
  }

  /** Stop the run (cancel, remove its containers and what was kept for shells), and wait for it. */
  private async endRun(): Promise<void> {
    this.controller?.terminate();
    await this.run?.result.catch(() => undefined);
    await this.removeKept();
  }

  private async removeKept(): Promise<void> {
    const runId = this.run?.runId;
    if (!runId) return;
    const shells = this.host.engine();
    await shells.removeContainers({ [LABEL_RUN]: runId }).catch(() => 0);
    const kept = await shells.findImages({ [LABEL_RUN]: runId, [LABEL_KEPT]: 'failed-step' }).catch(() => []);
    await shells.removeImages(kept.map((image) => image.id)).catch(() => 0);
  }

  private async openShell(stepId: string | undefined): Promise<string> {
    if (!stepId || !this.controller || !this.run) throw new Error('Pause at a step first.');
    const shell = await prepareStepShell(this.host.engine(), this.controller, this.run.runId, stepId);
    this.output(`${shell.banner}\n`);
    if (this.host.openShellTerminal) {
      this.host.openShellTerminal(shell.containerId, shell.title, shell.banner);
      return shell.banner;
    }
    const args = [...this.host.cliCommand, 'shell', '--attach', shell.containerId];
    if (!this.supportsTerminal) return `Run this in a terminal: ${args.join(' ')}`;
    this.runInTerminalRequest(
      { kind: 'integrated', title: shell.title, args, cwd: process.cwd(), env: this.host.cliEnv },
      10_000,
      () => undefined,
    );
    return shell.banner;
  }

  private stepOfFrame(frameId: number | undefined): string | undefined {
    return (frameId !== undefined ? this.frames[frameId - 1] : undefined) ?? this.controller?.stop?.stepId;
  }

  private contextOf(frameId: number | undefined) {
    const stepId = this.stepOfFrame(frameId);
    const records = this.controller?.records;
    if (!records) return undefined;
    return (
      (stepId ? records.get(stepId).about?.context : undefined) ??
      records.all().find((record) => record.about)?.about?.context
    );
  }

  private workflow(): Workflow {
    return parseWorkflow(this.launch ? this.host.readText(this.launch.workflow) : '');
  }

  private output(text: string, category: 'console' | 'stderr' = 'console'): void {
    this.sendEvent(new OutputEvent(text, category));
  }
}

const HELP = [
  'Evaluate ${inputs.x}, ${steps.<id>.outputs.<key>} or ${NAME} as the workflow file would at the selected step.',
  ".shell [STEP]  open a terminal in the step's container (before it starts: its image, environment and volumes;",
  '               after it failed: the filesystem it left)',
].join('\n');

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
