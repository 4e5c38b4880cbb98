// npm run bench: full validation (parseWorkflow + validateWorkflow) beside `yaml`'s bare parseDocument on the
// same text, for generated workflows of 100, 1,000 and 2,000 steps (test/lsp/support's generator, shared with the
// LSP tests and `npm run bench:lsp`). Target: ratio ≤ 1.3 (issue 2).
// Then the cost of validating files of 1 to 8 MiB (the size limit) and of one far above it, each in a fresh
// process: time and peak memory should grow in proportion to the file, and the large one cost nothing (issue 8).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MAX_WORKFLOW_BYTES } from '../core/parse/workflow-size.js';
import { parseDocument } from 'yaml';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { validateWorkflow } from '../core/validate/validate-workflow.js';
import { generateWorkflow } from '../test/lsp/support/generate-workflow.js';

const SIZES = [100, 1000, 2000];
const WARM_UP_RUNS = 5;
const MEASURED_RUNS = 21;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Sample {
  wall: number;
  cpu: number;
}

/**
 * Wall-clock and CPU time (user + system, ms) of one run. Runs go back to back: forcing a GC and pausing
 * between them was tried, and made a busy machine's numbers noisier (cold caches after each pause).
 */
function time(run: () => unknown): Sample {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

interface Measurement {
  bare: Sample;
  full: Sample;
  /** Median of the ratios of back-to-back pairs: each pair shares the machine's state of the moment. */
  pairRatio: Sample;
  /** Fastest full run over fastest bare run: the least disturbed estimate of the intrinsic cost. */
  bestRatio: number;
}

function measure(text: string): Measurement {
  const pairs: { bare: Sample; full: Sample }[] = [];
  for (let run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
    // Alternate the two, and which goes first, so both see the same machine state (JIT, CPU frequency, load).
    const bareFirst = run % 2 === 0;
    const first = time(() => (bareFirst ? parseDocument(text) : validateWorkflow(parseWorkflow(text))));
    const second = time(() => (bareFirst ? validateWorkflow(parseWorkflow(text)) : parseDocument(text)));
    if (run >= WARM_UP_RUNS)
      pairs.push(bareFirst ? { bare: first, full: second } : { bare: second, full: first });
  }
  const bare = pairs.map((pair) => pair.bare);
  const full = pairs.map((pair) => pair.full);
  const medianOf = (samples: Sample[]) => ({
    wall: median(samples.map((s) => s.wall)),
    cpu: median(samples.map((s) => s.cpu)),
  });
  return {
    bare: medianOf(bare),
    full: medianOf(full),
    pairRatio: {
      wall: median(pairs.map((pair) => pair.full.wall / pair.bare.wall)),
      cpu: median(pairs.map((pair) => pair.full.cpu / pair.bare.cpu)),
    },
    bestRatio: Math.min(...full.map((s) => s.wall)) / Math.min(...bare.map((s) => s.wall)),
  };
}

function main(): void {
  const rows: string[][] = [
    [
      'steps',
      'lines',
      'yaml parseDocument',
      'parse + validate',
      'ratio',
      'pair ratio',
      'best ratio',
      'CPU pair ratio',
    ],
  ];
  for (const steps of SIZES) {
    const text = generateWorkflow(steps);
    const problems = validateWorkflow(parseWorkflow(text));
    if (problems.length) throw new Error(`generated workflow is not clean: ${problems[0]?.message}`);
    const { bare, full, pairRatio, bestRatio } = measure(text);
    rows.push([
      String(steps),
      String(text.split('\n').length),
      `${bare.wall.toFixed(1)} ms`,
      `${full.wall.toFixed(1)} ms`,
      (full.wall / bare.wall).toFixed(2),
      pairRatio.wall.toFixed(2),
      bestRatio.toFixed(2),
      pairRatio.cpu.toFixed(2),
    ]);
  }
  printTable(rows);
  console.log(
    [
      `Times: median wall clock of ${MEASURED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs. ratio: of the medians.`,
      'pair ratio: median of back-to-back pairs. best ratio: fastest over fastest. CPU: user + system time.',
      'Target: ratio ≤ 1.3 (on a busy machine, trust the pair and best ratios more than the plain one).',
    ].join('\n'),
  );
}

/** A generated workflow of about `bytes` bytes (never more), and its step count. */
function workflowOfSize(bytes: number): { text: string; steps: number } {
  const perStep = generateWorkflow(1000).length / 1000;
  let steps = Math.floor(bytes / perStep);
  let text = generateWorkflow(steps);
  while (Buffer.byteLength(text) > bytes) text = generateWorkflow((steps = Math.floor(steps * 0.99)));
  return { text, steps };
}

interface Cost {
  wallMs: number;
  cpuMs: number;
  peakRssKb: number;
  diagnostics: number;
}

function measureFile(file: string): Cost {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(__dirname, 'support/measure-validate.ts'), file],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`measure-validate failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Cost;
}

function sizeTable(): void {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-bench-size-'));
  try {
    const empty = join(dir, 'empty.dagger.yaml');
    writeFileSync(empty, 'steps:\n  - id: a\n    image: alpine\n');
    const baseline = measureFile(empty).peakRssKb;
    const rows = [['file', 'steps', 'wall', 'CPU', 'peak RSS', 'above baseline per MiB of file']];
    const mib = 1024 * 1024;
    for (const size of [1, 2, 4, 8]) {
      const { text, steps } = workflowOfSize(size === 8 ? MAX_WORKFLOW_BYTES : size * mib);
      const file = join(dir, `${size}.dagger.yaml`);
      writeFileSync(file, text);
      const cost = measureFile(file);
      if (cost.diagnostics) throw new Error(`generated workflow of ${size} MiB is not clean`);
      const bytes = Buffer.byteLength(text);
      rows.push([
        `${(bytes / mib).toFixed(2)} MiB`,
        String(steps),
        `${cost.wallMs.toFixed(0)} ms`,
        `${cost.cpuMs.toFixed(0)} ms`,
        `${(cost.peakRssKb / 1024).toFixed(0)} MiB`,
        `${((cost.peakRssKb - baseline) / 1024 / (bytes / mib)).toFixed(0)} MiB`,
      ]);
    }
    const huge = join(dir, 'huge.dagger.yaml');
    writeFileSync(huge, '');
    truncateSync(huge, 60 * mib);
    const refused = measureFile(huge);
    rows.push([
      '60.00 MiB',
      'refused',
      `${refused.wallMs.toFixed(0)} ms`,
      `${refused.cpuMs.toFixed(0)} ms`,
      `${(refused.peakRssKb / 1024).toFixed(0)} MiB`,
      '-',
    ]);
    console.log('');
    printTable(rows);
    console.log(
      [
        `Each file validated in a fresh process (readWorkflowFile + validateWorkflow, as dagger-wf validate).`,
        `Baseline: ${(baseline / 1024).toFixed(0)} MiB for a 3-line workflow. Workflow files above ${MAX_WORKFLOW_BYTES / mib} MiB are refused unread.`,
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows of cells, right-aligned in columns as wide as their widest cell. */
function printTable(rows: string[][]): void {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  for (const row of rows)
    console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
}

main();
sizeTable();
