import { fallbackLayout } from './fallback-layout.js';
import type { LayoutCache } from './layout-cache.js';
import type { GraphLayout, LayoutGraph } from './layout-types.js';
import type { LayoutWorkerClient } from './layout-worker-client.js';
import { structuralKey } from './structural-key.js';

export interface PanelLayoutOptions {
  /** Above this many nodes ELK is not tried: the fallback layout is the layout. */
  maxElkNodes: number;
  /** How long a new structure waits for ELK before the fallback layout is shown (the first-paint budget). */
  firstPaintMs: number;
}

/**
 * The layouts of one graph panel. A new structure (ids or edges) is laid out by ELK in the worker; if ELK has
 * not answered within the first-paint budget, the fallback layout shows first and ELK's replaces it when it
 * comes. The same structure again (a label, an image, an environment edited) lays nothing out: nothing moves.
 */
export class PanelLayout {
  private current: { key: string; layout?: GraphLayout } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly worker: LayoutWorkerClient,
    private readonly cache: LayoutCache,
    private readonly options: PanelLayoutOptions,
    /** Called with each layout to show, in order (a fallback, then ELK's for the same key). */
    private readonly show: (layout: GraphLayout) => void,
  ) {}

  /** The layout for `key`, when one is shown already. */
  layoutFor(key: string): GraphLayout | undefined {
    return this.current?.key === key ? this.current.layout : undefined;
  }

  /** Lay out a graph unless its structure is the one shown (returns its key either way). */
  update(graph: LayoutGraph): string {
    const key = structuralKey(graph);
    if (this.current?.key === key) return key;
    this.current = { key };
    clearTimeout(this.timer);
    const cached = this.cache.get(this.file, key);
    if (cached) {
      this.present(key, cached);
      return key;
    }
    if (graph.nodes.length > this.options.maxElkNodes) {
      this.present(key, fallbackLayout(graph, key));
      return key;
    }
    this.timer = setTimeout(() => {
      if (!this.layoutFor(key)) this.present(key, fallbackLayout(graph, key));
    }, this.options.firstPaintMs);
    this.worker.layout(this.file, graph, key).then(
      (layout) => {
        if (!layout) return;
        this.cache.set(this.file, layout);
        this.present(key, layout);
      },
      () => {
        // ELK failed or ran past its budget: the fallback layout stays for this structure.
        if (!this.layoutFor(key)) this.present(key, fallbackLayout(graph, key));
      },
    );
    return key;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.current = undefined;
  }

  private present(key: string, layout: GraphLayout): void {
    if (this.current?.key !== key) return;
    if (this.current.layout?.engine === 'elk' && layout.engine === 'fallback') return;
    clearTimeout(this.timer);
    this.current.layout = layout;
    this.show(layout);
  }
}
