// The steps request, declared once and shared by the language server (server/connection.ts answers it) and the
// extension (client/language/language-client-bundle.ts sends it for the CodeLenses and the failed-step ranges), so
// both sides agree on its name and shape, as protocol/graph-messages.ts does for the graph. Ranges are LSP ranges
// (0-based lines, UTF-16 characters) in the document the request names.
import { RequestType, type Range, type TextDocumentIdentifier } from 'vscode-languageserver-protocol';

/** The steps of a workflow document: what CodeLenses and the run views show about them. */
export interface WorkflowStepsParams {
  /** An open document, or a `file:` URI the server reads from disk when no editor has it open. */
  textDocument: TextDocumentIdentifier;
}

export interface WorkflowStep {
  /** The step's id; absent while the step has none. */
  id?: string;
  name?: string;
  /** Its position in `steps` (0-based). */
  index: number;
  /** The step's mapping, from its first key to its last value. */
  range: Range;
  /** The value of its `id:`. */
  idRange?: Range;
  /** The ids in its `depends_on`, as written. */
  dependsOn: string[];
}

export interface WorkflowSteps {
  /** The version of the document this describes; null for a file read from disk. */
  version: number | null;
  /** The `steps` key, where "Run Workflow" goes; absent when the document has none. */
  stepsKeyRange?: Range;
  steps: WorkflowStep[];
}

/** `daggerWorkflows/steps`: the steps of a document (null when it is neither open nor a readable file). */
export const WorkflowStepsRequest = new RequestType<WorkflowStepsParams, WorkflowSteps | null, void>(
  'daggerWorkflows/steps',
);
