import { parseDocument } from 'yaml';
import type { Workflow } from '../model/workflow.js';
import { SourceText } from './source-text.js';

/**
 * The largest workflow file read, in bytes (docs/diagnostics.md "Size limit"). A workflow of 10,000 steps, far
 * beyond any real pipeline, is under 4 MiB; 8 MiB leaves twice that. Below the limit, validation takes seconds
 * and memory in proportion to the file (`npm run bench` measures it); a larger file is a mistake (a generated
 * file gone wrong, a log pasted in) that would otherwise take gigabytes and a long pause in every editor.
 */
export const MAX_WORKFLOW_BYTES = 8 * 1024 * 1024;

/** The size of `text` in bytes when it is over the limit, else undefined (cheap for most texts). */
export function oversizeOf(text: string): number | undefined {
  // A UTF-16 unit is 1 to 3 bytes of UTF-8: most texts are settled without counting.
  if (text.length * 3 <= MAX_WORKFLOW_BYTES) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_WORKFLOW_BYTES ? bytes : undefined;
}

/**
 * The model of a file too large to read: nothing but one syntax problem (DW001, at the start), so
 * `validate`, `run` and the language server all say the same, and none of them parses it.
 */
export function oversizedWorkflow(bytes: number, text = ''): Workflow {
  return {
    source: new SourceText(text),
    yaml: { document: parseDocument('') },
    steps: [],
    outputs: [],
    syntaxProblems: [
      {
        message: `the file has ${count(bytes)} bytes, more than the ${MAX_WORKFLOW_BYTES / 1024 / 1024} MiB (${count(MAX_WORKFLOW_BYTES)} bytes) a workflow file may have; it was not read`,
        code: 'FILE_TOO_LARGE',
        span: { start: 0, end: 0 },
      },
    ],
  };
}

function count(bytes: number): string {
  return bytes.toLocaleString('en-US');
}
