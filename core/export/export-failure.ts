import { formatDiagnosticLine } from '../model/diagnostic.js';
import { InvalidWorkflowError, RunSetupError } from '../run/run-errors.js';
import { ExportError } from './export-errors.js';

/**
 * The one line an editor shows for an export that failed through the user's doing: the CLI's first line for it
 * (a diagnostic `file:line:col - error CODE: …`, or the problem), with a count of the rest. Undefined for
 * anything else, which is a bug to report as such.
 */
export function exportFailureMessage(error: unknown, file: string): string | undefined {
  let lines: string[];
  if (error instanceof InvalidWorkflowError)
    lines = error.diagnostics.map((diagnostic) => formatDiagnosticLine(file, diagnostic));
  else if (error instanceof ExportError) lines = error.problems;
  else if (error instanceof RunSetupError) lines = [error.message];
  else return undefined;
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
  return `${lines[0] ?? 'the workflow cannot be exported'}${more}`;
}
