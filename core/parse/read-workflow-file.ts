import { readFileSync, statSync } from 'node:fs';
import type { Workflow } from '../model/workflow.js';
import { parseWorkflow } from './parse-workflow.js';
import { MAX_WORKFLOW_BYTES, oversizedWorkflow } from './workflow-size.js';

/**
 * Read and parse a workflow file; one above the size limit is not read at all (its model holds one DW001).
 * Throws the file system's error when the file cannot be read, for the caller to word.
 */
export function readWorkflowFile(path: string): Workflow {
  const { size } = statSync(path);
  if (size > MAX_WORKFLOW_BYTES) return oversizedWorkflow(size);
  return parseWorkflow(readFileSync(path, 'utf8'));
}
