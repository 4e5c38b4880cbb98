import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheKey, KeyComponents } from './cache-key.js';
import { writeFileAtomically } from './write-atomically.js';

/** In a run folder: the cache key of each step that had one, so a rerun can tell what changed since. */
export const STEP_KEYS_FILE = 'step-keys.json';

export type StepKeys = Record<string, { key: string; components: KeyComponents }>;

/** Keeps a run folder's step-keys.json up to date as keys become known (written atomically each time). */
export function stepKeysRecorder(runDir: string): (stepId: string, key: CacheKey) => void {
  const keys: StepKeys = {};
  return (stepId, key) => {
    if (!key.cacheable || !existsSync(runDir)) return;
    keys[stepId] = { key: key.key, components: key.components };
    try {
      writeFileAtomically(join(runDir, STEP_KEYS_FILE), `${JSON.stringify(keys, null, 2)}\n`);
    } catch {
      // Without it a rerun reuses the step without comparing keys: no reason to stop the run.
    }
  };
}

/** A run folder's step keys ({} when it has none or they cannot be read). */
export function readStepKeys(runDir: string): StepKeys {
  try {
    const data = JSON.parse(readFileSync(join(runDir, STEP_KEYS_FILE), 'utf8')) as unknown;
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as StepKeys) : {};
  } catch {
    return {};
  }
}
