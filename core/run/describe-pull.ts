// How a pull's progress reads (tree items, notification, summary, CLI). Free of the engine's types, so that
// the graph's webview, which shows run records, can use it.
import type { PullProgress } from './events.js';

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
