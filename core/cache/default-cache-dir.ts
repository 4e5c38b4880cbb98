import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$DAGGER_WF_CACHE_DIR`, else `$XDG_CACHE_HOME/dagger-wf/steps`, else `~/.cache/dagger-wf/steps`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DAGGER_WF_CACHE_DIR) return env.DAGGER_WF_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dagger-wf', 'steps');
}
