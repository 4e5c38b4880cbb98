import type { Position, Range, Span } from '../model/source.js';

/**
 * A document's text with a line index, to turn offsets into LSP positions and back. The index is made on first
 * use: a file that opens without a diagnostic (the common case) needs none to get its diagnostics.
 */
export class SourceText {
  private lineStartsMade?: number[];

  /** `lineStarts` may be passed when already known (the incremental parser updates them edit by edit). */
  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    this.lineStartsMade = lineStarts;
  }

  private get lineStarts(): number[] {
    return (this.lineStartsMade ??= lineStartsOf(this.text));
  }

  /** Offsets where each line starts (do not modify). */
  get lineStartOffsets(): readonly number[] {
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.startOf(mid) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.startOf(low) };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.startOf(position.line);
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    const start = this.startOf(line);
    let end = this.startOf(line + 1);
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.startOf(Math.max(0, Math.min(line, this.lineStarts.length - 1)));
  }

  /** Where `line` starts; a line past the last (or before the first) is taken as the end of the text. */
  private startOf(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}
