// npm run bench:debug — the debugger's cost, side by side in one run (BENCH_ONLY=1b,2 runs some parts):
//  (1) a 40-step chain under the debug controller with no breakpoints vs the same run without it (target ≤ 1.05×)
//  (1b) the same pair on the fake runtime of the unit tests: the debugger's own cost per step, without the engine's
//      noise (on a loaded machine the engine's timing varies far more than the debugger costs)
//  (2) from the last dependency finishing to the `stopped` event at a breakpoint, through dist/debug-adapter.js
//      on stdio as a DAP client sees it (target ≤ 50 ms p95)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DebugController } from '../core/debug/debug-controller.js';
import { debugTargetOf } from '../core/debug/debug-target.js';
import { createDockerRuntime } from '../core/docker/create-docker-runtime.js';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { startRun } from '../core/run/run-workflow.js';
import { percentile } from './support/latency.js';
import { FakeContainerRuntime } from '../test/unit/support/fake-container-runtime.js';
import type { ContainerRuntime } from '../core/run/runtime.js';

const IMAGE = 'dagger-test/busybox:latest';
const CHAIN_REPEATS = Number(process.env.BENCH_CHAIN_REPEATS ?? 5);
const STOP_SAMPLES = Number(process.env.BENCH_STOP_SAMPLES ?? 20);
const FAKE_REPEATS = Number(process.env.BENCH_FAKE_REPEATS ?? 40);
const runtime = createDockerRuntime();
const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-bench-debug-'));
const rows: string[][] = [];
/** A plain chain step's median time on Docker, once (1) has run. */
let dockerStepMs: number | undefined;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timedRun(
  file: string,
  text: string,
  debug: boolean,
  engine: ContainerRuntime = runtime,
): Promise<number> {
  const controller = debug
    ? new DebugController(
        debugTargetOf(parseWorkflow(text)),
        {},
        { stopped: () => undefined, output: () => undefined },
      )
    : undefined;
  const started = performance.now();
  const handle = startRun({
    workflowFile: file,
    text,
    runtime: engine,
    hostEnv: {},
    maxParallel: 1,
    hooks: controller?.hooks(),
  });
  if (controller) {
    handle.onEvent((event) => controller.handleEvent(event));
    controller.attach({ rerunSteps: (ids) => handle.rerunSteps(ids), cancel: () => handle.cancel() });
  }
  const result = await handle.result;
  if (result.status !== 'succeeded') throw new Error(`chain run ${result.status}`);
  return performance.now() - started;
}

async function chainOverhead(): Promise<void> {
  const steps = Array.from(
    { length: 40 },
    (_, i) => `  - { id: s${i}, command: ["true"]${i ? `, depends_on: [s${i - 1}]` : ''} }`,
  );
  const text = `name: chain\ncontainer_config: { image: ${IMAGE} }\nsteps:\n${steps.join('\n')}\n`;
  const file = join(dir, 'chain.dagger.yaml');
  writeFileSync(file, text);
  const plain: number[] = [];
  const debugged: number[] = [];
  // Alternate, so a slower moment of the shared machine hits both alike.
  for (let i = 0; i < CHAIN_REPEATS; i++) {
    process.stderr.write(`bench: (1) chain pair ${i + 1}/${CHAIN_REPEATS}\n`);
    plain.push(await timedRun(file, text, false));
    debugged.push(await timedRun(file, text, true));
  }
  const ratio = median(debugged) / median(plain);
  const best = Math.min(...debugged) / Math.min(...plain);
  dockerStepMs = median(plain) / 40;
  rows.push([
    '(1) 40-step chain, no debugger (median)',
    seconds(median(plain)),
    plain.map(seconds).join(', '),
  ]);
  rows.push([
    '(1) same, under the debugger, no breakpoints',
    seconds(median(debugged)),
    debugged.map(seconds).join(', '),
  ]);
  rows.push([
    '(1) ratio debugger / plain, medians',
    ratio.toFixed(3),
    ratio <= 1.05 ? 'target ≤ 1.05: met' : 'target ≤ 1.05: MISSED',
  ]);
  rows.push([
    '(1) ratio, minimums',
    best.toFixed(3),
    best <= 1.05 ? 'target ≤ 1.05: met' : 'target ≤ 1.05: MISSED',
  ]);
}

async function fakeChainOverhead(): Promise<void> {
  const steps = Array.from(
    { length: 40 },
    (_, i) => `  - { id: s${i}, command: ["true"]${i ? `, depends_on: [s${i - 1}]` : ''} }`,
  );
  const text = `name: chain\ncontainer_config: { image: busybox }\nsteps:\n${steps.join('\n')}\n`;
  const file = join(dir, 'fake-chain.dagger.yaml');
  const plain: number[] = [];
  const debugged: number[] = [];
  process.stderr.write(`bench: (1b) ${FAKE_REPEATS} pairs on the fake runtime\n`);
  for (let i = 0; i < FAKE_REPEATS; i++) {
    plain.push(await timedRun(file, text, false, new FakeContainerRuntime()));
    debugged.push(await timedRun(file, text, true, new FakeContainerRuntime()));
  }
  const ratio = median(debugged) / median(plain);
  const perStep = (median(debugged) - median(plain)) / 40;
  rows.push(['(1b) same chain, fake runtime: no debugger (median)', `${median(plain).toFixed(1)} ms`, '']);
  rows.push([
    '(1b) fake runtime, under the debugger',
    `${median(debugged).toFixed(1)} ms`,
    `${perStep.toFixed(3)} ms per step`,
  ]);
  rows.push([
    '(1b) ratio on the fake runtime (no container work at all)',
    ratio.toFixed(3),
    'the debugger against nothing',
  ]);
  if (dockerStepMs !== undefined) {
    const implied = 1 + perStep / dockerStepMs;
    rows.push([
      '(1b) implied ratio on Docker: 1 + cost per step / Docker step',
      implied.toFixed(4),
      implied <= 1.05 ? 'target ≤ 1.05: met' : 'target ≤ 1.05: MISSED',
    ]);
  }
}

async function stopLatency(): Promise<void> {
  const file = join(dir, 'stop.dagger.yaml');
  writeFileSync(
    file,
    `name: stop\ncontainer_config: { image: ${IMAGE} }\nsteps:\n  - { id: a, command: ["true"] }\n  - { id: b, command: ["true"], depends_on: [a] }\n`,
  );
  const samples: number[] = [];
  for (let i = 0; i < STOP_SAMPLES; i++) {
    const dc = new DebugClient(process.execPath, resolve('dist/debug-adapter.js'), 'dagger-workflow', {
      env: { ...process.env, XDG_STATE_HOME: join(dir, 'state') },
    });
    dc.defaultTimeout = 60_000;
    await dc.start();
    let finishedA = 0;
    dc.on('output', (event: DebugProtocol.OutputEvent) => {
      if (event.body.output.startsWith('✓ a succeeded')) finishedA = performance.now();
    });
    const stopped = dc.waitForEvent('stopped').then(() => performance.now());
    await Promise.all([
      dc
        .waitForEvent('initialized')
        .then(() => dc.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line: 5 }] }))
        .then(() => dc.configurationDoneRequest()),
      dc.launch({ workflow: file }),
    ]);
    const at = await stopped;
    if (!finishedA) throw new Error('no "a succeeded" line before the stop');
    samples.push(at - finishedA);
    await dc.disconnectRequest({ terminateDebuggee: true });
    await dc.stop();
  }
  const p95 = percentile(samples, 95);
  rows.push([
    `(2) last dependency finished → stopped, ${STOP_SAMPLES} runs (p95)`,
    `${p95.toFixed(1)} ms`,
    `median ${percentile(samples, 50).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms; ${p95 <= 50 ? 'target ≤ 50 ms: met' : 'target ≤ 50 ms: MISSED'}`,
  ]);
}

async function main(): Promise<void> {
  execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' });
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`Node ${process.version}, ${availableParallelism()} CPUs, load average ${load}\n`);
  const only = new Set((process.env.BENCH_ONLY ?? '1,1b,2').split(','));
  if (only.has('1')) await chainOverhead();
  if (only.has('1b')) await fakeChainOverhead();
  if (only.has('2')) await stopLatency();
  const after = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`load average at the end ${after}\n`);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]?.length ?? 0)));
  for (const row of [['measure', 'value', 'notes'], ...rows])
    console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | '));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
