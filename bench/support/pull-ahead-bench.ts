// bench:run part (4): a chain of 3 steps on 3 images absent locally, pulled ahead at the start of the run vs each
// pulled when its step is ready. The images (the test image plus a layer of random bytes each) come from a
// registry on loopback, straight and through a proxy that limits each connection as a remote registry would.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../core/run/events.js';
import type { ContainerRuntime } from '../../core/run/runtime.js';
import { startRun } from '../../core/run/run-workflow.js';
import {
  buildImageWithRandomLayer,
  removeImagesLocally,
  startProxy,
  startRegistryServer,
  type LoopbackRegistry,
} from '../../test/docker/registry-server.js';

const LAYER_BYTES = Number(process.env.BENCH_PULL_MB ?? 40) * 1e6;
/** Per connection, through the proxy; 0 leaves that half out. */
const LIMITED_RATE = Number(process.env.BENCH_PULL_RATE_MB ?? 10) * 1e6;
const STEP_SECONDS = 1;

interface Measure {
  totalMs: number;
  /** From the start of each image's pull to its end. */
  pullMs: number[];
  /** Each step's time from its container's start to its end. */
  stepMs: number[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

async function runChain(runtime: ContainerRuntime, file: string, pullAhead: boolean): Promise<Measure> {
  const events: RunEvent[] = [];
  const started = performance.now();
  const handle = startRun({ workflowFile: file, runtime, hostEnv: {}, pullAhead });
  handle.onEvent((event) => events.push(event));
  const result = await handle.result;
  const totalMs = performance.now() - started;
  if (result.status !== 'succeeded') throw new Error(`pull bench run ${result.status}`);
  const firstTime = (match: (event: RunEvent) => boolean) => Date.parse(events.find(match)?.time ?? '');
  const pullMs = [...new Set(events.flatMap((e) => (e.type === 'imagePull' ? [e.image] : [])))].map(
    (image) =>
      firstTime((e) => e.type === 'imagePull' && e.image === image && e.phase === 'pulled') -
      firstTime((e) => e.type === 'imagePull' && e.image === image && e.phase === 'pulling'),
  );
  // From the container's start (stepStarted comes once the image is there) to the step's end: a step's
  // started_at would count the wait for its pull too.
  const stepMs = Object.keys(result.steps).map(
    (id) =>
      firstTime((e) => e.type === 'stepFinished' && e.stepId === id) -
      firstTime((e) => e.type === 'stepStarted' && e.stepId === id),
  );
  return { totalMs, pullMs, stepMs };
}

/** Both ways, alternately, `repeats` times, with the images removed locally before each run. */
async function compare(
  runtime: ContainerRuntime,
  dir: string,
  registry: LoopbackRegistry,
  names: string[],
  label: string,
  repeats: number,
): Promise<string[][]> {
  const images = names.map((name) => `${registry.host}/${name}`);
  const steps = images.map(
    (image, i) =>
      `  - { id: s${i}, image: "${image}", command: [sleep, "${STEP_SECONDS}"]${i ? `, depends_on: [s${i - 1}]` : ''} }`,
  );
  const file = join(dir, `pulls-${registry.port}.dagger.yaml`);
  writeFileSync(file, `name: pulls\nsteps:\n${steps.join('\n')}\n`);
  const ahead: Measure[] = [];
  const atStart: Measure[] = [];
  for (let i = 0; i < repeats; i++) {
    process.stderr.write(`bench: (4) ${label}, round ${i + 1}/${repeats}\n`);
    removeImagesLocally(images);
    ahead.push(await runChain(runtime, file, true));
    removeImagesLocally(images);
    atStart.push(await runChain(runtime, file, false));
  }
  removeImagesLocally(images);
  const total = (runs: Measure[]) => median(runs.map((run) => run.totalMs));
  const runsOf = (runs: Measure[]) => runs.map((run) => seconds(run.totalMs)).join(', ');
  const longest = median(ahead.map((run) => Math.max(...run.pullMs)));
  const stepsAhead = median(ahead.map((run) => sum(run.stepMs)));
  const pullsOneByOne = median(atStart.map((run) => sum(run.pullMs)));
  const stepsAtStart = median(atStart.map((run) => sum(run.stepMs)));
  const ratio = total(ahead) / total(atStart);
  return [
    [
      `(4) ${label}: pulled ahead (median)`,
      seconds(total(ahead)),
      `runs: ${runsOf(ahead)}; longest pull ${seconds(longest)} + steps ${seconds(stepsAhead)}`,
    ],
    [
      `(4) ${label}: pulled at step start (median)`,
      seconds(total(atStart)),
      `runs: ${runsOf(atStart)}; pulls ${seconds(pullsOneByOne)} in all + steps ${seconds(stepsAtStart)}`,
    ],
    [
      `(4) ${label}: ratio ahead / at step start`,
      ratio.toFixed(2),
      ratio < 1 ? 'pull ahead faster' : 'NOT faster',
    ],
  ];
}

/** Part (4) of bench:run; returns its rows of the table. */
export async function pullAheadBench(
  runtime: ContainerRuntime,
  dir: string,
  repeats: number,
): Promise<string[][]> {
  const registry = await startRegistryServer(join(dir, 'registry'));
  const proxy = LIMITED_RATE > 0 ? await startProxy(registry, { bytesPerSecond: LIMITED_RATE }) : undefined;
  const names = ['a', 'b', 'c'].map((name) => `dagger-wf-bench/${name}-${process.pid}:1`);
  try {
    process.stderr.write(`bench: (4) pushing 3 images with ${LAYER_BYTES / 1e6} MB of random data each\n`);
    for (const name of names) {
      const local = `${registry.host}/${name}`;
      buildImageWithRandomLayer(local, LAYER_BYTES);
      execFileSync('docker', ['push', local], { stdio: 'ignore' });
    }
    const size = `3-step chain, 3 images × ${LAYER_BYTES / 1e6} MB`;
    const rows = await compare(runtime, dir, registry, names, `${size}, loopback`, repeats);
    if (proxy)
      rows.push(
        ...(await compare(
          runtime,
          dir,
          proxy,
          names,
          `${size}, ${LIMITED_RATE / 1e6} MB/s a connection`,
          repeats,
        )),
      );
    return rows;
  } finally {
    removeImagesLocally(
      names.flatMap((name) => [`${registry.host}/${name}`, ...(proxy ? [`${proxy.host}/${name}`] : [])]),
    );
    await proxy?.close();
    registry.stop();
  }
}
