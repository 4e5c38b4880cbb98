import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../../documents/analyzed-document.js';
import type { CursorContext } from '../cursor/cursor-context.js';
import { stepDetail, stepIdInText } from '../step-lookup.js';

/**
 * Step ids for a `depends_on` entry: every step but the step itself, those already listed, and those that
 * depend on it (directly or not), which would close a cycle. In declaration order.
 */
export function completeDependencies(document: AnalyzedDocument, context: CursorContext): CompletionItem[] {
  const text = document.source.text;
  const ownId = context.stepItemStart === undefined ? undefined : stepIdInText(text, context.stepItemStart);
  const graph = document.graph();
  const excluded = new Set(context.listed);
  if (ownId !== undefined) {
    excluded.add(ownId);
    for (const dependent of graph.transitiveDependents(ownId)) excluded.add(dependent);
  }
  const defaultImage = document.workflow.containerConfig?.image?.value;
  // `depends_on: |` has no list yet: insert one, so the result is valid YAML for the schema.
  const wrap = context.kind === 'value';
  const range = {
    start: document.source.positionAt(context.word.start),
    end: document.source.positionAt(context.word.end),
  };
  return graph.ids
    .filter((id) => !excluded.has(id))
    .map((id, index) => ({
      label: id,
      kind: CompletionItemKind.Reference,
      detail: stepDetail(graph.steps.get(id), defaultImage),
      sortText: String(index).padStart(6, '0'),
      textEdit: { range, newText: wrap ? `[${id}]` : id },
    }));
}
