import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LABEL_RUN } from '../run/sweep-orphans.js';
import { LABEL_HISTORY, LABEL_KEPT, type ShellRuntime } from './shell-runtime.js';

/**
 * Remove the kept images of failed steps whose run folder is no longer in `historyDir` (pruned with the run
 * history, or deleted by hand): a kept filesystem lives exactly as long as its run's record. Returns how many went.
 */
export async function pruneKeptImages(shells: ShellRuntime, historyDir: string): Promise<number> {
  const images = await shells.findImages({ [LABEL_KEPT]: 'failed-step', [LABEL_HISTORY]: historyDir });
  const gone = images.filter((image) => {
    const runId = image.labels[LABEL_RUN];
    return !runId || !existsSync(join(historyDir, runId));
  });
  return shells.removeImages(gone.map((image) => image.id));
}
