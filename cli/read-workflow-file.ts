import { describeFileError } from '../core/parse/describe-file-error.js';
import { readWorkflowFile } from '../core/parse/read-workflow-file.js';
import type { Workflow } from '../core/model/workflow.js';
import { UsageError } from './command.js';

/**
 * A workflow file's model (one over the size limit is not read: its model holds the DW001 that says so); a
 * missing or unreadable file is a usage error with one clear line.
 */
export function readWorkflow(path: string): Workflow {
  try {
    return readWorkflowFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeFileError(error)}`);
  }
}
