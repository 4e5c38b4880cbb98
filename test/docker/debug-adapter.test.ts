// The debug adapter as any DAP client sees it: dist/debug-adapter.js over stdio (@vscode/debugadapter-testsupport),
// against the real Docker engine.
import { afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { IMAGE, requireTestImage, runtime, workspace } from './run-helpers.js';
import { LABEL_RUN } from '../../core/run/sweep-orphans.js';

const ADAPTER = resolve('dist/debug-adapter.js');

const WORKFLOW = `name: dap
container_config: { image: ${IMAGE} }
steps:
  - id: build
    command: [sh, -c, 'echo "v=1.2" >> "$DAGGER_OUTPUT"']
  - id: test
    depends_on: [build]
    environment: { VERSION: "\${steps.build.outputs.v}", TOKEN: "\${TOKEN}" }
    command: [sh, -c, 'echo testing $VERSION']
  - id: deploy
    depends_on: [test]
    command: [sh, -c, 'echo broken >&2; exit 5']
`;
// 1-based lines of the file above.
const TEST_ID_LINE = 6;
const TEST_COMMAND_LINE = 9;
const DEPLOY_ID_LINE = 10;

let dc: DebugClient;
let file: string;

before(() => {
  requireTestImage();
  if (!existsSync(ADAPTER)) throw new Error(`${ADAPTER} is missing: run npm run build`);
});

beforeEach(async () => {
  const dir = workspace({ 'dap.dagger.yaml': WORKFLOW, '.env': 'TOKEN=s3cret-value\n' });
  file = join(dir, 'dap.dagger.yaml');
  dc = new DebugClient(process.execPath, ADAPTER, 'dagger-workflow', {
    env: { ...process.env, XDG_STATE_HOME: join(dir, 'state') },
  });
  dc.defaultTimeout = 60_000;
  await dc.start();
});

afterEach(async () => {
  await dc?.stop().catch(() => undefined);
});

/** Launch with breakpoints on `lines`; resolves with the setBreakpoints answer once the launch is answered. */
async function launchWith(lines: number[], launch: Record<string, unknown> = {}) {
  let answer: DebugProtocol.SetBreakpointsResponse | undefined;
  await Promise.all([
    dc
      .waitForEvent('initialized')
      .then(() =>
        dc.setBreakpointsRequest({ source: { path: file }, breakpoints: lines.map((line) => ({ line })) }),
      )
      .then((response) => (answer = response))
      .then(() => dc.configurationDoneRequest()),
    dc.launch({ workflow: file, ...launch }),
  ]);
  assert.ok(answer);
  return answer;
}

async function variables(frameId: number, scope: string): Promise<Record<string, string>> {
  const scopes = await dc.scopesRequest({ frameId });
  const found = scopes.body.scopes.find((candidate) => candidate.name === scope);
  assert.ok(found, `scope ${scope} in ${scopes.body.scopes.map((s) => s.name).join(', ')}`);
  const vars = await dc.variablesRequest({ variablesReference: found.variablesReference });
  return Object.fromEntries(vars.body.variables.map((variable) => [variable.name, variable.value]));
}

void test("a breakpoint on a command: line is verified on the step's - id: line and stops there; stack, scopes, next, exit", async () => {
  const stopped = dc.waitForEvent('stopped');
  const answer = await launchWith([TEST_COMMAND_LINE, 1]);
  const [onStep, outside] = answer.body.breakpoints;
  assert.deepEqual([onStep?.verified, onStep?.line], [true, TEST_ID_LINE]);
  assert.equal(outside?.verified, false);
  assert.match(outside?.message ?? '', /Not inside a step/);
  const stop = (await stopped) as DebugProtocol.StoppedEvent;
  assert.equal(stop.body.reason, 'breakpoint');
  assert.deepEqual(stop.body.hitBreakpointIds, [onStep?.id]);

  const stack = await dc.stackTraceRequest({ threadId: 1 });
  const frames = stack.body.stackFrames;
  assert.deepEqual(
    frames.map((frame) => [frame.name, frame.line]),
    [
      ['test (paused before it starts)', TEST_ID_LINE],
      ['build (succeeded)', 4],
    ],
  );
  const top = frames[0]?.id ?? 0;
  const environment = await variables(top, 'Environment');
  assert.deepEqual(environment, { TOKEN: '***', VERSION: '1.2' });
  const step = await variables(top, 'Step');
  assert.equal(step.image, IMAGE);
  assert.equal(step.command, '["sh","-c","echo testing $VERSION"]');
  const dependencies = await variables(top, 'Dependencies');
  assert.equal(dependencies.build, 'succeeded, 1 output');

  const evaluated = await dc.evaluateRequest({
    expression: 'version ${steps.build.outputs.v}, token ${TOKEN}',
    frameId: top,
    context: 'repl',
  });
  assert.equal(evaluated.body.result, 'version 1.2, token ***');
  const completions = await dc.completionsRequest({
    text: '${steps.build.outputs.',
    column: 23,
    frameId: top,
  });
  assert.deepEqual(
    completions.body.targets.map((target) => target.label),
    ['v'],
  );

  // next: test runs, then a pause before deploy, the next step that starts.
  const afterNext = dc.waitForEvent('stopped');
  await dc.nextRequest({ threadId: 1 });
  const next = (await afterNext) as DebugProtocol.StoppedEvent;
  assert.equal(next.body.reason, 'step');
  const nextStack = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(nextStack.body.stackFrames[0]?.line, DEPLOY_ID_LINE);

  // continue: deploy fails, and the `failed` filter (on by default) stops with its exit code.
  const failure = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  const exception = (await failure) as DebugProtocol.StoppedEvent;
  assert.equal(exception.body.reason, 'exception');
  const info = await dc.exceptionInfoRequest({ threadId: 1 });
  assert.equal(info.body.exceptionId, 'failed');
  assert.equal(info.body.details?.typeName, 'exit code 5');
  assert.equal(info.body.details?.stackTrace, 'broken');
  const failedFrame = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0]?.id ?? 0;
  const result = await variables(failedFrame, 'Result');
  assert.equal(result['exit code'], '5');

  const exited = dc.waitForEvent('exited');
  const terminated = dc.waitForEvent('terminated');
  await dc.continueRequest({ threadId: 1 });
  assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 1, 'the run failed: exit 1');
  await terminated;
});

void test('with no breakpoint and the failed filter off, a run of some steps (launch "steps") ends with exit 0', async () => {
  const exited = dc.waitForEvent('exited');
  await Promise.all([
    dc.waitForEvent('initialized').then(async () => {
      await dc.setExceptionBreakpointsRequest({ filters: [] });
      await dc.configurationDoneRequest();
    }),
    dc.launch({ workflow: file, steps: ['test'] }),
  ]);
  assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0, 'build and test succeed');
});

void test('disconnect while paused stops and removes every container of the run', async () => {
  const stopped = dc.waitForEvent('stopped');
  const output: string[] = [];
  dc.on('output', (event: DebugProtocol.OutputEvent) => output.push(event.body.output));
  await launchWith([DEPLOY_ID_LINE]);
  await stopped;
  const runId = /Run (\S+) of dap/.exec(output.join(''))?.[1];
  assert.ok(runId, output.join(''));
  // A shell opened at the paused step is a container of the run too.
  const shell = await dc.evaluateRequest({ expression: '.shell', context: 'repl' });
  assert.match(shell.body.result, /Run this in a terminal: .* shell --attach \S+/);
  assert.equal((await runtime.listContainers({ [LABEL_RUN]: runId })).length, 1, 'the shell container');
  await dc.disconnectRequest({ terminateDebuggee: true });
  assert.deepEqual(
    await runtime.listContainers({ [LABEL_RUN]: runId }),
    [],
    'docker ps -a --filter label=dagger-wf.run',
  );
});

void test('restart ends the run and starts it again, with the same breakpoints, in the same session', async () => {
  const stopped = dc.waitForEvent('stopped');
  await launchWith([TEST_ID_LINE]);
  await stopped;
  let terminated = false;
  dc.on('terminated', () => (terminated = true));
  const again = dc.waitForEvent('stopped');
  await dc.restartRequest({});
  const stop = (await again) as DebugProtocol.StoppedEvent;
  assert.equal(stop.body.reason, 'breakpoint');
  assert.equal(terminated, false, 'the session goes on');
  await dc.disconnectRequest({ terminateDebuggee: true });
});

void test('an invalid workflow is refused at launch with its first problem', async () => {
  const dir = workspace({
    'bad.dagger.yaml': 'name: bad\nsteps:\n  - { id: a, image: x, command: ["true"], depends_on: [nope] }\n',
  });
  await dc.initializeRequest();
  await assert.rejects(
    Promise.all([
      dc.waitForEvent('initialized').then(() => dc.configurationDoneRequest()),
      dc.launchRequest({ workflow: join(dir, 'bad.dagger.yaml') } as DebugProtocol.LaunchRequestArguments),
    ]),
    /DW011.*unknown step "nope"/,
  );
});
