import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILE, type RunRecord } from './run-record.js';

/** Write a run folder's run.json whole and durably (see writeJsonDurably). */
export function writeRunRecord(dir: string, record: RunRecord): void {
  writeJsonDurably(dir, RUN_FILE, record);
}

/**
 * Write `<dir>/<name>` as JSON, whole and durably: to a temporary file (mode 0600), flushed to disk, then
 * renamed over the old one, so a reader — or a restart after a crash — sees the old file or the new one,
 * never half of one; on failure (a full disk) the temporary file is removed and the error thrown. The folder is made (mode 0700) when missing.
 */
export function writeJsonDurably(dir: string, name: string, value: unknown): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = join(dir, `${name}.tmp`);
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, join(dir, name));
  } catch (error) {
    // A full disk must not leave the temporary file behind; the old file stays as it was.
    rmSync(temporary, { force: true });
    throw error;
  }
}
