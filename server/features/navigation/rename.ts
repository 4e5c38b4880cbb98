import type { Range, WorkspaceEdit } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../../documents/analyzed-document.js';
import { stepOccurrenceAt, stepOccurrences } from './step-occurrences.js';

/** The pattern of step ids in schemas/workflow.schema.json. */
const STEP_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** A rename the user asked for that cannot be done; the message is shown as is. */
export class RenameRefused extends Error {}

/** The id under the cursor and its range, or undefined where there is no step id to rename. */
export function prepareRename(
  document: AnalyzedDocument,
  offset: number,
): { range: Range; placeholder: string } | undefined {
  const at = stepOccurrenceAt(document.workflow, offset);
  return at && { range: document.source.rangeOf(at.span), placeholder: at.id };
}

/** Rename a step id in its `id:`, every `depends_on` entry and every `${steps.<id>…}`. */
export function renameStepId(document: AnalyzedDocument, offset: number, newId: string): WorkspaceEdit {
  const at = stepOccurrenceAt(document.workflow, offset);
  if (!at) throw new RenameRefused('Only a step id can be renamed here.');
  if (!STEP_ID.test(newId)) {
    throw new RenameRefused(
      `"${newId}" is not a valid step id: use letters, digits, "_" and "-", not starting with "-".`,
    );
  }
  if (newId !== at.id && document.workflow.steps.some((step) => step.id?.value === newId)) {
    throw new RenameRefused(`A step with id "${newId}" already exists.`);
  }
  const edits = stepOccurrences(document.workflow, at.id).map((occurrence) => ({
    range: document.source.rangeOf(occurrence.span),
    newText: newId,
  }));
  return { changes: { [document.uri]: edits } };
}
