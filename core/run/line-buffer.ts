/**
 * Assembles chunks of a stream into whole lines (`\n` or `\r\n` ends one; the line comes without it).
 * Only each new chunk is scanned, and a line still open is kept as its pieces, so a 30 MB line that
 * arrives in thousands of chunks costs linear time, not a rescan of everything held per chunk.
 */
export class LineBuffer {
  private open: string[] = [];

  /** The lines this chunk completes. */
  push(chunk: string): string[] {
    const pieces = chunk.split('\n');
    const last = pieces.pop()!;
    if (pieces.length === 0) {
      if (last) this.open.push(last);
      return [];
    }
    pieces[0] = this.open.join('') + pieces[0];
    this.open = last ? [last] : [];
    return pieces.map(withoutCarriageReturn);
  }

  /** The line still open at the end of the stream, if any text is held. */
  flush(): string | undefined {
    const rest = this.open.join('');
    this.open = [];
    return rest ? withoutCarriageReturn(rest) : undefined;
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
