// Entry of dist/graph-layout-worker.js: a worker_threads worker of the extension host that runs ELK, so a slow
// layout never blocks the extension host (or, through it, the editor). elkjs's elk.bundled.js is loaded as it
// is shipped (dist/elk/, unmodified, EPL-2.0), by the path the host passes, only when a graph first opens.
import { parentPort, workerData } from 'node:worker_threads';
import { elkLayout, type ElkEngine } from './elk-layout.js';
import type { LayoutRequest, LayoutResponse } from './layout-worker-messages.js';

const { elkPath } = workerData as { elkPath: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Elk = require(elkPath) as new () => ElkEngine;
const elk = new Elk();
const port = parentPort;

port?.on('message', (request: LayoutRequest) => {
  const started = performance.now();
  elkLayout(elk, request.graph, request.key).then(
    (layout) =>
      port.postMessage({ id: request.id, layout, ms: performance.now() - started } satisfies LayoutResponse),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies LayoutResponse),
  );
});
