import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where runs are recorded when no folder is given: `$XDG_STATE_HOME/dagger-wf/runs`, else
 * `~/.local/state/dagger-wf/runs`. The CLI, the debug adapter and `dagger-wf shell` share it.
 */
export function defaultHistoryDir(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(state, 'dagger-wf', 'runs');
}
