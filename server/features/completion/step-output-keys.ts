import type { Step } from '../../../core/model/workflow.js';

/** `>> $DAGGER_OUTPUT`, `>> "$DAGGER_OUTPUT"`, `>>"${DAGGER_OUTPUT}"`. */
const REDIRECT = />>\s*["']?\$\{?DAGGER_OUTPUT\}?["']?/g;
/** `key=` or `key<<` (heredoc) at a word start: what `$DAGGER_OUTPUT` lines begin with (docs/workflow-format.md, "Outputs"). */
const KEY = /(?:^|[\s'"])([A-Za-z_][A-Za-z0-9_]*)(?:=|<<)/g;

/**
 * The output keys a step writes to `$DAGGER_OUTPUT`, as far as its command shows them:
 * `echo "version=1.2" >> $DAGGER_OUTPUT`, `printf 'k=%s\n' "$v" >> "$DAGGER_OUTPUT"`,
 * `{ echo a=1; echo b=2; } >> $DAGGER_OUTPUT`, and heredoc values `echo "notes<<EOF" >> $DAGGER_OUTPUT`.
 */
export function stepOutputKeys(step: Step | undefined): string[] {
  const script = step?.command?.items.map((item) => item.value).join(' ') ?? '';
  if (!script.includes('DAGGER_OUTPUT')) return [];
  const structure = shellStructure(script);
  const keys = new Set<string>();
  for (const redirect of script.matchAll(REDIRECT)) {
    for (const [, key] of statementBefore(script, redirect.index, structure).matchAll(KEY))
      if (key !== undefined) keys.add(key);
  }
  return [...keys];
}

interface ShellStructure {
  /** Offsets just after each statement separator (`;`, `&&`, `||`, `|`, newline) outside quotes. */
  statementStarts: number[];
  /** `{ … }` groups outside quotes, by the offset of their `}`. */
  groupOpenByClose: Map<number, number>;
}

/** Statement boundaries and `{ … }` groups, skipping what is inside quotes (a rough reading of the shell). */
function shellStructure(script: string): ShellStructure {
  const statementStarts = [0];
  const groupOpenByClose = new Map<number, number>();
  const openGroups: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === ';' || c === '\n' || c === '|' || (c === '&' && script[i + 1] === '&'))
      statementStarts.push(i + 1);
    else if (c === '{' && /\s/.test(script[i + 1] ?? '')) openGroups.push(i);
    else if (c === '}') {
      const open = openGroups.pop();
      if (open !== undefined) groupOpenByClose.set(i, open);
    }
  }
  return { statementStarts, groupOpenByClose };
}

/** The statement (or `{ … }` group) that a redirect at `end` applies to. */
function statementBefore(script: string, end: number, structure: ShellStructure): string {
  let close = end - 1;
  while (close >= 0 && /\s/.test(script.charAt(close))) close--;
  const open = structure.groupOpenByClose.get(close);
  if (open !== undefined) return script.slice(open + 1, close);
  let start = 0;
  for (const at of structure.statementStarts) if (at <= end) start = at;
  return script.slice(start, end);
}
