import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { ContainerRuntime } from '../../core/run/runtime.js';
import { LABEL_RUN } from '../../core/run/sweep-orphans.js';
import { waitFor, workspace } from './run-helpers.js';

/** The built `dagger-wf`. */
export const CLI = resolve('dist/cli.js');

// Loaded before the CLI: reports the process's peak memory on stderr as it exits.
const REPORT_PEAK_MEMORY =
  'data:text/javascript,process.on("exit",()=>process.stderr.write(`peak-rss-kib=${process.resourceUsage().maxRSS}\\n`))';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The folder given as XDG_STATE_HOME: run folders are under dagger-wf/runs/. */
  state: string;
  /** The CLI process's peak resident memory, in MiB. */
  peakMiB: number;
}

/**
 * Run `dagger-wf` to its end without buffering limits (a run may print hundreds of MB on stderr, which is
 * counted, not kept, past `keepBytes`).
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  keepBytes = 4 * 1024 * 1024,
): Promise<CliRun> {
  const state = workspace({});
  const child = spawn(process.execPath, ['--import', REPORT_PEAK_MEMORY, '--', CLI, ...args], {
    env: { ...process.env, XDG_STATE_HOME: state, ...env },
  });
  const stdout = new HeadAndTail(keepBytes);
  const stderr = new HeadAndTail(keepBytes);
  child.stdout.on('data', (data: Buffer) => stdout.add(data.toString()));
  child.stderr.on('data', (data: Buffer) => stderr.add(data.toString()));
  return new Promise((done) =>
    child.on('close', (code) => {
      const text = stderr.text();
      const peak = /peak-rss-kib=(\d+)\n/.exec(text);
      done({
        code,
        stdout: stdout.text(),
        stderr: text.replace(/peak-rss-kib=\d+\n/, ''),
        state,
        peakMiB: Number(peak?.[1] ?? NaN) / 1024,
      });
    }),
  );
}

/** A `dagger-wf run` going on in the background. */
export interface BackgroundCli {
  child: ChildProcess;
  runId: string;
  exited: Promise<number | null>;
  output: () => { stdout: string; stderr: string };
}

/**
 * Start `dagger-wf` with `args` in the background and wait until its run id is printed and `containers` of
 * its run are running on `runtime` (the engine it was pointed at).
 */
export async function startCliRun(
  args: string[],
  runtime: ContainerRuntime,
  containers: number,
  env: Record<string, string> = {},
): Promise<BackgroundCli> {
  const child = spawn(process.execPath, ['--', CLI, ...args], { env: { ...process.env, ...env } });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  await waitFor(() => /run (\S+):/.test(stderr), 'the run id on stderr');
  const runId = /run (\S+):/.exec(stderr)?.[1] ?? '';
  let running = 0;
  await waitFor(() => {
    void runtime
      .listContainers({ [LABEL_RUN]: runId })
      .then((list) => (running = list.filter((c) => c.state === 'running').length))
      .catch(() => undefined);
    return running === containers;
  }, `${containers} running containers`);
  return { child, runId, exited, output: () => ({ stdout, stderr }) };
}

/** The first and the last `limit / 2` characters of a stream, with a marker where the middle was left out. */
class HeadAndTail {
  private head = '';
  private tail = '';
  private skipped = false;

  constructor(private readonly limit: number) {}

  add(text: string): void {
    if (this.head.length < this.limit / 2) {
      this.head += text;
      return;
    }
    this.tail += text;
    if (this.tail.length > this.limit) {
      this.tail = this.tail.slice(-this.limit / 2);
      this.skipped = true;
    }
  }

  text(): string {
    return this.head + (this.skipped ? '\n[… left out by the test …]\n' : '') + this.tail;
  }
}
