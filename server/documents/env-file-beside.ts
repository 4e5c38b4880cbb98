import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnvFile } from '../../core/interpolate/load-env-file.js';

/**
 * The variables of the `.env` file beside a workflow (docs/workflow-format.md, "The .env file"), or none when the document
 * is not a file or has no `.env` beside it. Read on each call: it is small, and the user may edit it any time.
 */
export function envFileBeside(uri: string): Record<string, string> {
  if (!uri.startsWith('file:')) return {};
  try {
    return parseEnvFile(readFileSync(join(dirname(fileURLToPath(uri)), '.env'), 'utf8')).variables;
  } catch {
    return {};
  }
}
