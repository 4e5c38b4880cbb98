import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const FIXTURES = resolve(__dirname, '../../fixtures/lsp');

/** A fixture file's text and its file URI (so the server finds the `.env` beside it). */
export function fixture(name: string): { uri: string; text: string } {
  const path = resolve(FIXTURES, name);
  return { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

/** A URI in the fixtures folder for a document that exists only in the editor. */
export function fixtureUri(name: string): string {
  return pathToFileURL(resolve(FIXTURES, name)).href;
}
