/** Step outputs read from a `DAGGER_OUTPUT` file, with the problems found in it. */
export interface ParsedOutputFile {
  outputs: Record<string, string>;
  /** One line each, such as `line 3: no "=" or "<<" in "oops"`. */
  problems: string[];
}

/**
 * Read the `DAGGER_OUTPUT` grammar, which is GitHub Actions' `$GITHUB_OUTPUT` (docs/workflow-format.md "Outputs"):
 * `key=value` lines, and `key<<DELIM` … `DELIM` for multi-line values. Whichever of `=` and `<<` comes first
 * decides the form, as in GitHub's runner; blank lines are ignored; a later key replaces an earlier one.
 */
export function parseOutputFile(text: string): ParsedOutputFile {
  // A Map, so keys such as `__proto__` are kept like any other.
  const outputs = new Map<string, string>();
  const problems: string[] = [];
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.at(-1) === '') lines.pop();
  let resumeAt = 0; // past a multi-line value's closing delimiter
  for (const [index, line] of lines.entries()) {
    if (index < resumeAt || line === '') continue;
    const lineNumber = index + 1;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const key = line.slice(0, equals);
      if (key === '') problems.push(`line ${lineNumber}: empty output name in "${line}"`);
      else outputs.set(key, line.slice(equals + 1));
      continue;
    }
    if (heredoc < 0) {
      problems.push(`line ${lineNumber}: expected "name=value" or "name<<DELIMITER", got "${line}"`);
      continue;
    }
    const key = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (key === '' || delimiter === '') {
      problems.push(`line ${lineNumber}: "${line}" needs both a name and a delimiter`);
      continue;
    }
    const end = lines.indexOf(delimiter, index + 1);
    if (end < 0) {
      problems.push(`line ${lineNumber}: no closing delimiter "${delimiter}" for output "${key}"`);
      break;
    }
    outputs.set(key, lines.slice(index + 1, end).join('\n'));
    resumeAt = end + 1;
  }
  return { outputs: Object.fromEntries(outputs), problems };
}
