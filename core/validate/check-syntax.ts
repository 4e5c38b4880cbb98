import type { Span } from '../model/source.js';
import type { Workflow } from '../model/workflow.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/** The yaml library's words where they would puzzle a workflow author (keyed by its error codes). */
const CLEARER: Record<string, string> = {
  MULTIPLE_DOCS:
    'a workflow file holds one YAML document; remove the second "---" and what follows, or split the file',
  DUPLICATE_KEY: 'duplicate key: each key may appear only once in a mapping',
};

/**
 * DW001 from the yaml library's problems. An unclosed bracket repeated 5,000 times gives the same error at the
 * same place 5,000 times: each is reported once. Running out of stack on deep nesting is said in words.
 */
export function checkSyntax(workflow: Workflow): SpanDiagnostic[] {
  const seen = new Set<string>();
  const diagnostics: SpanDiagnostic[] = [];
  for (const { span, message, code } of workflow.syntaxProblems) {
    const text = /call stack/i.test(message)
      ? 'the document is nested too deeply to be read'
      : (CLEARER[code] ?? message);
    const key = `${span.start}:${span.end}:${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(
      spanDiagnostic(
        'DW001',
        code === 'DUPLICATE_KEY' ? keySpanAt(workflow.source.text, span.start) : span,
        text,
      ),
    );
  }
  return diagnostics;
}

/** The yaml library marks a duplicate key by its first character; underline the whole key. */
function keySpanAt(text: string, start: number): Span {
  const match = /^[^:\n#]*?(?=\s*:(\s|$))/.exec(text.slice(start, start + 200));
  return { start, end: start + Math.max(1, match ? match[0].length : 1) };
}
