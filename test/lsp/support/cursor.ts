import type { Position } from 'vscode-languageserver/node';

/**
 * A fixture with a cursor marker: `depends_on: [|]` → the text without the marker and the marker's position.
 * The marker is `|` unless given (use another one when the YAML itself needs a `|`).
 */
export function withCursor(
  fixture: string,
  marker = '|',
): { text: string; position: Position; offset: number } {
  const offset = fixture.indexOf(marker);
  if (offset === -1) throw new Error(`fixture has no cursor marker "${marker}"`);
  const text = fixture.slice(0, offset) + fixture.slice(offset + marker.length);
  return { text, offset, position: positionOf(text, offset) };
}

/** The 0-based position of `offset` in `text` (UTF-16, as LSP counts). */
export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length - 1, character: before.length - lineStart };
}

/** Apply LSP text edits (non-overlapping) to a text: what a client does with a WorkspaceEdit. */
export function applyEdits(
  text: string,
  edits: { range: { start: Position; end: Position }; newText: string }[],
): string {
  const offsetOf = (position: Position) => {
    const lines = text.split('\n');
    let offset = 0;
    for (const line of lines.slice(0, position.line)) offset += line.length + 1;
    return offset + position.character;
  };
  return [...edits]
    .map((edit) => ({
      start: offsetOf(edit.range.start),
      end: offsetOf(edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start)
    .reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}
