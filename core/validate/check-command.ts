import type { Step } from '../model/workflow.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';
import { stepLabel } from './step-label.js';

/**
 * DW015: `command: []`, or a command whose first element (the program) is blank. Step-local.
 * A missing `command` is fine: the image's own entrypoint runs.
 */
export function checkCommand(step: Step, isEmptyList: boolean): SpanDiagnostic[] {
  const command = step.command;
  if (!command) return [];
  if (isEmptyList) {
    return [
      spanDiagnostic(
        'DW015',
        command.span,
        `${stepLabel(step)} has an empty command (remove it to run the image's default)`,
      ),
    ];
  }
  const program = command.items[0];
  if (program && program.value.trim() === '') {
    return [
      spanDiagnostic(
        'DW015',
        program.span,
        `${stepLabel(step)}: the first element of command (the program) is empty`,
      ),
    ];
  }
  return [];
}
