/** A half-open character span [start, end) into the document text. */
export interface Span {
  start: number;
  end: number;
}

/** 0-based line/character position, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** 0-based range, as in LSP. */
export interface Range {
  start: Position;
  end: Position;
}

/** A scalar value with where it stands in the source. */
export interface Located<T> {
  value: T;
  /** Span of the value node (including quotes for quoted scalars). */
  span: Span;
  /** Span of the key that introduced it, when it is a mapping value. */
  keySpan?: Span;
}
