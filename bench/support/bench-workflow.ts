/**
 * The benchmark's document: test/lsp/support's generated workflow (shared with the LSP tests, about 12 lines per
 * step) and the id of its middle step, where edits and completions land.
 */
import { generateWorkflow } from '../../test/lsp/support/generate-workflow.js';

export interface BenchWorkflow {
  text: string;
  steps: number;
  /** The middle step (the scenarios find its lines in the current text). */
  middle: { id: string };
}

/** Generate a workflow of `steps` steps and name its middle step. */
export function benchWorkflow(steps: number): BenchWorkflow {
  return { text: generateWorkflow(steps), steps, middle: { id: `step-${Math.floor(steps / 2)}` } };
}
