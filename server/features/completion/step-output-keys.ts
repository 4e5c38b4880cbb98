import type { Step } from '../../../core/model/workflow.js';

/** `>> $DAGGER_OUTPUT`, `>> "$DAGGER_OUTPUT"`, `>>"${DAGGER_OUTPUT}"`. */
const REDIRECT = />>\s*["']?\$\{?DAGGER_OUTPUT\}?["']?/g;
/** `key=` or `key<<` (heredoc) at a word start: what `$DAGGER_OUTPUT` lines begin with (DECISIONS.md). */
const KEY = /(?:^|[\s'"])([A-Za-z_][A-Za-z0-9_]*)(?:=|<<)/g;

/**
 * The output keys a step writes to `$DAGGER_OUTPUT`, as far as its command shows them:
 * `echo "version=1.2" >> $DAGGER_OUTPUT`, `printf 'k=%s\n' "$v" >> "$DAGGER_OUTPUT"`,
 * `{ echo a=1; echo b=2; } >> $DAGGER_OUTPUT`, and heredoc values `echo "notes<<EOF" >> $DAGGER_OUTPUT`.
 */
export function stepOutputKeys(step: Step | undefined): string[] {
  const script = step?.command?.items.map((item) => item.value).join('\n') ?? '';
  const keys = new Set<string>();
  for (const redirect of script.matchAll(REDIRECT)) {
    for (const match of statementBefore(script, redirect.index).matchAll(KEY)) keys.add(match[1]);
  }
  return [...keys];
}

/** The shell statement (or `{ … }` group) that ends at `end`. */
function statementBefore(script: string, end: number): string {
  const before = script.slice(0, end).trimEnd();
  if (before.endsWith('}')) {
    const open = before.lastIndexOf('{');
    if (open !== -1) return before.slice(open + 1, -1);
  }
  const boundary = Math.max(
    ...[';', '&&', '||', '\n', '|'].map((separator) => before.lastIndexOf(separator)),
  );
  return before.slice(boundary + 1);
}
