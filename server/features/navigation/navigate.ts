import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../../documents/analyzed-document.js';
import { stepOccurrenceAt, stepOccurrences } from './step-occurrences.js';

/** Go to definition: from a dependency or `${steps.<id>…}` to the step's `id:` value. */
export function findDefinition(document: AnalyzedDocument, offset: number): Location | undefined {
  const at = stepOccurrenceAt(document.workflow, offset);
  if (!at) return undefined;
  const definition = stepOccurrences(document.workflow, at.id).find(
    (occurrence) => occurrence.kind === 'definition',
  );
  return definition && { uri: document.uri, range: document.source.rangeOf(definition.span) };
}

/** Every place the step id under the cursor is written. */
export function findReferences(
  document: AnalyzedDocument,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  const at = stepOccurrenceAt(document.workflow, offset);
  if (!at) return [];
  return stepOccurrences(document.workflow, at.id)
    .filter((occurrence) => includeDeclaration || occurrence.kind !== 'definition')
    .map((occurrence) => ({ uri: document.uri, range: document.source.rangeOf(occurrence.span) }));
}

/** The same places, as highlights: the definition is the write, the uses are reads. */
export function highlightStepId(document: AnalyzedDocument, offset: number): DocumentHighlight[] {
  const at = stepOccurrenceAt(document.workflow, offset);
  if (!at) return [];
  return stepOccurrences(document.workflow, at.id).map((occurrence) => ({
    range: document.source.rangeOf(occurrence.span),
    kind: occurrence.kind === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
