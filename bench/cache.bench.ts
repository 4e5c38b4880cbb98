// npm run bench:cache — the step cache against the real Docker engine, figures side by side in one run:
//  (1) a 40-step chain with cache: true: the first run (cache empty) vs the second (every step cached),
//      through the built CLI, target ≥ 20× faster
//  (2) the cost of a cache key whose step mounts a read-only volume of 10,000 files
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { computeCacheKey } from '../core/cache/cache-key.js';
import { effectiveStep } from '../core/model/effective-step.js';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { resolveStep } from '../core/run/resolve-step.js';
import { chainWorkflow } from '../test/docker/chain-workflow.js';

const IMAGE = 'dagger-test/busybox:latest';
const CLI = resolve('dist/cli.js');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 2);
const FILES = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-bench-cache-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** One CLI run of the chain with this cache folder; milliseconds. */
function timedRun(file: string, cacheDir: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--', CLI, 'run', file, '--no-history'], {
    encoding: 'utf8',
    env: { ...process.env, DAGGER_WF_CACHE_DIR: cacheDir },
  });
  if (result.status !== 0) throw new Error(`run failed: ${result.stderr}`);
  return performance.now() - started;
}

function chainFigures(): string[] {
  const file = join(dir, 'chain.dagger.yaml');
  writeFileSync(file, chainWorkflow(40, IMAGE));
  const uncached: number[] = [];
  const cached: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const cacheDir = join(dir, `cache-${repeat}`);
    uncached.push(timedRun(file, cacheDir));
    cached.push(timedRun(file, cacheDir));
  }
  const ratio = median(uncached) / median(cached);
  return [
    `40-step chain, uncached (median of ${REPEATS}): ${seconds(median(uncached))}`,
    `40-step chain, cached   (median of ${REPEATS}): ${seconds(median(cached))}`,
    `speed-up: ${ratio.toFixed(1)}× (target ≥ 20×)`,
  ];
}

function keyFigures(): string[] {
  const volume = join(dir, 'volume');
  for (let index = 0; index < FILES; index++) {
    const folder = join(volume, `d${index % 100}`);
    if (index < 100) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `f${index}.txt`), `file ${index}\n`.repeat(8));
  }
  const text = `steps:\n  - id: s\n    image: ${IMAGE}\n    command: [ls]\n    volumes: [{ source: ${volume}, target: /src, read_only: true }]\n`;
  const [parsed] = parseWorkflow(text).steps;
  if (!parsed) throw new Error('no step');
  const step = effectiveStep(parsed, undefined);
  const resolved = resolveStep(step, { env: {}, inputs: {}, stepOutputs: {} }, dir);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  const times: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const started = performance.now();
    const key = computeCacheKey({
      step,
      spec: resolved.spec,
      imageDigest: 'sha256:bench',
      stepOutputs: {},
      holdsSecret: () => false,
      secretKey: Buffer.alloc(32),
    });
    times.push(performance.now() - started);
    if (!key.cacheable) throw new Error(key.reason);
  }
  return [
    `key of a step with a read-only volume of ${FILES} files (median of 5): ${median(times).toFixed(0)} ms`,
  ];
}

try {
  const lines = [...chainFigures(), ...keyFigures()];
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  process.stdout.write(`${lines.join('\n')}\nload average: ${load}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
