/** Running `dagger-wf` with its own state and cache folders, and asking the engine what a run started. */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { LABEL_RUN } from '../../core/run/sweep-orphans.js';
import { waitFor } from './run-helpers.js';

export const CLI = resolve('dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The --json result (when asked for). */
  json: {
    run_id: string;
    parent_run_id?: string;
    status: string;
    outputs: Record<string, string>;
    steps: Record<string, { status: string; cached?: true; outputs: Record<string, string> }>;
  };
}

/** The folders one test's runs share: history (XDG_STATE_HOME) and step cache. */
export interface CliHome {
  state: string;
  cache: string;
}

export function cliEnv(home: CliHome): NodeJS.ProcessEnv {
  return { ...process.env, XDG_STATE_HOME: home.state, DAGGER_WF_CACHE_DIR: home.cache };
}

/** `dagger-wf ARGS` to the end. */
export function cli(home: CliHome, args: string[]): CliRun {
  const result = spawnSync(process.execPath, ['--', CLI, ...args], { encoding: 'utf8', env: cliEnv(home) });
  let json: CliRun['json'] = { run_id: '', status: '', outputs: {}, steps: {} };
  if (args.includes('--json') && result.stdout.trim().startsWith('{'))
    json = JSON.parse(result.stdout) as CliRun['json'];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json };
}

/** `dagger-wf ARGS` in the background (to be killed). */
export function cliInBackground(home: CliHome, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--', CLI, ...args], { env: cliEnv(home), stdio: 'ignore' });
}

/**
 * Watches the engine's events while runs happen (`docker events`, streamed: the engine keeps too few past
 * events on a busy machine to ask afterwards). `startedSteps(runId)` first tags an image as a marker and waits
 * for its event, so every container start before it has been seen.
 */
export class EngineEvents {
  private readonly lines: string[] = [];
  private readonly watcher: ChildProcess;

  constructor() {
    this.watcher = spawn('docker', [
      'events',
      '--format',
      `{{.Type}} {{.Action}} {{index .Actor.Attributes "${LABEL_RUN}"}} {{index .Actor.Attributes "dagger-wf.step"}} {{index .Actor.Attributes "name"}}`,
    ]);
    let partial = '';
    this.watcher.stdout?.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      this.lines.push(...complete);
    });
  }

  async startedSteps(runId: string, image: string): Promise<string[]> {
    assert.ok(runId, 'no run id');
    const marker = `dagger-wf-cache-test/marker:${randomBytes(4).toString('hex')}`;
    execFileSync('docker', ['tag', image, marker]);
    try {
      await waitFor(
        () => this.lines.some((line) => line.startsWith('image tag') && line.endsWith(marker)),
        'the marker event',
        60_000,
      );
    } finally {
      spawnSync('docker', ['rmi', marker], { stdio: 'ignore' });
    }
    return this.lines.flatMap((line) => {
      const [type, action, run, step] = line.split(' ');
      return type === 'container' && action === 'start' && run === runId && step ? [step] : [];
    });
  }

  stop(): void {
    this.watcher.kill();
  }
}

/** The run folder of a run. */
export function runDir(home: CliHome, runId: string): string {
  return join(home.state, 'dagger-wf', 'runs', runId);
}

export { chainWorkflow } from './chain-workflow.js';
