import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCliRun } from './cli-helpers.js';
import { IMAGE, requireTestImage, runtime, waitFor, workspace } from './run-helpers.js';
import { must } from '../support/must.js';

const CLI = resolve('dist/cli.js');
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

before(() => {
  requireTestImage();
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
});

function cli(args: string[], env: Record<string, string> = {}) {
  const state = workspace({});
  // `--` as in the bin's shebang: Node 20 would otherwise read a script's `--env-file` as its own.
  const result = spawnSync(process.execPath, ['--', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: state, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, state };
}

const OK_AND_FAILING = `
name: cli
container_config: { image: ${IMAGE} }
inputs:
  who: { default: you }
steps:
  - id: hello
    command: [sh, -c, 'echo "hello $WHO $KEY"; echo "who=$WHO" >> "$DAGGER_OUTPUT"']
    environment: { WHO: "\${inputs.who}", KEY: "\${KEY:-none}" }
  - { id: maybe, command: [sh, -c, 'exit $CODE'], environment: { CODE: "\${CODE:-0}" }, depends_on: [hello] }
outputs:
  - { name: who, value: "\${steps.hello.outputs.who}" }
`;

void test('run --json: exit 0, the docs/cli.md result shape on stdout, progress on stderr, a run folder', () => {
  const dir = workspace({ 'cli.dagger.yaml': OK_AND_FAILING, 'inputs.yaml': 'who: 2.10\n' });
  const run = cli(['run', join(dir, 'cli.dagger.yaml'), '--json', '--input-file', join(dir, 'inputs.yaml')]);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(result), ['run_id', 'status', 'outputs', 'steps']);
  assert.equal(result.status, 'succeeded');
  // An --input-file value is the text written (2.10), not what YAML makes of it (2.1).
  assert.deepEqual(result.outputs, { who: '2.10' });
  const steps = result.steps as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(steps), ['hello', 'maybe']);
  for (const step of Object.values(steps)) {
    assert.deepEqual(Object.keys(step), [
      'status',
      'exit_code',
      'attempts',
      'started_at',
      'finished_at',
      'outputs',
    ]);
    assert.match(String(step.started_at), ISO_MS);
    assert.match(String(step.finished_at), ISO_MS);
  }
  assert.deepEqual(steps.hello, {
    ...steps.hello,
    status: 'succeeded',
    exit_code: 0,
    attempts: 1,
    outputs: { who: '2.10' },
  });
  assert.match(run.stderr, /\] hello started\n/);
  assert.match(run.stderr, /^hello \| hello 2\.10 none$/m);
  assert.match(run.stderr, /\] maybe succeeded in \d+\.\d s\n/);
  const runs = readdirSync(join(run.state, 'dagger-wf', 'runs'));
  assert.equal(runs.length, 1);
  assert.deepEqual(readdirSync(join(run.state, 'dagger-wf', 'runs', must(runs[0], 'a run folder'))).sort(), [
    'hello.log',
    'maybe.log',
    'run.json',
    'step-keys.json',
  ]);
});

void test('run: a failing step exits 1; --input beats --input-file; outputs as name=value without --json', () => {
  const dir = workspace({
    'cli.dagger.yaml': OK_AND_FAILING,
    'inputs.yaml': 'who: file\n',
    'vars.env': 'CODE=4\nKEY=k-from-env-file\n',
  });
  const run = cli([
    'run',
    join(dir, 'cli.dagger.yaml'),
    ...[
      '--input-file',
      join(dir, 'inputs.yaml'),
      '--input',
      'who=flag',
      '--env-file',
      join(dir, 'vars.env'),
      '--no-history',
    ],
  ]);
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.stdout, 'who=flag\n');
  assert.match(run.stderr, /^hello \| hello flag \*\*\*$/m, 'env file values are masked');
  assert.match(run.stderr, /\] maybe failed in \d+\.\d s: exited with code 4\n/);
  assert.match(run.stderr, /^ {2}maybe: failed \(exited with code 4\)$/m);
  assert.ok(!existsSync(join(run.state, 'dagger-wf')), '--no-history writes nothing');
});

void test('run: an invalid workflow exits 2 with tsc-style lines; usage mistakes exit 2 with one line', () => {
  const dir = workspace({
    'bad.dagger.yaml': `name: bad\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["true"], depends_on: [a] }\n`,
  });
  const invalid = cli(['run', join(dir, 'bad.dagger.yaml')]);
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, new RegExp(`^${join(dir, 'bad.dagger.yaml')}:3:\\d+ - error DW012: .+$`, 'm'));
  for (const args of [
    ['run'],
    ['run', 'x.yaml', '--bogus'],
    ['run', 'x.yaml', '--input', 'novalue'],
    ['run', 'x', '--max-parallel', '0'],
  ]) {
    const usage = cli(args);
    assert.equal(usage.code, 2, args.join(' '));
    assert.equal(usage.stderr.trim().split('\n').length, 1, usage.stderr);
    assert.match(usage.stderr, /^dagger-wf: run: /);
  }
  const missingFile = cli(['run', join(dir, 'nope.dagger.yaml')]);
  assert.equal(missingFile.code, 2);
  assert.equal(
    missingFile.stderr,
    `dagger-wf: cannot read workflow file ${join(dir, 'nope.dagger.yaml')}: no such file\n`,
  );
});

void test('run: warnings are printed and do not stop the run', () => {
  const dir = workspace({
    'warn.dagger.yaml': `name: w\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["true"] }\n  - { id: b, image: ${IMAGE}, command: ["true"], depends_on: [a, a] }\n`,
  });
  const run = cli(['run', join(dir, 'warn.dagger.yaml'), '--no-history']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`^${join(dir, 'warn.dagger.yaml')}:4:\\d+ - warning DW019: .+$`, 'm'));
});

void test('run: unset host variables exit 2 naming all of them', () => {
  const dir = workspace({
    'vars.dagger.yaml': `name: v\nsteps:\n  - { id: a, image: ${IMAGE}, command: [echo, "\${NEED_ONE}\${NEED_TWO}"] }\n`,
  });
  const run = cli(['run', join(dir, 'vars.dagger.yaml')]);
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr,
    'dagger-wf: environment variables not set and without default: NEED_ONE, NEED_TWO\n',
  );
});

void test('run: an unreachable engine exits 3 naming the address', () => {
  const dir = workspace({
    'ok.dagger.yaml': `name: ok\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["true"] }\n`,
  });
  const run = cli(['run', join(dir, 'ok.dagger.yaml')], { DOCKER_HOST: `unix://${dir}/gone.sock` });
  assert.equal(run.code, 3);
  assert.match(
    run.stderr,
    new RegExp(`^dagger-wf: cannot reach the Docker engine at unix://${dir}/gone\\.sock: .+\\n$`),
  );
});

void test('run: an engine address of an unsupported form exits 2 naming it', () => {
  const dir = workspace({
    'ok.dagger.yaml': `name: ok\nsteps:\n  - { id: a, image: ${IMAGE}, command: ["true"] }\n`,
  });
  const run = cli(['run', join(dir, 'ok.dagger.yaml')], { DOCKER_HOST: 'ssh://me@builder' });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^dagger-wf: engine address "ssh:\/\/me@builder" is not supported: .+\n$/);
});

void test('run: a reader that goes away (| head) neither kills the run nor leaves its containers', async () => {
  const dir = workspace({
    'chatty.dagger.yaml': `
name: chatty
container_config: { image: ${IMAGE} }
steps:
  - { id: talk, command: [sh, -c, "for i in 1 2 3 4 5 6 7 8; do echo line $i; sleep 0.1; done"] }
  - { id: after, command: [echo, done], depends_on: [talk] }
`,
  });
  const child = spawn(process.execPath, [CLI, 'run', join(dir, 'chatty.dagger.yaml'), '--no-history']);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  await waitFor(() => /run (\S+):/.test(stderr), 'the run id on stderr');
  const runId = must(/run (\S+):/.exec(stderr)?.[1], 'the run id in the progress');
  // What `head -1` does once it has its line: close the pipes.
  child.stderr.destroy();
  child.stdout.destroy();
  assert.equal(await exited, 0, 'the run went on to succeed');
  assert.deepEqual(await runtime.listContainers({ 'dagger-wf.run': runId }), []);
});

/** Start `dagger-wf run` in the background and wait until `containers` of its run are running. */
async function startLongRun(containers: number) {
  const dir = workspace({
    'long.dagger.yaml': `
name: long
container_config: { image: ${IMAGE} }
steps:
  - { id: one, command: [sleep, "120"] }
  - { id: stubborn, command: [sh, -c, "trap '' TERM INT; sleep 120 & wait; sleep 120"] }
  - { id: after, command: ["true"], depends_on: [one] }
`,
  });
  return startCliRun(
    ['run', join(dir, 'long.dagger.yaml'), '--json', '--no-history', '--max-parallel', '4'],
    runtime,
    containers,
  );
}

void test('run: SIGINT stops and removes every container, exits 130 with a cancelled result', async () => {
  const { child, exited, runId, output } = await startLongRun(2);
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  assert.deepEqual(await runtime.listContainers({ 'dagger-wf.run': runId }), []);
  const result = JSON.parse(output().stdout) as { status: string; steps: Record<string, { status: string }> };
  assert.equal(result.status, 'cancelled');
  assert.deepEqual(
    Object.values(result.steps).map((step) => step.status),
    ['cancelled', 'cancelled', 'cancelled'],
  );
  assert.match(output().stderr, /cancelling: stopping the containers/);
});

void test('run: a second SIGINT forces, SIGTERM and SIGHUP (terminal closed) cancel too', async () => {
  const forced = await startLongRun(2);
  forced.child.kill('SIGINT');
  // Two signals sent at once would merge into one: wait for the first to be handled.
  await waitFor(() => forced.output().stderr.includes('cancelling'), 'the first SIGINT handled');
  forced.child.kill('SIGINT');
  assert.equal(await forced.exited, 130);
  assert.deepEqual(await runtime.listContainers({ 'dagger-wf.run': forced.runId }), []);
  assert.match(forced.output().stderr, /forcing: killing the containers/);

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    const terminated = await startLongRun(2);
    terminated.child.kill(signal);
    assert.equal(await terminated.exited, 130, signal);
    assert.deepEqual(await runtime.listContainers({ 'dagger-wf.run': terminated.runId }), [], signal);
  }
});

void test('run on a terminal: a live block of step lines redrawn in place, then the summary', () => {
  const dir = workspace({
    'tty.dagger.yaml': `name: tty\ncontainer_config: { image: ${IMAGE} }\nsteps:\n  - { id: first, command: [echo, one] }\n  - { id: second, command: [sh, -c, "exit 5"], depends_on: [first] }\n`,
  });
  // util-linux `script` gives the CLI a pseudo-terminal, as a person at a terminal has.
  const command = `node ${CLI} run ${join(dir, 'tty.dagger.yaml')} --no-history`;
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, COLUMNS: '100' },
  });
  assert.equal(result.status, 1, result.stdout);
  const screen = result.stdout.replace(/\r/g, '');
  const escape = String.fromCharCode(27);
  assert.ok(screen.includes(`${escape}[2F${escape}[J`), 'the two-line block is erased and redrawn');
  assert.match(screen, /✔ first +succeeded +\d+\.\d s {2}one\n/);
  assert.match(screen, /✖ second +failed +\d+\.\d s {2}exited with code 5\n/);
  assert.match(screen, /run failed in \d+\.\d s: 1 succeeded, 1 failed\n/);
});

void test('run --step: only that step and what it depends on', () => {
  const dir = workspace({ 'cli.dagger.yaml': OK_AND_FAILING });
  const run = cli(['run', join(dir, 'cli.dagger.yaml'), '--step', 'hello', '--json', '--no-history']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(Object.keys((JSON.parse(run.stdout) as { steps: object }).steps), ['hello']);
  const unknown = cli(['run', join(dir, 'cli.dagger.yaml'), '--step', 'nope']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, 'dagger-wf: no step "nope" in the workflow\n');
});
