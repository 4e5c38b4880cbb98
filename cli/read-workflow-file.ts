import { readFileSync } from 'node:fs';
import { describeFileError } from '../core/parse/describe-file-error.js';
import { UsageError } from './command.js';

/** A workflow file's text; a missing or unreadable file is a usage error with one clear line. */
export function readWorkflowFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${describeFileError(error)}`);
  }
}
