import type { RunEvent } from '../core/run/events.js';
import type { StepStatus } from '../core/model/run-state.js';
import { pullStepLine } from '../core/run/pull-board.js';
import { ProgressLines, seconds } from './print-progress.js';

const ICON: Record<StepStatus, string> = {
  pending: '·',
  running: '▶',
  succeeded: '✔',
  failed: '✖',
  skipped: '↷',
  timed_out: '⏱',
  cancelled: '■',
};

// Escape sequences (CSI, OSC) and the other control characters a program may print.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * The last line of output text as it would look on a terminal, safe to draw inside the live block: what
 * follows the last carriage return (progress bars redraw that way), without escape sequences or control
 * characters, tabs as spaces. Anything else would move the cursor and break the count of lines to redraw.
 */
export function lastVisibleLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => {
      const parts = line.split('\r').filter((part) => part.trim());
      return (parts.pop() ?? '').replace(/\t/g, ' ').replace(ESCAPES, '');
    })
    .filter((line) => line.trim())
    .pop();
}

interface StepView {
  status: StepStatus;
  startedAt?: number;
  finishedAt?: number;
  attempt: string;
  lastLine: string;
}

/**
 * The compact live view for a terminal: progress and output lines scroll as usual, and below them a block
 * with one line per step (state, time, last output line) is redrawn in place.
 */
export class LiveProgressView {
  private readonly lines = new ProgressLines();
  private readonly steps = new Map<string, StepView>();
  private drawnLines = 0;
  private readonly ticker: NodeJS.Timeout;

  constructor(private readonly out: NodeJS.WriteStream) {
    this.ticker = setInterval(() => this.draw([]), 500);
    this.ticker.unref();
  }

  handle(event: RunEvent): void {
    this.track(event);
    this.draw(this.lines.linesFor(event));
  }

  /** A line of its own above the live block. */
  note(line: string): void {
    this.draw([line]);
  }

  /** Draw the last state and stop redrawing. */
  close(): void {
    clearInterval(this.ticker);
    this.draw([]);
  }

  private track(event: RunEvent): void {
    const time = Date.parse(event.time);
    if (event.type === 'runStarted') {
      for (const id of event.stepIds) this.steps.set(id, { status: 'pending', attempt: '', lastLine: '' });
      return;
    }
    if (event.type === 'imagePull') {
      // Every step that runs the image shows its pull, even one still waiting for its dependencies.
      for (const id of event.stepIds) {
        const view = this.steps.get(id);
        if (view) view.lastLine = pullStepLine(event);
      }
      return;
    }
    if (!('stepId' in event)) return;
    const view = this.steps.get(event.stepId);
    if (!view) return;
    if (event.type === 'stepStarted') {
      view.status = 'running';
      view.startedAt ??= time;
      view.attempt = event.maxAttempts > 1 ? ` ${event.attempt}/${event.maxAttempts}` : '';
    } else if (event.type === 'log') {
      const last = lastVisibleLine(event.text);
      if (last) view.lastLine = last;
    } else if (event.type === 'stepFinished') {
      view.status = event.status;
      view.finishedAt = time;
      if (event.reason) view.lastLine = event.reason;
    }
  }

  private draw(newLines: string[]): void {
    const columns = this.out.columns || 80;
    const width = Math.max(0, ...[...this.steps.keys()].map((id) => id.length));
    const block = [...this.steps].map(([id, view]) => {
      const end = view.finishedAt ?? Date.now();
      const took = view.startedAt === undefined ? '' : seconds(end - view.startedAt);
      const line = `${ICON[view.status]} ${id.padEnd(width)} ${view.status.replace('_', ' ').padEnd(9)}${view.attempt} ${took.padStart(7)}  ${view.lastLine}`;
      // Cut to the terminal width: a wrapped line would break the count of lines to redraw.
      return line.length >= columns ? `${line.slice(0, columns - 2)}…` : line;
    });
    const erase = this.drawnLines ? `\x1b[${this.drawnLines}F\x1b[J` : '';
    const text = [...newLines, ...block].map((line) => `${line}\n`).join('');
    this.out.write(erase + text);
    this.drawnLines = block.length;
  }
}
