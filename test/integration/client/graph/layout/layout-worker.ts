import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LayoutWorkerClient } from '../../../../../client/graph/layout/layout-worker-client.js';
import { DIST } from '../../../../support/paths.js';

/** The real ELK worker of the extension (dist/graph-layout-worker.js loading dist/elk/elk.bundled.js). */
export function elkWorker(budgetMs = 120_000): LayoutWorkerClient {
  const workerPath = join(DIST, 'graph-layout-worker.js');
  if (!existsSync(workerPath))
    throw new Error('dist/graph-layout-worker.js is missing: run `npm run build` first');
  return new LayoutWorkerClient({ workerPath, elkPath: join(DIST, 'elk', 'elk.bundled.js'), budgetMs });
}
