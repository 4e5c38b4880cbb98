import type { RunEvent } from '../core/run/events.js';
import { LineBuffer } from '../core/run/line-buffer.js';
import { PullBoard, pullStepLine } from '../core/run/pull-board.js';
import type { RunResult } from '../core/run/run-result.js';

/** Turns run events into progress lines: one per state change, and step output prefixed `step | `. */
export class ProgressLines {
  /** Unfinished output lines, by step and stream (keyed `step\0stream`), until their newline arrives. */
  private readonly partial = new Map<string, { stepId: string; buffer: LineBuffer }>();
  private readonly startedAt = new Map<string, number>();
  private readonly pulls = new PullBoard();
  /** Per image, the phase and layers (done/in all) when its last progress line was printed. */
  private readonly pullShown = new Map<string, string>();
  private width = 0;

  /** The complete lines this event adds (without newlines). */
  linesFor(event: RunEvent): string[] {
    const at = clock(event.time);
    switch (event.type) {
      case 'runStarted':
        this.width = Math.max(0, ...event.stepIds.map((id) => id.length));
        return [`${at} run ${event.runId}: ${event.workflowName} (${plural(event.stepIds.length, 'step')})`];
      case 'imagePull':
        return this.pullLines(event, at);
      case 'stepStarted': {
        if (event.attempt === 1) this.startedAt.set(event.stepId, Date.parse(event.time));
        const attempt = event.maxAttempts > 1 ? ` (attempt ${event.attempt}/${event.maxAttempts})` : '';
        return [`${at} ${event.stepId} started${attempt}`];
      }
      case 'containerStarted':
        return [];
      case 'log':
        return this.logLines(event.stepId, event.stream, event.text);
      case 'attemptFailed': {
        const retry = event.willRetry ? `, retrying in ${event.retryDelaySeconds} s` : '';
        return [
          `${at} ${event.stepId} attempt ${event.attempt}/${event.maxAttempts} failed: ${event.reason}${retry}`,
        ];
      }
      case 'stepFinished': {
        const rest = this.flush(event.stepId);
        const started = this.startedAt.get(event.stepId);
        const took = started === undefined ? '' : ` in ${seconds(Date.parse(event.time) - started)}`;
        const reason = event.reason ? `: ${event.reason}` : '';
        const status = event.cached ? 'cached' : event.status.replace('_', ' ');
        return [...rest, `${at} ${event.stepId} ${status}${took}${reason}`];
      }
      case 'warning':
        return [`${at} warning: ${event.message}`];
      case 'runFinished': {
        const fault = event.fault ? `: ${event.fault.message}` : '';
        return [...this.flush(), `${at} run ${event.status}${fault}`];
      }
    }
  }

  /**
   * A pull's start, its layers once known, each layer done and each retry, then (from PullBoard) one line when it ends and one when no
   * pull is left: a few lines per image, however many messages the engine sends.
   */
  private pullLines(event: Extract<RunEvent, { type: 'imagePull' }>, at: string): string[] {
    const closing = this.pulls.update(event).map((line) => `${at} ${line}`);
    if (event.phase !== 'pulling' && event.phase !== 'queued') return closing;
    const shown = `${event.phase} ${event.pull.layersDone}/${event.pull.layersTotal}`;
    if (!event.retry && this.pullShown.get(event.image) === shown) return [];
    this.pullShown.set(event.image, shown);
    return [`${at} ${event.stepIds.join(', ')}: ${pullStepLine(event)}`];
  }

  private logLines(stepId: string, stream: string, text: string): string[] {
    const key = `${stepId}\u0000${stream}`;
    let partial = this.partial.get(key);
    if (!partial) this.partial.set(key, (partial = { stepId, buffer: new LineBuffer() }));
    return partial.buffer.push(text).map((line) => this.prefixed(stepId, line));
  }

  /** Lines without a final newline, at the end of a step (or of the run). */
  private flush(stepId?: string): string[] {
    const lines: string[] = [];
    for (const [key, { stepId: id, buffer }] of this.partial) {
      if (stepId !== undefined && id !== stepId) continue;
      const rest = buffer.flush();
      if (rest !== undefined) lines.push(this.prefixed(id, rest));
      this.partial.delete(key);
    }
    return lines;
  }

  private prefixed(stepId: string, line: string): string {
    return `${stepId.padEnd(this.width)} | ${line}`;
  }
}

/**
 * The closing summary: counts by state, one line per step that did not succeed, and where the logs are, or
 * why they are incomplete or were not kept (`historyProblem`, such as a full disk).
 */
export function summaryLines(
  result: RunResult,
  elapsedMs: number,
  historyPath?: string,
  historyProblem?: string,
): string[] {
  const steps = Object.entries(result.steps);
  const counts = new Map<string, number>();
  for (const [, step] of steps) {
    const state = step.cached ? 'cached' : step.status;
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  const tally = [...counts].map(([status, count]) => `${count} ${status.replace('_', ' ')}`).join(', ');
  const lines = [`run ${result.status} in ${seconds(elapsedMs)}: ${tally}`];
  for (const [id, step] of steps) {
    if (step.status !== 'succeeded')
      lines.push(`  ${id}: ${step.status.replace('_', ' ')}${step.reason ? ` (${step.reason})` : ''}`);
  }
  if (historyPath && historyProblem) lines.push(`logs (incomplete: ${historyProblem}): ${historyPath}`);
  else if (historyPath) lines.push(`logs: ${historyPath}`);
  else if (historyProblem) lines.push(`logs: not kept (${historyProblem})`);
  return lines;
}

/** `[10:00:01]`: the UTC time of day of an event. */
export function clock(iso: string): string {
  return `[${iso.slice(11, 19)}]`;
}

/** `2.5 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `1 step`, `2 steps`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
