import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../../..');

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
