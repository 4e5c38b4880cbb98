import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE, requireTestImage, runToEnd, workspace, stepOf } from './run-helpers.js';

before(requireTestImage);

void test('environment, inputs with defaults, host variables and step outputs chain through the run', async () => {
  const dir = workspace({
    'values.dagger.yaml': `
name: values
inputs:
  who: { default: nobody }
  mood: { required: true }
container_config:
  image: ${IMAGE}
  environment:
    SHARED: from-config
    OVERRIDDEN: from-config
steps:
  - id: produce
    command:
      - sh
      - -c
      - |
        echo "shared=$SHARED overridden=$OVERRIDDEN who=$WHO mood=$MOOD home=$FROM_HOST fallback=$FALLBACK"
        echo "greeting=hello $WHO" >> "$DAGGER_OUTPUT"
        printf 'poem<<END\\nroses\\nviolets\\nEND\\n' >> "$DAGGER_OUTPUT"
    environment:
      OVERRIDDEN: from-step
      WHO: \${inputs.who}
      MOOD: \${inputs.mood}
      FROM_HOST: \${FROM_HOST}
      FALLBACK: \${NOT_SET:-the-default}
  - id: consume
    depends_on: [produce]
    command: [echo, "got \${steps.produce.outputs.greeting} / literal $\${NOT_INTERPOLATED}"]
    environment:
      POEM: \${steps.produce.outputs.poem}
outputs:
  - { name: greeting, value: "\${steps.produce.outputs.greeting}!" }
  - { name: poem, value: "\${steps.produce.outputs.poem}" }
`,
  });
  const run = await runToEnd({
    workflowFile: join(dir, 'values.dagger.yaml'),
    inputs: { mood: 'sunny' },
    hostEnv: { FROM_HOST: 'host-value' },
  });
  assert.equal(run.result.status, 'succeeded');
  assert.equal(
    run.log('produce'),
    'shared=from-config overridden=from-step who=nobody mood=sunny home=host-value fallback=the-default\n',
  );
  assert.deepEqual(stepOf(run.result, 'produce').outputs, {
    greeting: 'hello nobody',
    poem: 'roses\nviolets',
  });
  // argv is handed over as is: no shell, so "$" stays literal and the argument is one word.
  assert.equal(run.log('consume'), 'got hello nobody / literal ${NOT_INTERPOLATED}\n');
  assert.deepEqual(run.result.outputs, { greeting: 'hello nobody!', poem: 'roses\nviolets' });
});

void test('relative volume sources resolve against the workflow folder, and writes reach the host', async () => {
  const dir = workspace({
    'flows/volumes.dagger.yaml': `
name: volumes
steps:
  - id: copy
    image: ${IMAGE}
    command: [sh, -c, "cat /in/message.txt > /out/copy.txt"]
    volumes:
      - { source: ./input, target: /in }
      - { source: ../output, target: /out }
`,
    'flows/input/message.txt': 'from the host\n',
    'output/.keep': '',
  });
  const run = await runToEnd({ workflowFile: join(dir, 'flows', 'volumes.dagger.yaml') });
  assert.equal(run.result.status, 'succeeded');
  assert.equal(readFileSync(join(dir, 'output', 'copy.txt'), 'utf8'), 'from the host\n');
});

void test('a missing volume source fails the step with a message naming the path; nothing starts', async () => {
  const dir = workspace({
    'missing.dagger.yaml': `
name: missing volume
steps:
  - id: reader
    image: ${IMAGE}
    command: [ls, /data]
    volumes: [{ source: ./no-such-folder, target: /data }]
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'missing.dagger.yaml') });
  assert.equal(run.result.status, 'failed');
  const reader = stepOf(run.result, 'reader');
  assert.equal(reader.status, 'failed');
  assert.equal(reader.attempts, 0);
  assert.equal(
    reader.reason,
    `volume source "./no-such-folder" does not exist (${join(dir, 'no-such-folder')})`,
  );
  assert.ok(!run.events.some((event) => event.type === 'stepStarted'));
});

void test('an image that is neither local nor pullable fails the step with a message naming the image', async () => {
  const dir = workspace({
    'image.dagger.yaml': `
name: missing image
steps:
  - { id: ghost, image: dagger-test/does-not-exist:1.0, command: ["true"] }
  - { id: after, image: ${IMAGE}, command: ["true"], depends_on: [ghost] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'image.dagger.yaml') });
  assert.equal(run.result.status, 'failed');
  assert.equal(stepOf(run.result, 'ghost').status, 'failed');
  assert.match(
    stepOf(run.result, 'ghost').reason ?? '',
    /^image "dagger-test\/does-not-exist:1\.0" is not present locally and pulling it failed: .+/,
  );
  assert.equal(stepOf(run.result, 'after').status, 'skipped');
  // A step whose image could not be pulled never started: no start time (it left `pending` for the pull only).
  assert.equal(stepOf(run.result, 'ghost').started_at, null);
  assert.ok(!run.events.some((event) => event.type === 'stepStarted' && event.stepId === 'ghost'));
  const finished = run.events.find((event) => event.type === 'stepFinished' && event.stepId === 'ghost');
  assert.equal(finished?.type === 'stepFinished' && finished.startedAt, null);
});

// A literal one is DW024, which refuses the whole run (test/cli/validate-run-parity.test.ts); ignored, or
// known only once a `${…}` is resolved, the runner checks the same grammar when the step starts.
void test('an invalid image reference (an ignored DW024, or interpolated) fails its step naming the image, before the engine is asked', async () => {
  const dir = workspace({
    'bad-image.dagger.yaml': `
name: bad image
steps:
  # dagger-ignore DW024
  - { id: upper, image: Dagger-Test/BusyBox:latest, command: ["true"] }
  - { id: tag, image: ${IMAGE}, command: [sh, -c, 'echo "image=busybox:two words" >> "$DAGGER_OUTPUT"'] }
  - { id: spaced, image: "\${steps.tag.outputs.image}", command: ["true"], depends_on: [tag] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'bad-image.dagger.yaml') });
  const upper = stepOf(run.result, 'upper');
  const spaced = stepOf(run.result, 'spaced');
  assert.deepEqual(
    [upper.status, upper.attempts, upper.reason],
    [
      'failed',
      0,
      'image "Dagger-Test/BusyBox:latest" is not a valid image reference (repository names are lowercase)',
    ],
  );
  assert.deepEqual(
    [spaced.status, spaced.reason],
    ['failed', 'image "busybox:two words" is not a valid image reference (tag or digest ":two words")'],
  );
  const started = run.events.flatMap((event) => (event.type === 'stepStarted' ? [event.stepId] : []));
  assert.deepEqual(started, ['tag']);
});

void test('a malformed DAGGER_OUTPUT fails the step; an output a dependency never wrote fails its user', async () => {
  const dir = workspace({
    'outputs.dagger.yaml': `
name: outputs
container_config: { image: ${IMAGE} }
steps:
  - { id: writer, command: [sh, -c, 'echo "fine=1" >> "$DAGGER_OUTPUT"'] }
  - { id: reader, command: [echo, "\${steps.writer.outputs.absent}"], depends_on: [writer] }
  - { id: garbled, command: [sh, -c, 'echo "no separator here" >> "$DAGGER_OUTPUT"'] }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'outputs.dagger.yaml') });
  assert.equal(run.result.status, 'failed');
  assert.deepEqual(
    [
      stepOf(run.result, 'reader').status,
      stepOf(run.result, 'reader').attempts,
      stepOf(run.result, 'reader').reason,
    ],
    ['failed', 0, '${steps.writer.outputs.absent} has no value: step "writer" wrote no output "absent"'],
  );
  assert.deepEqual(
    [
      stepOf(run.result, 'garbled').status,
      stepOf(run.result, 'garbled').exit_code,
      stepOf(run.result, 'garbled').reason,
    ],
    [
      'failed',
      0,
      'DAGGER_OUTPUT line 1: expected "name=value" or "name<<DELIMITER", got "no separator here"',
    ],
  );
});
