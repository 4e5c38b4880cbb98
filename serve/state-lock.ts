import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../core/run/process-alive.js';

/** Another live server uses the state folder: printed as one line, exit code 2. */
export class StateLockError extends Error {}

/**
 * One server per state folder: at start it ends every execution it finds unfinished as interrupted, which
 * would be wrong for a second server's running executions. The lock is a pid file; a file left by a killed
 * server names a dead process and is taken over.
 */
export function lockStateDir(stateDir: string): { release(): void } {
  const path = join(stateDir, 'serve.pid');
  const mine = String(process.pid);
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, mine);
    closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(path, 'utf8').trim());
    if (holder !== process.pid && isProcessAlive(holder)) {
      throw new StateLockError(
        `another dagger-wf serve (pid ${holder}) uses the state folder ${stateDir}: stop it, or pass --state-dir (delete ${path} if that process is not a dagger-wf serve)`,
      );
    }
    writeFileSync(path, mine, { mode: 0o600 });
  }
  return {
    release() {
      try {
        if (readFileSync(path, 'utf8').trim() === mine) rmSync(path, { force: true });
      } catch {
        // Already gone.
      }
    },
  };
}
