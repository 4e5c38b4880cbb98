// npm run bench:export: `dagger-wf export argo` of the generated 2,000-step workflow (test/lsp/support's
// generator, shared with the other benchmarks), side by side in one run with the baseline that every export
// includes: parseWorkflow + validateWorkflow of the same text. Target: export ≤ 1 s (issue 14).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportArgo } from '../core/export/export-argo.js';
import { parseWorkflow } from '../core/parse/parse-workflow.js';
import { validateWorkflow } from '../core/validate/validate-workflow.js';
import { generateWorkflow } from '../test/lsp/support/generate-workflow.js';

const SIZES = [100, 1000, 2000];
const WARM_UP_RUNS = 3;
const MEASURED_RUNS = 11;
const TARGET_MS = 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function main(): void {
  const folder = mkdtempSync(join(tmpdir(), 'dagger-bench-export-'));
  const rows: string[][] = [
    ['steps', 'lines', 'parse + validate', 'export argo', 'ratio', 'manifest', 'target'],
  ];
  let met = true;
  try {
    for (const steps of SIZES) {
      const text = generateWorkflow(steps);
      const workflowFile = join(folder, `generated-${steps}.dagger.yaml`);
      writeFileSync(workflowFile, text);
      const baseline = () => validateWorkflow(parseWorkflow(text));
      let size = 0;
      const exportIt = () => (size = exportArgo({ workflowFile, text, hostEnv: {} }).yaml.length);
      const base: number[] = [];
      const full: number[] = [];
      for (let run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
        // Alternate which goes first, so both see the same machine state (JIT, CPU frequency, load).
        const baseFirst = run % 2 === 0;
        const first = time(baseFirst ? baseline : exportIt);
        const second = time(baseFirst ? exportIt : baseline);
        if (run < WARM_UP_RUNS) continue;
        base.push(baseFirst ? first : second);
        full.push(baseFirst ? second : first);
      }
      const exportMs = median(full);
      const ok = steps !== 2000 || exportMs <= TARGET_MS;
      met &&= ok;
      rows.push([
        String(steps),
        String(text.split('\n').length),
        `${median(base).toFixed(1)} ms`,
        `${exportMs.toFixed(1)} ms`,
        (exportMs / median(base)).toFixed(2),
        `${(size / 1024).toFixed(0)} KiB`,
        steps === 2000 ? (ok ? `≤ ${TARGET_MS} ms: met` : `≤ ${TARGET_MS} ms: MISSED`) : '',
      ]);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows)
    console.log(row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  '));
  console.log(
    [
      `Times: median wall clock of ${MEASURED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs, the two measured back to back.`,
      'export argo = prepare (parse, validate, effective steps) + manifest + check of Argo rules + YAML.',
    ].join('\n'),
  );
  if (!met) process.exitCode = 1;
}

main();
