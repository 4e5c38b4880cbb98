import type { Workflow } from '../model/workflow.js';

/** Where a breakpoint on a workflow line stops: a step (moved to the line its `- id:` entry starts on), or why not. */
export type StepAtLine = { ok: true; stepId: string; line: number } | { ok: false; message: string };

/** Why a line holds no breakpoint; said in the editor beside the grey dot. */
export const OUTSIDE_STEPS =
  'Not inside a step: a workflow breakpoint pauses before a step starts; put it on one of its lines.';

/**
 * The step a breakpoint on `line` (0-based) belongs to: any line of a step's entry under `steps:` counts, and the
 * breakpoint moves to the first line of the entry (its `- id:` line), where the run pauses before the step starts.
 */
export function stepAtLine(workflow: Workflow, line: number): StepAtLine {
  const { source } = workflow;
  for (const step of workflow.steps) {
    const first = source.positionAt(step.span.start).line;
    // The span ends after its last character: a trailing newline belongs to the next line.
    const last = source.positionAt(Math.max(step.span.start, step.span.end - 1)).line;
    if (line < first || line > last) continue;
    if (!step.id?.value) return { ok: false, message: `Step ${step.index + 1} has no id, so it cannot run.` };
    return { ok: true, stepId: step.id.value, line: first };
  }
  return { ok: false, message: OUTSIDE_STEPS };
}

/** The 0-based line of each step's `- id:` entry, by step id (stack frames point there). */
export function stepLines(workflow: Workflow): Map<string, number> {
  const lines = new Map<string, number>();
  for (const step of workflow.steps) {
    const id = step.id?.value;
    if (id !== undefined && !lines.has(id)) lines.set(id, workflow.source.positionAt(step.span.start).line);
  }
  return lines;
}
