import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../../support/paths.js';

const REPO = REPO_ROOT;

/** The workflows whose layouts are kept as golden files: the examples, the spec's seeds and the graph fixtures. */
export function goldenWorkflows(): { name: string; text: string }[] {
  const folders = ['examples', 'test/fixtures/seed', 'test/fixtures/graph'];
  return folders.flatMap((folder) =>
    readdirSync(join(REPO, folder))
      .filter((file) => /\.ya?ml$/.test(file))
      .sort()
      .map((file) => ({
        name: `${folder.split('/').pop() ?? folder}-${file.replace(/(\.dagger)?\.ya?ml$/, '')}`,
        text: readFileSync(join(REPO, folder, file), 'utf8'),
      })),
  );
}

/** Where a golden layout is kept. */
export const GOLDEN_LAYOUTS = join(REPO, 'test', 'fixtures', 'graph-layout');

/**
 * Compare a layout with its golden file; with `UPDATE_GOLDEN=1`, write the file instead (then review the change).
 */
export async function matchGolden(file: string, actual: unknown): Promise<void> {
  const path = join(GOLDEN_LAYOUTS, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_LAYOUTS, { recursive: true });
    const prettier = await import('prettier');
    writeFileSync(path, await prettier.format(JSON.stringify(actual), { parser: 'json' }));
    return;
  }
  assert.ok(existsSync(path), `${file} is missing (run with UPDATE_GOLDEN=1, then review it)`);
  assert.deepEqual(actual, JSON.parse(readFileSync(path, 'utf8')));
}
