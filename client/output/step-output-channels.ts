import * as vscode from 'vscode';
import { StepLogBudget } from '../../core/run/log-limits.js';
import { LogLineSplitter } from './log-line-splitter.js';

/**
 * The name of a step's channel: `<step> · Dagger: <workflow>`. The Output view's channel picker cuts long names
 * (`Dagger: Diamond › l…` showed every step of a workflow alike), so the step comes first; the workflow and
 * the `Dagger:` of the summary channel follow, which keeps the name unique per workflow and step.
 */
export function stepChannelName(workflowName: string, stepId: string): string {
  return `${stepId} · Dagger: ${workflowName}`;
}

interface StepChannel {
  channel: vscode.OutputChannel;
  /** The run whose output the channel holds now. */
  runId: string;
  splitter: LogLineSplitter;
  /** What the channel may still take of this run's output (as much as the step's log file keeps). */
  budget: StepLogBudget;
}

/**
 * One OutputChannel per workflow step, reused across runs (cleared when the step starts again), streamed live.
 * Lines from stderr carry a prefix (LogLineSplitter). Bounded like the step's log file: very long lines are
 * cut, and past MAX_STEP_LOG_BYTES of a run the rest is dropped with a note.
 */
export class StepOutputChannels implements vscode.Disposable {
  private readonly channels = new Map<string, StepChannel>();

  /** Start the step's output for a run: clear the channel when it held another run. */
  begin(runId: string, workflowName: string, stepId: string, header: string): void {
    const entry = this.entry(workflowName, stepId);
    if (entry.runId !== runId) {
      entry.channel.clear();
      entry.runId = runId;
      entry.splitter = new LogLineSplitter();
      entry.budget = new StepLogBudget();
    }
    entry.channel.append(entry.splitter.flush());
    entry.channel.appendLine(header);
  }

  /** Append a chunk of container output. */
  append(
    runId: string,
    workflowName: string,
    stepId: string,
    stream: 'stdout' | 'stderr',
    text: string,
  ): void {
    const entry = this.entry(workflowName, stepId);
    if (entry.runId !== runId) this.begin(runId, workflowName, stepId, `── run ${runId}`);
    const kept = entry.budget.take(text);
    if (!kept) return;
    const lines = entry.splitter.push(stream, kept);
    if (lines) entry.channel.append(lines);
  }

  /** End an attempt: flush half lines and write a closing line. */
  end(runId: string, workflowName: string, stepId: string, footer: string): void {
    const entry = this.entry(workflowName, stepId);
    if (entry.runId !== runId) return;
    entry.channel.append(entry.splitter.flush());
    entry.channel.appendLine(footer);
  }

  /** Fill the channel with a finished run's log read from disk (history), unless it shows that run already. */
  showStored(runId: string, workflowName: string, stepId: string, text: string | undefined): void {
    const entry = this.entry(workflowName, stepId);
    if (entry.runId !== runId && text !== undefined) {
      entry.channel.replace(text);
      entry.runId = runId;
      entry.splitter = new LogLineSplitter();
      entry.budget = new StepLogBudget();
    }
    entry.channel.show(true);
  }

  /** Whether the channel holds this run's output now. */
  holds(runId: string, workflowName: string, stepId: string): boolean {
    return this.channels.get(stepChannelName(workflowName, stepId))?.runId === runId;
  }

  show(workflowName: string, stepId: string): void {
    this.entry(workflowName, stepId).channel.show(true);
  }

  private entry(workflowName: string, stepId: string): StepChannel {
    const name = stepChannelName(workflowName, stepId);
    let entry = this.channels.get(name);
    if (!entry) {
      entry = {
        channel: vscode.window.createOutputChannel(name),
        runId: '',
        splitter: new LogLineSplitter(),
        budget: new StepLogBudget(),
      };
      this.channels.set(name, entry);
    }
    return entry;
  }

  dispose(): void {
    for (const entry of this.channels.values()) entry.channel.dispose();
    this.channels.clear();
  }
}
