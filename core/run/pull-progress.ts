import type { ImagePullProgress } from './runtime.js';

/**
 * How far the pull of one image has come, over all of its layers: what the tree, the notification, the
 * summary and the CLI show instead of the engine's messages, which come per layer and many a second.
 */
export interface PullProgress {
  /** Layers extracted, or found present already. */
  layersDone: number;
  /** Layers announced so far (the engine announces them all at the start of a pull). */
  layersTotal: number;
  /** Bytes downloaded; absent until the engine reports a size. */
  bytesDone?: number;
  /** The download size of the layers to fetch; absent until every one of them has reported its size. */
  bytesTotal?: number;
}

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

/** `2/5 layers · 12.3 of 40.1 MB`, `0/3 layers · 4.2 MB`, `2/5 layers`. */
export function describePullProgress(progress: PullProgress): string {
  const parts: string[] = [];
  if (progress.layersTotal > 0) parts.push(`${progress.layersDone}/${progress.layersTotal} layers`);
  if (progress.bytesDone !== undefined) {
    parts.push(
      progress.bytesTotal === undefined
        ? formatSize(progress.bytesDone)
        : `${inUnitOf(progress.bytesDone, progress.bytesTotal)} of ${formatSize(progress.bytesTotal)}`,
    );
  }
  return parts.join(' · ');
}

/**
 * How much of the pull is done, 0 to 1. Layers count extraction, which often takes longer than the download;
 * bytes, when their total is known, move while a big layer downloads: half each.
 */
export function pullFraction(progress: PullProgress): number {
  const layers = progress.layersTotal ? progress.layersDone / progress.layersTotal : 0;
  if (!progress.bytesTotal) return layers;
  return (layers + Math.min(1, (progress.bytesDone ?? 0) / progress.bytesTotal)) / 2;
}

const UNITS: [string, number][] = [
  ['GB', 1e9],
  ['MB', 1e6],
  ['kB', 1e3],
  ['B', 1],
];

/** `40.1 MB`: decimal units, as the engine and registries count image sizes. */
export function formatSize(bytes: number): string {
  const [unit, size] = unitOf(bytes);
  return unit === 'B' ? `${bytes} B` : `${(bytes / size).toFixed(1)} ${unit}`;
}

/** `12.3` for 12.3 MB of 40.1 MB: the number only, in the unit of `total`, so it does not switch halfway. */
function inUnitOf(bytes: number, total: number): string {
  const [unit, size] = unitOf(total);
  return unit === 'B' ? String(bytes) : (bytes / size).toFixed(1);
}

function unitOf(bytes: number): [string, number] {
  return UNITS.find(([, size]) => bytes >= size) ?? ['B', 1];
}
