import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The text of a `file:` document no editor has open (undefined for other schemes and unreadable files). */
export function readClosedDocument(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}
