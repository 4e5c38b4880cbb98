// npm run bench: full validation (parseWorkflow + validateWorkflow) beside `yaml`'s bare parseDocument on the
// same text, for generated workflows of 100, 1,000 and 2,000 steps. Target: ratio ≤ 1.3 (issue 2).
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { validateWorkflow } from '../core/validate/validate-workflow.js';

const SIZES = [100, 1000, 2000];
const WARM_UP_RUNS = 5;
const MEASURED_RUNS = 21;

/** About 12 lines per step: environment with interpolations, several depends_on, a command and volumes. */
export function generateBenchWorkflow(steps: number): string {
  const lines = [
    'name: Benchmark workflow',
    'description: Generated for npm run bench',
    'inputs:',
    '  region:',
    '    default: eu-west-1',
    'container_config:',
    '  image: python:3.9-slim',
    'steps:',
  ];
  for (let i = 0; i < steps; i++) {
    const deps = [i - 1, i - 2, i - 7].filter((d) => d >= 0);
    lines.push(
      `  - id: step-${i}`,
      `    name: Step ${i}`,
      `    image: ${i % 3 ? 'python:3.9-slim' : 'node:18-alpine'}`,
      `    command: ["python", "run.py", "--index", "${i}"]`,
      '    environment:',
      `      REGION: "\${inputs.region}"`,
      `      HOME_DIR: "\${HOME:-/root}/work-${i}"`,
    );
    if (deps.length) lines.push(`      PREVIOUS: "\${steps.step-${deps[0]}.outputs.result}"`);
    lines.push('    volumes:', '      - source: ./data', `        target: /data/${i}`);
    if (deps.length) lines.push(`    depends_on: [${deps.map((d) => `step-${d}`).join(', ')}]`);
  }
  lines.push('outputs:', '  - name: last', `    value: "\${steps.step-${steps - 1}.outputs.result}"`, '');
  return lines.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Sample {
  wall: number;
  cpu: number;
}

/**
 * Wall-clock and CPU time (user + system, ms) of one run. With `--expose-gc`, a full GC runs first and the
 * bench then pauses briefly, so the collector's background sweeping is not billed to the measured run.
 */
async function time(run: () => unknown): Promise<Sample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

async function measure(text: string): Promise<{ bare: Sample; full: Sample }> {
  const bare: Sample[] = [];
  const full: Sample[] = [];
  for (let run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
    // Alternate the two so both see the same machine state (JIT, CPU frequency, other load).
    const bareSample = await time(() => parseDocument(text));
    const fullSample = await time(() => validateWorkflow(parseWorkflow(text)));
    if (run >= WARM_UP_RUNS) {
      bare.push(bareSample);
      full.push(fullSample);
    }
  }
  const medianOf = (samples: Sample[]) => ({
    wall: median(samples.map((s) => s.wall)),
    cpu: median(samples.map((s) => s.cpu)),
  });
  return { bare: medianOf(bare), full: medianOf(full) };
}

async function main(): Promise<void> {
  const rows: string[][] = [
    [
      'steps',
      'lines',
      'yaml parseDocument',
      'parse + validate',
      'ratio',
      'CPU: yaml',
      'CPU: ours',
      'CPU ratio',
    ],
  ];
  for (const steps of SIZES) {
    const text = generateBenchWorkflow(steps);
    const problems = validateWorkflow(parseWorkflow(text));
    if (problems.length) throw new Error(`generated workflow is not clean: ${problems[0].message}`);
    const { bare, full } = await measure(text);
    rows.push([
      String(steps),
      String(text.split('\n').length),
      `${bare.wall.toFixed(1)} ms`,
      `${full.wall.toFixed(1)} ms`,
      (full.wall / bare.wall).toFixed(2),
      `${bare.cpu.toFixed(1)} ms`,
      `${full.cpu.toFixed(1)} ms`,
      (full.cpu / bare.cpu).toFixed(2),
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column])).join('  '));
  console.log(
    `median of ${MEASURED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs${'gc' in globalThis ? ', full GC and a pause before each' : ''}; ` +
      'CPU = user + system time of the process (steadier than wall time on a busy machine); target ratio ≤ 1.3',
  );
}

void main();
