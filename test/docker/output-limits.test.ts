// Steps that write far more than anyone should: outputs over the limits, a line of 600 MB. The run must end
// with clear reasons and the right exit code, in bounded memory, with its record finished.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../../core/run/history/run-record.js';
import { LOG_CUT_NOTE, MAX_STEP_LOG_BYTES } from '../../core/run/log-limits.js';
import type { RunResult } from '../../core/run/run-result.js';
import { runCli } from './cli-helpers.js';
import { IMAGE, requireTestImage, workspace } from './run-helpers.js';

before(requireTestImage);

/** The CLI's own memory (Node and the bundle) is well under this; holding one 200 MB value is not. */
const MEMORY_BOUND_MIB = 250;

const MiB = 1024 * 1024;
/** A shell snippet printing `mebibytes` MiB of x characters without a newline (busybox `tr` is slow: 1 MiB once). */
const xs = (mebibytes: number) =>
  `head -c ${MiB} /dev/zero | tr '\\\\0' x > /tmp/x; i=0; while [ $i -lt ${mebibytes} ]; do cat /tmp/x; i=$((i+1)); done`;

function record(state: string, stderr: string): RunRecord {
  const runId = /run (\S+):/.exec(stderr)?.[1] ?? '';
  return JSON.parse(readFileSync(join(state, 'dagger-wf', 'runs', runId, 'run.json'), 'utf8')) as RunRecord;
}

void test(
  'outputs over the per-step limit (two 200 MB values, one 1 GB value) fail their step with the limit named',
  { timeout: 300_000 },
  async (t) => {
    const dir = workspace({
      'big.dagger.yaml': `
name: big
container_config: { image: ${IMAGE} }
steps:
  - id: two-values
    command: [sh, -c, "for k in a b; do printf '%s=' $k; ${xs(200)}; echo; done >> $DAGGER_OUTPUT"]
  - id: one-gig
    command: [sh, -c, "{ printf 'g='; ${xs(1024)}; echo; } >> $DAGGER_OUTPUT"]
  - { id: after, command: ["true"], depends_on: [two-values] }
  - { id: small, command: [sh, -c, "echo fine=yes >> $DAGGER_OUTPUT"] }
outputs:
  - { name: a, value: "\${steps.two-values.outputs.a}" }
  - { name: fine, value: "\${steps.small.outputs.fine}" }
`,
    });
    const run = await runCli(['run', join(dir, 'big.dagger.yaml'), '--json']);
    assert.equal(run.code, 1, run.stderr);
    const result = JSON.parse(run.stdout) as RunResult;
    assert.equal(result.status, 'failed');
    assert.deepEqual(result.outputs, { fine: 'yes' });
    const { steps } = result;
    assert.deepEqual(
      [steps['two-values']?.status, steps['two-values']?.exit_code, steps['two-values']?.reason],
      [
        'failed',
        0,
        'DAGGER_OUTPUT holds 400 MiB; a step may write at most 1 MiB of outputs (put larger data in a volume)',
      ],
    );
    assert.deepEqual(
      [steps['one-gig']?.status, steps['one-gig']?.exit_code, steps['one-gig']?.reason],
      [
        'failed',
        0,
        'DAGGER_OUTPUT holds 1 GiB; a step may write at most 1 MiB of outputs (put larger data in a volume)',
      ],
    );
    assert.equal(steps.after?.status, 'skipped');
    assert.doesNotMatch(run.stderr, /internal error|RangeError|lost the container/);
    assert.match(run.stderr, /^run failed in /m);
    const kept = record(run.state, run.stderr);
    assert.equal(kept.status, 'failed');
    assert.deepEqual(kept.steps, result.steps);
    t.diagnostic(`peak memory of the CLI: ${run.peakMiB.toFixed(0)} MiB`);
    assert.ok(run.peakMiB < MEMORY_BOUND_MIB, `peak memory ${run.peakMiB.toFixed(0)} MiB`);
  },
);

void test(
  'a step printing 600 MB without a newline: the line is cut and said so, the step succeeds, memory stays bounded',
  { timeout: 300_000 },
  async (t) => {
    const dir = workspace({
      'line.dagger.yaml': `
name: line
container_config: { image: ${IMAGE} }
steps:
  - { id: flood, command: [sh, -c, "${xs(600)}; echo; echo after the flood"] }
`,
    });
    const run = await runCli(['run', join(dir, 'line.dagger.yaml')]);
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    assert.match(run.stderr, /^flood \| x{65536} … \[dagger-wf: line cut at 64 KiB\]$/m);
    assert.match(run.stderr, /^flood \| after the flood$/m);
    assert.match(run.stderr, /\] flood succeeded in /);
    assert.ok(run.stderr.length < 1024 * 1024, 'the terminal got the cut line, not 600 MB');
    const kept = record(run.state, run.stderr);
    assert.equal(kept.status, 'succeeded');
    // The step log keeps its first 64 MiB, then says the rest was dropped.
    const runId = kept.runId;
    const log = join(run.state, 'dagger-wf', 'runs', runId, 'flood.log');
    assert.equal(statSync(log).size, MAX_STEP_LOG_BYTES + Buffer.byteLength(LOG_CUT_NOTE));
    assert.ok(readFileSync(log, 'utf8').endsWith(LOG_CUT_NOTE));
    t.diagnostic(`peak memory of the CLI: ${run.peakMiB.toFixed(0)} MiB`);
    assert.ok(run.peakMiB < MEMORY_BOUND_MIB, `peak memory ${run.peakMiB.toFixed(0)} MiB`);
  },
);
