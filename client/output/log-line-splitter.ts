import { LineBuffer } from '../../core/run/line-buffer.js';

/** Prefix that marks a line a container wrote to stderr, so it stands out from stdout in an output channel. */
export const STDERR_PREFIX = '[stderr] ';

/**
 * Turns log chunks (which may end mid-line) into whole lines, one buffer per stream, so a stderr line is
 * prefixed once even when it arrives in pieces and never mixes with a half stdout line.
 */
export class LogLineSplitter {
  private readonly buffers = { stdout: new LineBuffer(), stderr: new LineBuffer() };

  /** Text to append for a chunk: the complete lines it finishes, stderr ones prefixed. */
  push(stream: 'stdout' | 'stderr', chunk: string): string {
    return format(stream, this.buffers[stream].push(chunk));
  }

  /** Text of the lines still unfinished (at the end of an attempt). */
  flush(): string {
    let out = '';
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.buffers[stream].flush();
      if (rest !== undefined) out += format(stream, [rest]);
    }
    return out;
  }
}

/** The lines, each ended by a line break; stderr ones with the prefix. */
function format(stream: 'stdout' | 'stderr', lines: string[]): string {
  const prefix = stream === 'stderr' ? STDERR_PREFIX : '';
  return lines.map((line) => `${prefix}${line}\n`).join('');
}
