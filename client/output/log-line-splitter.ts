/** Prefix that marks a line a container wrote to stderr, so it stands out from stdout in an output channel. */
export const STDERR_PREFIX = '[stderr] ';

/**
 * Turns log chunks (which may end mid-line) into whole lines, one buffer per stream, so a stderr line is
 * prefixed once even when it arrives in pieces and never mixes with a half stdout line.
 */
export class LogLineSplitter {
  private readonly pending = { stdout: '', stderr: '' };

  /** Text to append for a chunk: the complete lines it finishes, stderr ones prefixed. */
  push(stream: 'stdout' | 'stderr', chunk: string): string {
    const text = this.pending[stream] + chunk;
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak < 0) {
      this.pending[stream] = text;
      return '';
    }
    this.pending[stream] = text.slice(lastBreak + 1);
    return format(stream, text.slice(0, lastBreak + 1));
  }

  /** Text of the lines still unfinished (at the end of an attempt). */
  flush(): string {
    let out = '';
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.pending[stream]) out += format(stream, this.pending[stream] + '\n');
      this.pending[stream] = '';
    }
    return out;
  }
}

/** `lines` ends with a line break; every line of it gets the stderr prefix. */
function format(stream: 'stdout' | 'stderr', lines: string): string {
  if (stream === 'stdout') return lines;
  return (
    lines
      .slice(0, -1)
      .split('\n')
      .map((line) => STDERR_PREFIX + line)
      .join('\n') + '\n'
  );
}
