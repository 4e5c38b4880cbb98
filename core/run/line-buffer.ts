import { LINE_CUT_NOTE, MAX_LOG_LINE_CHARS } from './log-limits.js';

/**
 * Assembles chunks of a stream into whole lines (`\n` or `\r\n` ends one; the line comes without it).
 * Only each new chunk is scanned, and a line still open is kept as its pieces, so a line that arrives in
 * thousands of chunks costs linear time. A line longer than `maxLength` is given out at once, cut there and
 * ending with LINE_CUT_NOTE; the rest of it is dropped as it arrives, so memory stays bounded whatever a
 * program prints (600 MB without a newline).
 */
export class LineBuffer {
  private open: string[] = [];
  private openLength = 0;
  /** The open line was cut: drop what comes until its end. */
  private cutting = false;

  constructor(private readonly maxLength = MAX_LOG_LINE_CHARS) {}

  /** The lines this chunk completes (and the head of a line it makes too long). */
  push(chunk: string): string[] {
    const lines: string[] = [];
    const pieces = chunk.split('\n');
    pieces.forEach((piece, index) => {
      if (index > 0) {
        if (this.cutting) this.cutting = false;
        else lines.push(withoutCarriageReturn(this.take()));
      }
      this.add(piece, lines);
    });
    return lines;
  }

  /** The line still open at the end of the stream, if any text is held. */
  flush(): string | undefined {
    const rest = this.take();
    const wasCut = this.cutting;
    this.cutting = false;
    return rest && !wasCut ? withoutCarriageReturn(rest) : undefined;
  }

  private add(piece: string, lines: string[]): void {
    if (this.cutting || !piece) return;
    if (this.openLength + piece.length <= this.maxLength) {
      this.open.push(piece);
      this.openLength += piece.length;
      return;
    }
    this.open.push(piece.slice(0, this.maxLength - this.openLength));
    lines.push(this.take() + LINE_CUT_NOTE);
    this.cutting = true;
  }

  private take(): string {
    const text = this.open.join('');
    this.open = [];
    this.openLength = 0;
    return text;
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
