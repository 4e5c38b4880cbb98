import { Worker } from 'node:worker_threads';
import type { GraphLayout, LayoutGraph } from './layout-types.js';
import type { LayoutRequest, LayoutResponse } from './layout-worker-messages.js';

export interface LayoutWorkerOptions {
  /** dist/graph-layout-worker.js */
  workerPath: string;
  /** dist/elk/elk.bundled.js */
  elkPath: string;
  /** A layout still running after this long is abandoned (the worker is ended and started again when needed). */
  budgetMs: number;
}

interface Job {
  request: LayoutRequest;
  resolve(layout: GraphLayout | undefined): void;
  reject(error: Error): void;
}

/** Raised when ELK takes longer than the budget, or fails: the caller keeps the fallback layout. */
export class LayoutFailed extends Error {}

/**
 * The one ELK worker of the extension host (started on the first request, kept for the next ones): one layout
 * at a time, and per owner (a graph panel) only the newest request waits, so typing never queues stale work.
 */
export class LayoutWorkerClient {
  private worker: Worker | undefined;
  private running: (Job & { timer: NodeJS.Timeout }) | undefined;
  private readonly waiting = new Map<string, Job>();
  private nextId = 1;

  constructor(private readonly options: LayoutWorkerOptions) {}

  /**
   * Lay `graph` out with ELK for `owner`. Resolves undefined when a newer request of the same owner replaced this
   * one before it started; rejects with LayoutFailed past the budget or on an ELK error.
   */
  layout(owner: string, graph: LayoutGraph, key: string): Promise<GraphLayout | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.get(owner)?.resolve(undefined);
      this.waiting.set(owner, { request: { id: this.nextId++, graph, key }, resolve, reject });
      this.startNext();
    });
  }

  /** End the worker and drop pending requests (they resolve undefined); the next request starts a new worker. */
  stop(): void {
    for (const job of this.waiting.values()) job.resolve(undefined);
    this.waiting.clear();
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.resolve(undefined);
      this.running = undefined;
    }
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private startNext(): void {
    if (this.running) return;
    const [owner, job] = this.waiting.entries().next().value ?? [];
    if (owner === undefined || !job) return;
    this.waiting.delete(owner);
    const worker = this.ensureWorker();
    const timer = setTimeout(() => {
      this.abandon(new LayoutFailed(`ELK took longer than ${this.options.budgetMs} ms`));
    }, this.options.budgetMs);
    this.running = { ...job, timer };
    worker.postMessage(job.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerPath, { workerData: { elkPath: this.options.elkPath } });
    worker.on('message', (response: LayoutResponse) => this.finish(response));
    worker.on('error', (error) => {
      if (this.worker === worker)
        this.abandon(new LayoutFailed(`the layout worker failed: ${error.message}`));
    });
    // The worker must not keep the extension host (or a test) alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private finish(response: LayoutResponse): void {
    const job = this.running;
    if (!job || job.request.id !== response.id) return;
    clearTimeout(job.timer);
    this.running = undefined;
    if ('error' in response) job.reject(new LayoutFailed(response.error));
    else job.resolve(response.layout);
    this.startNext();
  }

  /** End the running job with `error` and the worker with it (ELK cannot be interrupted otherwise). */
  private abandon(error: LayoutFailed): void {
    const job = this.running;
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.startNext();
  }
}
