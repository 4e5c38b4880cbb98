// Every workflow in examples/ validates clean and, run by the CLI on the real engine exactly as its
// `# Run it:` comment says, ends the way its `# Expect …:` comments say (see examples/README.md for the
// grammar). An example without `# Expect` lines must succeed with every step succeeded.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { assertNoContainersLeft, requireTestImage, workspace } from './run-helpers.js';

const CLI = resolve('dist/cli.js');
const EXAMPLES = resolve('examples');
const files = readdirSync(EXAMPLES).filter((name) => /\.dagger\.ya?ml$/.test(name));

before(() => requireTestImage());

interface StepExpectation {
  id: string;
  status: string;
  attempts?: number;
  reasonIncludes?: string;
}

interface Expectations {
  args: string[];
  exitCode: number;
  steps: StepExpectation[];
  outputs?: Record<string, string>;
}

const RUN_IT = /^# Run it:.*?node dist\/cli\.js run (examples\/[^\s)]+)([^)\n]*)/m;
const EXPECT = /^# Expect (exit|step|output): (.*)$/gm;
const STEP = /^([\w-]+) (\w+)(?:, (\d+) attempts?)?(?: \((.*)\))?$/;

/** The arguments and outcome an example documents in its header comments. */
function readExpectations(file: string, text: string): Expectations {
  const runIt = RUN_IT.exec(text);
  assert.ok(runIt, `${file} has no "# Run it: node dist/cli.js run examples/${file}" line`);
  assert.equal(runIt[1], `examples/${file}`, `${file}: its "# Run it:" line runs another file`);
  const expectations: Expectations = {
    args: (runIt[2] ?? '').trim().split(/\s+/).filter(Boolean),
    exitCode: 0,
    steps: [],
  };
  for (const [, kind, rest = ''] of text.matchAll(EXPECT)) {
    if (kind === 'exit') expectations.exitCode = Number(rest);
    if (kind === 'step') {
      const step = STEP.exec(rest);
      assert.ok(step, `${file}: cannot read "# Expect step: ${rest}"`);
      const [, id = '', status = '', attempts, reasonIncludes] = step;
      expectations.steps.push({
        id,
        status,
        attempts: attempts ? Number(attempts) : undefined,
        reasonIncludes,
      });
    }
    if (kind === 'output') {
      const equals = rest.indexOf('=');
      const raw = rest.slice(equals + 1);
      const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
      expectations.outputs = { ...expectations.outputs, [rest.slice(0, equals)]: value };
    }
  }
  return expectations;
}

interface StepJson {
  status: string;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  reason?: string;
}

void test('every example validates without a problem', () => {
  assert.ok(files.length >= 9, `only ${files.length} examples found`);
  const run = spawnSync(process.execPath, ['--', CLI, 'validate', '--format', 'json', ...files], {
    cwd: EXAMPLES,
    encoding: 'utf8',
  });
  const results = JSON.parse(run.stdout) as { file: string; diagnostics: unknown[] }[];
  assert.deepEqual(
    results.filter((result) => result.diagnostics.length),
    [],
  );
  assert.equal(run.status, 0, run.stderr);
});

for (const file of files) {
  void test(`examples/${file} runs as its comments say`, async () => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const expected = readExpectations(file, text);
    const state = workspace({});
    const run = spawnSync(
      process.execPath,
      ['--', CLI, 'run', `examples/${file}`, ...expected.args, '--json'],
      {
        encoding: 'utf8',
        // A fresh state folder: its one run folder names the run, whose containers must all be gone.
        env: { ...process.env, XDG_STATE_HOME: state },
      },
    );
    assert.equal(run.status, expected.exitCode, run.stderr);
    const result = JSON.parse(run.stdout) as {
      outputs: Record<string, string>;
      steps: Record<string, StepJson>;
    };

    for (const { id, status, attempts, reasonIncludes } of expected.steps) {
      const step = result.steps[id];
      assert.ok(step, `${file}: no step "${id}" in the result`);
      assert.equal(step.status, status, `${file}: step ${id}: ${step.reason ?? ''}`);
      if (attempts !== undefined) assert.equal(step.attempts, attempts, `${file}: attempts of ${id}`);
      if (reasonIncludes !== undefined)
        assert.ok(step.reason?.includes(reasonIncludes), `${file}: ${step.reason}`);
    }
    const listed = new Set(expected.steps.map((step) => step.id));
    for (const [id, step] of Object.entries(result.steps)) {
      if (!listed.has(id))
        assert.equal(step.status, 'succeeded', `${file}: step ${id}: ${step.reason ?? ''}`);
    }
    if (expected.outputs) assert.deepEqual(result.outputs, expected.outputs);
    assertDependencyOrder(file, result.steps);

    const [runId, ...others] = readdirSync(join(state, 'dagger-wf', 'runs'));
    assert.ok(runId !== undefined && others.length === 0, 'expected exactly one run folder');
    await assertNoContainersLeft(runId);
  });
}

void test('the examples leave their scratch folder as they found it', () => {
  assert.deepEqual(readdirSync(join(EXAMPLES, 'state')), ['.gitkeep']);
});

/** No step started before every step it depends on had finished (order of events, not durations). */
function assertDependencyOrder(file: string, steps: Record<string, StepJson>): void {
  const graph = spawnSync(process.execPath, ['--', CLI, 'graph', '--format', 'dot', `examples/${file}`], {
    encoding: 'utf8',
  });
  assert.equal(graph.status, 0, graph.stderr);
  for (const [, from = '', to = ''] of graph.stdout.matchAll(/"([\w-]+)" -> "([\w-]+)"/g)) {
    const started = steps[to]?.started_at;
    const finished = steps[from]?.finished_at;
    if (!started) continue;
    assert.ok(finished, `${file}: ${to} started though ${from} never finished`);
    assert.ok(Date.parse(started) >= Date.parse(finished), `${file}: ${to} started before ${from} finished`);
  }
}
