import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { LocatedList } from '../../core/model/workflow.js';
import { canBeIgnored } from '../../core/validate/codes.js';
import type { AnalyzedDocument } from '../documents/analyzed-document.js';
import { lineEndAt, lineStartAt, previousLineStart, readYamlLine } from './cursor/yaml-lines.js';
import { DIAGNOSTIC_SOURCE } from './diagnostics/to-lsp-diagnostic.js';
import { stepAtOffset, stepById } from './step-lookup.js';

/**
 * Quick fixes for the diagnostics in the request: did-you-mean (DW011, DW021, and DW002 for keys), remove a self-dependency (DW012),
 * break a cycle by removing one of its edges (DW013, one action per edge), and for any code that can be ignored
 * a `# dagger-ignore DW0xx` comment above the line.
 */
export function codeActions(document: AnalyzedDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    const data = (diagnostic.data ?? {}) as Record<string, unknown>;
    const fix = (title: string, edits: TextEdit[], isPreferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred,
      edit: { changes: { [document.uri]: edits } },
    });
    const suggestion = typeof data.suggestion === 'string' ? data.suggestion : undefined;
    if ((diagnostic.code === 'DW011' || diagnostic.code === 'DW021') && suggestion) {
      const edit = replaceIdEdit(
        document,
        diagnostic,
        suggestion,
        typeof data.unknownId === 'string' ? data.unknownId : undefined,
      );
      if (edit) actions.push(fix(`Change to "${suggestion}"`, [edit], true));
    }
    if (diagnostic.code === 'DW002' && suggestion && typeof data.property === 'string') {
      const edit = replaceKeyEdit(document, diagnostic, data.property, suggestion);
      if (edit) actions.push(fix(`Change to "${suggestion}"`, [edit], true));
    }
    if (diagnostic.code === 'DW012') {
      const offset = document.source.offsetAt(diagnostic.range.start);
      const step = stepAtOffset(document.workflow, offset);
      const items = step?.dependsOn?.items ?? [];
      const index = items.findIndex((item) => item.span.start <= offset && offset <= item.span.end);
      const entry = items[index];
      if (step?.dependsOn && entry) {
        actions.push(
          fix(
            `Remove the self-dependency on "${entry.value}"`,
            removeListEntry(document, step.dependsOn, index),
            true,
          ),
        );
      }
    }
    if (diagnostic.code === 'DW013' && Array.isArray(data.path)) {
      actions.push(...breakCycleActions(document, data, fix));
    }
    if (canBeIgnored(diagnostic.code)) {
      actions.push(
        fix(`Ignore ${diagnostic.code} on this line (# dagger-ignore)`, [
          suppressionEdit(document, diagnostic),
        ]),
      );
    }
  }
  return actions;
}

/** One action per edge of the cycle (`path` reads as `depends_on` is written: each step depends on the next). */
function breakCycleActions(
  document: AnalyzedDocument,
  data: Record<string, unknown>,
  fix: (title: string, edits: TextEdit[], isPreferred?: boolean) => CodeAction,
): CodeAction[] {
  const path = (data.path as unknown[]).map(String);
  const actions: CodeAction[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const dependent = path[i] ?? '';
    const dependency = path[i + 1];
    const list = stepById(document.workflow, dependent)?.dependsOn;
    const index = list?.items.findIndex((item) => item.value === dependency) ?? -1;
    if (!list || index < 0) continue;
    const isThisEdge = data.from === dependent && data.to === dependency;
    actions.push(
      fix(
        `Break the cycle: remove "${dependency}" from the depends_on of "${dependent}"`,
        removeListEntry(document, list, index),
        isThisEdge,
      ),
    );
  }
  return actions.sort((a, b) => Number(b.isPreferred) - Number(a.isPreferred));
}

/** Replace the unknown id (the whole range, or the id inside `${steps.<id>…}`) with the suggestion. */
function replaceIdEdit(
  document: AnalyzedDocument,
  diagnostic: Diagnostic,
  suggestion: string,
  unknownId?: string,
): TextEdit | undefined {
  const start = document.source.offsetAt(diagnostic.range.start);
  const end = document.source.offsetAt(diagnostic.range.end);
  const covered = document.source.text.slice(start, end);
  const quoted = /^(["'])(.*)\1$/.exec(covered);
  const id = quoted?.[2] ?? covered;
  if (/^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(id) && (unknownId === undefined || id === unknownId)) {
    const inner = quoted ? 1 : 0;
    return {
      range: document.source.rangeOf({ start: start + inner, end: end - inner }),
      newText: suggestion,
    };
  }
  const match = /\$\{steps\.([A-Za-z0-9_][A-Za-z0-9_-]*)/.exec(covered);
  const referencedId = match?.[1];
  if (!match || referencedId === undefined) return undefined;
  const idStart = start + match.index + '${steps.'.length;
  return {
    range: document.source.rangeOf({ start: idStart, end: idStart + referencedId.length }),
    newText: suggestion,
  };
}

/** Rename an unknown key to the suggested one, when the range holds exactly that key (maybe quoted). */
function replaceKeyEdit(
  document: AnalyzedDocument,
  diagnostic: Diagnostic,
  property: string,
  suggestion: string,
): TextEdit | undefined {
  const covered = document.source.text.slice(
    document.source.offsetAt(diagnostic.range.start),
    document.source.offsetAt(diagnostic.range.end),
  );
  const unquoted = /^(["'])(.*)\1$/.exec(covered)?.[2] ?? covered;
  return unquoted === property ? { range: diagnostic.range, newText: suggestion } : undefined;
}

/** Delete one entry of a list: its line in a block list, `a, ` in a flow list; the whole key when it was the last. */
export function removeListEntry(document: AnalyzedDocument, list: LocatedList, index: number): TextEdit[] {
  const { source } = document;
  const text = source.text;
  if (list.items.length === 1)
    return [{ range: source.rangeOf(wholeLines(text, list.keySpan.start, list.span.end)), newText: '' }];
  const item = list.items[index];
  if (!item) return [];
  if (list.flow) {
    // The entry and the separator after it; for the last entry, the separator before it.
    const next = list.items[index + 1];
    const previous = list.items[index - 1];
    const span = next
      ? { start: item.span.start, end: next.span.start }
      : { start: previous?.span.end ?? item.span.start, end: item.span.end };
    return [{ range: source.rangeOf(span), newText: '' }];
  }
  return [{ range: source.rangeOf(wholeLines(text, item.span.start, item.span.end)), newText: '' }];
}

/** From the start of the line of `start` to the start of the line after `end`. */
function wholeLines(text: string, start: number, end: number): { start: number; end: number } {
  // A block node's span may end at the start of the next line: the last line is the one of its last character.
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  const lineEnd = lineEndAt(text, lineStartAt(text, end));
  return {
    start: lineStartAt(text, start),
    end: Math.min(text.length, text[lineEnd] === '\r' ? lineEnd + 2 : lineEnd + 1),
  };
}

/** `# dagger-ignore CODE` on its own line above the diagnostic, indented like that line; joins an existing one. */
function suppressionEdit(document: AnalyzedDocument, diagnostic: Diagnostic): TextEdit {
  const { source } = document;
  const text = source.text;
  const lineStart = source.offsetAt({ line: diagnostic.range.start.line, character: 0 });
  const code = String(diagnostic.code);
  const above = previousLineStart(text, lineStart);
  if (above !== -1) {
    const aboveEnd = lineEndAt(text, above);
    const [, prefix, listed] = /^(\s*#\s*dagger-ignore\s+)(.*?)\s*$/.exec(text.slice(above, aboveEnd)) ?? [];
    if (prefix !== undefined && listed !== undefined) {
      const codes = listed.split(/[\s,]+/).filter(Boolean);
      if (!codes.includes(code)) {
        return {
          range: source.rangeOf({ start: above, end: aboveEnd }),
          newText: `${prefix}${[...codes, code].join(', ')}`,
        };
      }
    }
  }
  const line = readYamlLine(text, lineStart, lineEndAt(text, lineStart));
  const indent = ' '.repeat(line.dashes[0] ?? line.contentColumn);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    range: source.rangeOf({ start: lineStart, end: lineStart }),
    newText: `${indent}# dagger-ignore ${code}${newline}`,
  };
}
