import { readFileSync } from 'node:fs';
import { UsageError } from './command.js';

/** A workflow file's text; a missing or unreadable file is a usage error with one clear line. */
export function readWorkflowFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(error));
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
}
