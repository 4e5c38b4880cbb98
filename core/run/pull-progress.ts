import type { PullProgress } from './events.js';
import type { ImagePullProgress } from './runtime.js';

interface Layer {
  done: boolean;
  /** Present already: nothing to download. */
  present: boolean;
  downloaded: number;
  size?: number;
}

/** Engine statuses (per layer) after which the layer's bytes are all on this side. */
const DOWNLOADED = new Set(['Verifying Checksum', 'Download complete', 'Extracting', 'Pull complete']);

/**
 * Folds the engine's messages about one image into a PullProgress. Docker's messages carry a layer `id`
 * and, while downloading, `progressDetail.current/total`; the first one ("Pulling from …") names the tag
 * instead of a layer.
 */
export class PullProgressCounter {
  private readonly layers = new Map<string, Layer>();

  /** Take one engine message; returns true when the progress it shows changed. */
  update(message: ImagePullProgress): boolean {
    const before = JSON.stringify(this.progress);
    if (message.retry) {
      // A new attempt downloads again whatever was not finished.
      for (const layer of this.layers.values()) if (!layer.done) layer.downloaded = 0;
    }
    const id = message.layer;
    if (id !== undefined && !message.status.startsWith('Pulling from')) this.updateLayer(id, message);
    return JSON.stringify(this.progress) !== before;
  }

  /** Layers done when the pull has succeeded: all of them, whatever messages were missed. */
  complete(): void {
    for (const layer of this.layers.values()) {
      layer.done = true;
      if (!layer.present) layer.downloaded = layer.size ?? layer.downloaded;
    }
  }

  get progress(): PullProgress {
    const layers = [...this.layers.values()];
    const toFetch = layers.filter((layer) => !layer.present);
    const progress: PullProgress = {
      layersDone: layers.filter((layer) => layer.done).length,
      layersTotal: layers.length,
    };
    if (toFetch.some((layer) => layer.size !== undefined || layer.downloaded > 0))
      progress.bytesDone = toFetch.reduce((sum, layer) => sum + layer.downloaded, 0);
    if (toFetch.length > 0 && toFetch.every((layer) => layer.size !== undefined))
      progress.bytesTotal = toFetch.reduce((sum, layer) => sum + (layer.size ?? 0), 0);
    return progress;
  }

  private updateLayer(id: string, message: ImagePullProgress): void {
    let layer = this.layers.get(id);
    if (!layer) this.layers.set(id, (layer = { done: false, present: false, downloaded: 0 }));
    const { status, current, total } = message;
    if (status === 'Already exists') {
      Object.assign(layer, { done: true, present: true });
      return;
    }
    if (total !== undefined && total > 0) layer.size ??= total;
    if (status === 'Downloading' && current !== undefined) layer.downloaded = current;
    if (DOWNLOADED.has(status)) {
      // A small layer may finish without a single Downloading message: its size is what arrived.
      layer.size ??= layer.downloaded;
      layer.downloaded = layer.size;
    }
    if (status === 'Pull complete') layer.done = true;
  }
}
