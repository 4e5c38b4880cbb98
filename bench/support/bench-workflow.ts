/**
 * The benchmark's document: test/lsp/support's generated workflow (shared with the LSP tests, about 12 lines per
 * step) plus where the middle step's lines are, so edits and completions land in the middle of the file.
 */
import { generateWorkflow } from '../../test/lsp/support/generate-workflow.js';

export interface BenchWorkflow {
  text: string;
  steps: number;
  /** The middle step: 0-based lines of its `image:` key, its `depends_on:` key and its last dependency entry. */
  middle: { id: string; imageLine: number; dependsOnLine: number; lastDependencyLine: number };
}

/** Generate a workflow of `steps` steps and locate its middle step. */
export function benchWorkflow(steps: number): BenchWorkflow {
  const text = generateWorkflow(steps);
  const lines = text.split('\n');
  const id = `step-${Math.floor(steps / 2)}`;
  const idLine = lines.indexOf(`  - id: ${id}`);
  const nextStep = lines.findIndex((line, index) => index > idLine && line.startsWith('  - id: '));
  const end = nextStep === -1 ? lines.length : nextStep;
  const find = (prefix: string): number => {
    const index = lines.findIndex((line, at) => at > idLine && at < end && line.startsWith(prefix));
    if (index === -1) throw new Error(`the generated step ${id} has no "${prefix.trim()}" line`);
    return index;
  };
  const dependsOnLine = find('    depends_on:');
  let lastDependencyLine = dependsOnLine;
  while (lines[lastDependencyLine + 1]?.startsWith('      - ')) lastDependencyLine++;
  return { text, steps, middle: { id, imageLine: find('    image:'), dependsOnLine, lastDependencyLine } };
}
