import { formatBytes } from './format-bytes.js';

/**
 * The longest output line shown as is in a terminal or an output channel, in characters. Longer ones are cut
 * there, with a note (the step log in the run folder keeps them whole): a 600 MB line without a newline
 * would otherwise be held in memory until it ends.
 */
export const MAX_LOG_LINE_CHARS = 64 * 1024;

/** The note that ends a cut line. */
export const LINE_CUT_NOTE = ` … [dagger-wf: line cut at ${formatBytes(MAX_LOG_LINE_CHARS)}]`;

/**
 * How much of a step's output a run keeps: in its log file in the run folder, and in its output channel in
 * the editor. Past it the rest is dropped, with a note: the run still waits for the step as usual.
 */
export const MAX_STEP_LOG_BYTES = 64 * 1024 * 1024;

/** The line that closes a step log once it reached MAX_STEP_LOG_BYTES. */
export const LOG_CUT_NOTE = `\n[dagger-wf] log cut: this step printed more than ${formatBytes(MAX_STEP_LOG_BYTES)}; the rest is not kept\n`;

/**
 * Counts the bytes of one step's log (per run) and lets through what fits under MAX_STEP_LOG_BYTES, then
 * LOG_CUT_NOTE once, then nothing.
 */
export class StepLogBudget {
  private used = 0;
  private cut = false;

  constructor(private readonly limit = MAX_STEP_LOG_BYTES) {}

  /** The part of `text` to keep (maybe followed by the cut note); '' once the log is full. */
  take(text: string): string {
    if (this.cut) return '';
    const size = Buffer.byteLength(text);
    if (this.used + size <= this.limit) {
      this.used += size;
      return text;
    }
    this.cut = true;
    // Cut by bytes, then drop a character the cut may have split.
    const room = Buffer.from(text)
      .subarray(0, this.limit - this.used)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
    this.used = this.limit;
    return room + LOG_CUT_NOTE;
  }
}
