import { resolve } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { BreakpointBook, BreakpointRequest } from '../core/debug/breakpoint-book.js';
import { stepAtLine, stepLines } from '../core/debug/step-lines.js';
import type { Workflow } from '../core/model/workflow.js';

/** A breakpoint as DAP answers it (1-based lines). */
type Answer = DebugProtocol.Breakpoint;

/**
 * setBreakpoints for the workflow file: each line is mapped onto its step (moved to the `- id:` line, verified),
 * or left unverified with the reason; another file's breakpoints are unverified too.
 */
export function setSourceBreakpoints(
  book: BreakpointBook,
  workflowFile: string,
  workflow: Workflow,
  args: DebugProtocol.SetBreakpointsArguments,
): Answer[] {
  const requested = args.breakpoints ?? [];
  const path = args.source.path ? resolve(args.source.path) : '';
  if (path !== resolve(workflowFile)) {
    const message = `Not the workflow being debugged (${workflowFile}).`;
    book.set(path, []);
    return requested.map((breakpoint) => ({ verified: false, line: breakpoint.line, message }));
  }
  const located = requested.map((breakpoint) => ({
    breakpoint,
    at: stepAtLine(workflow, breakpoint.line - 1),
  }));
  const kept: BreakpointRequest[] = [];
  for (const { breakpoint, at } of located) {
    if (at.ok) kept.push(requestOf(at.stepId, breakpoint));
  }
  const answers = book.set(path, kept);
  let next = 0;
  return located.map(({ breakpoint, at }): Answer => {
    if (!at.ok) return { verified: false, line: breakpoint.line, message: at.message };
    const answer = answers[next++];
    if (!answer?.ok) return { id: answer?.id, verified: false, line: at.line + 1, message: answer?.message };
    return { id: answer.breakpoint.id, verified: true, line: at.line + 1, column: 1, source: args.source };
  });
}

/** setFunctionBreakpoints: a function breakpoint's name is a step id. */
export function setStepBreakpoints(
  book: BreakpointBook,
  workflow: Workflow,
  args: DebugProtocol.SetFunctionBreakpointsArguments,
): Answer[] {
  const lines = stepLines(workflow);
  const known = args.breakpoints.filter((breakpoint) => lines.has(breakpoint.name));
  const answers = book.set(
    '(steps)',
    known.map((breakpoint) => requestOf(breakpoint.name, breakpoint)),
  );
  let next = 0;
  return args.breakpoints.map((breakpoint): Answer => {
    if (!lines.has(breakpoint.name))
      return { verified: false, message: `No step "${breakpoint.name}" in the workflow.` };
    const answer = answers[next++];
    if (!answer?.ok) return { verified: false, message: answer?.message };
    return { id: answer.breakpoint.id, verified: true, line: (lines.get(breakpoint.name) ?? 0) + 1 };
  });
}

/** breakpointLocations: a step's `- id:` line is the one place of its lines a breakpoint goes. */
export function stepLocations(
  workflow: Workflow,
  args: DebugProtocol.BreakpointLocationsArguments,
): DebugProtocol.BreakpointLocation[] {
  const last = args.endLine ?? args.line;
  const found = new Set<number>();
  for (let line = args.line; line <= last; line++) {
    const at = stepAtLine(workflow, line - 1);
    if (at.ok) found.add(at.line + 1);
  }
  return [...found].map((line) => ({ line, column: 1 }));
}

function requestOf(
  stepId: string,
  breakpoint: { condition?: string; hitCondition?: string; logMessage?: string },
): BreakpointRequest {
  return {
    stepId,
    condition: breakpoint.condition,
    hitCondition: breakpoint.hitCondition,
    logMessage: breakpoint.logMessage,
  };
}
