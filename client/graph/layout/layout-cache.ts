import type { GraphLayout } from './layout-types.js';

/** The part of VS Code's Memento (workspaceState) the cache uses. */
export interface LayoutStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** How many layouts stay in memory (a few per open graph: undo and redo come back to them). */
const MEMORY_SIZE = 32;

/**
 * ELK layouts by structural key: in memory for the session, and the last one of each file in workspaceState, so
 * a graph reopened after a reload paints at once in its final shape.
 */
export class LayoutCache {
  private readonly memory = new Map<string, GraphLayout>();

  constructor(private readonly store: LayoutStore) {}

  get(file: string, key: string): GraphLayout | undefined {
    const remembered = this.memory.get(key);
    if (remembered) {
      // Most recently used last.
      this.memory.delete(key);
      this.memory.set(key, remembered);
      return remembered;
    }
    const stored = this.store.get<GraphLayout>(storeKey(file));
    return stored?.key === key ? stored : undefined;
  }

  set(file: string, layout: GraphLayout): void {
    this.memory.delete(layout.key);
    this.memory.set(layout.key, layout);
    for (const oldest of this.memory.keys()) {
      if (this.memory.size <= MEMORY_SIZE) break;
      this.memory.delete(oldest);
    }
    void this.store.update(storeKey(file), layout);
  }
}

function storeKey(file: string): string {
  return `daggerWorkflows.graphLayout:${file}`;
}
