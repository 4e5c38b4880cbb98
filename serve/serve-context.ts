import type { ContainerRuntime } from '../core/run/runtime.js';
import type { ExecutionService } from './executions/execution-service.js';
import type { ExecutionStore } from './executions/execution-store.js';
import type { SseStream } from './sse-stream.js';
import type { WorkflowCatalog } from './workflows/workflow-catalog.js';

/** What the routes share: the workflows, the executions, the engine, and the server's closing state. */
export interface ServeContext {
  catalog: WorkflowCatalog;
  store: ExecutionStore;
  service: ExecutionService;
  runtime: ContainerRuntime;
  /** What `${VAR}` reads in a run (the server's environment, less its token). */
  hostEnv: Record<string, string | undefined>;
  /** Milliseconds between keep-alive comments on an event stream. */
  keepAliveMs: number;
  /** Open event streams, ended when the server closes (else closing would wait for them forever). */
  streams: Set<SseStream>;
  /** Aborted when the server starts closing: `?wait` answers at once. */
  closing: AbortSignal;
}
