import { join, resolve } from 'node:path';

/** The repository's root, whichever folder of test/ a file lives in. */
export const REPO_ROOT = resolve(__dirname, '../..');
/** The shared test documents (test/fixtures/). */
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
/** The built bundles (npm run build). */
export const DIST = join(REPO_ROOT, 'dist');
