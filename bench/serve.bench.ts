// npm run bench:serve — dagger-wf serve on loopback, each figure side by side with its reference in one run:
//  (1) GET /dagger/executions/{id} vs a bare Fastify route answering the same JSON, autocannon at 50 connections
//      (target: ≥ 0.5× its requests/s, p99 ≤ 10 ms)
//  (2) time from POST execute to the first container start vs from starting `dagger-wf run` to it (target ≤ +50 ms)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { machineLine, printTable } from './support/print-table.js';

const IMAGE = 'dagger-test/busybox:latest';
const CLI = resolve('dist/cli.js');
const TOKEN = 'bench-token';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const STARTS = Number(process.env.BENCH_STARTS ?? 8);
const CONNECTIONS = 50;
const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-bench-serve-'));
const rows: string[][] = [];
const children: ChildProcess[] = [];

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Spawn a process and resolve with it once it prints `listening on <url>`. */
function startListening(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolveStart, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/[^\s]+)/.exec(output)?.[1];
      if (url) resolveStart({ child, url });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)));
  });
}

async function load(url: string, headers: Record<string, string>) {
  // A short warm-up (JIT, connection setup) that is not counted.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.errors || result.non2xx)
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const auth = { authorization: `Bearer ${TOKEN}` };

async function api(url: string, path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

// ---------- (1) GET an execution vs a bare Fastify route ----------
async function getExecution(serveUrl: string): Promise<void> {
  const done = await api(serveUrl, '/dagger/workflows/one/execute?wait=120', { method: 'POST' });
  const path = `/dagger/executions/${String(done.execution_id)}`;
  const jsonFile = join(dir, 'execution.json');
  writeFileSync(jsonFile, JSON.stringify(await api(serveUrl, path)));
  const bare = await startListening(
    process.execPath,
    ['bench/support/bare-fastify.mjs', jsonFile],
    process.env,
  );
  const ours: { rps: number; p99: number }[] = [];
  const reference: { rps: number; p99: number }[] = [];
  // Alternate, so a busier moment of the shared machine hits both alike.
  for (let round = 1; round <= ROUNDS; round++) {
    progress(
      `(1) round ${round}/${ROUNDS}: bare Fastify and dagger-wf serve, ${SECONDS} s each at ${CONNECTIONS} connections`,
    );
    // Alternate which goes first too.
    if (round % 2) reference.push(await load(`${bare.url}/execution`, {}));
    ours.push(await load(`${serveUrl}${path}`, auth));
    if (!(round % 2)) reference.push(await load(`${bare.url}/execution`, {}));
  }
  bare.child.kill('SIGTERM');
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const oursRps = mean(ours.map((r) => r.rps));
  const bareRps = mean(reference.map((r) => r.rps));
  const oursP99 = median(ours.map((r) => r.p99));
  const each = (results: { rps: number; p99: number }[]) =>
    results.map((r) => `${Math.round(r.rps)} req/s p99 ${r.p99} ms`).join('; ');
  rows.push([
    '(1) GET /dagger/executions/{id}, dagger-wf serve',
    `${Math.round(oursRps)} req/s`,
    `p99 ${oursP99} ms, median of rounds (rounds: ${each(ours)})`,
  ]);
  rows.push([
    '(1) the same JSON from a bare Fastify route',
    `${Math.round(bareRps)} req/s`,
    `rounds: ${each(reference)}`,
  ]);
  const ratio = oursRps / bareRps;
  rows.push([
    '(1) ratio serve / bare',
    ratio.toFixed(2),
    `target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'MISSED'}; p99 target ≤ 10 ms: ${oursP99 <= 10 ? 'met' : 'MISSED'}`,
  ]);
}

// ---------- (2) request to first container start ----------
/** Container start events of this host's dagger-wf runs, as they come (the engine's own timestamps). */
function watchContainerStarts(): { starts: { ns: bigint; run: string; pid: string }[]; stop(): void } {
  const starts: { ns: bigint; run: string; pid: string }[] = [];
  const events = spawn('docker', [
    'events',
    '--filter',
    'type=container',
    '--filter',
    'event=start',
    '--filter',
    `label=dagger-wf.host=${hostname()}`,
    '--format',
    '{{json .}}',
  ]);
  children.push(events);
  createInterface({ input: events.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as {
      timeNano: number | string;
      Actor: { Attributes: Record<string, string> };
    };
    starts.push({
      ns: BigInt(event.timeNano),
      run: event.Actor.Attributes['dagger-wf.run'] ?? '',
      pid: event.Actor.Attributes['dagger-wf.pid'] ?? '',
    });
  });
  return { starts, stop: () => events.kill('SIGTERM') };
}

/** Wall-clock time now, in nanoseconds, comparable with the engine's event times. */
function nowNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
}

async function until<T>(find: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 5));
  }
}

async function firstContainerStart(serveUrl: string, workflowFile: string): Promise<void> {
  const watcher = watchContainerStarts();
  await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  const viaServe: number[] = [];
  const viaRun: number[] = [];
  progress(`(2) ${STARTS} × POST execute vs ${STARTS} × dagger-wf run, alternating`);
  for (let i = 0; i < STARTS; i++) {
    let started = nowNs();
    const accepted = await api(serveUrl, '/dagger/workflows/one/execute', { method: 'POST' });
    const id = String(accepted.execution_id);
    const served = await until(
      () => watcher.starts.find((start) => start.run === id),
      'the served run to start a container',
    );
    viaServe.push(Number(served.ns - started) / 1e6);
    await until(async () => {
      const execution = await api(serveUrl, `/dagger/executions/${id}`);
      return ['queued', 'running'].includes(String(execution.status)) ? undefined : execution;
    }, 'the served run to end');

    started = nowNs();
    const run = spawn(process.execPath, ['--', CLI, 'run', workflowFile], {
      env: { ...process.env, XDG_STATE_HOME: join(dir, 'cli-state') },
      stdio: 'ignore',
    });
    const pid = String(run.pid);
    const ran = await until(
      () => watcher.starts.find((start) => start.pid === pid),
      'dagger-wf run to start a container',
    );
    viaRun.push(Number(ran.ns - started) / 1e6);
    await new Promise((resolveExit) => run.on('exit', resolveExit));
  }
  watcher.stop();
  const ms = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  const difference = median(viaServe) - median(viaRun);
  rows.push([
    '(2) POST execute → first container start (median)',
    `${median(viaServe).toFixed(0)} ms`,
    `runs: ${ms(viaServe)}`,
  ]);
  rows.push([
    '(2) dagger-wf run → first container start (median)',
    `${median(viaRun).toFixed(0)} ms`,
    `runs: ${ms(viaRun)} (process start included)`,
  ]);
  rows.push([
    '(2) difference serve − run',
    `${difference >= 0 ? '+' : ''}${difference.toFixed(0)} ms`,
    `target ≤ +50 ms: ${difference <= 50 ? 'met' : 'MISSED'}`,
  ]);
}

async function main(): Promise<void> {
  execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' });
  console.log(machineLine());
  const workflows = join(dir, 'workflows');
  const workflowFile = join(workflows, 'one.dagger.yaml');
  execFileSync('mkdir', ['-p', workflows]);
  writeFileSync(workflowFile, `name: one\nsteps:\n  - { id: only, image: ${IMAGE}, command: ["true"] }\n`);
  const serve = await startListening(
    process.execPath,
    ['--', CLI, 'serve', workflows, '--port', '0', '--state-dir', join(dir, 'state')],
    {
      ...process.env,
      DAGGER_WF_TOKEN: TOKEN,
    },
  );
  await getExecution(serve.url);
  await firstContainerStart(serve.url, workflowFile);
  serve.child.kill('SIGTERM');
  printTable(rows);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  });
