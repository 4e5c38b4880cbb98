// How the workflow's graph maps to the DAG: depends, allow_failure, step outputs and workflow outputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportYaml, taskNamed, templateNamed } from './support/export-workflow.js';

void test('depends_on becomes depends ("a && b"); the DAG keeps going after a failure elsewhere (failFast off)', () => {
  const exported = exportYaml(`
container_config: { image: alpine:3.19 }
steps:
  - id: step1
  - id: step2
    depends_on: [step1]
  - id: step3
    depends_on: [step1]
  - id: step4
    depends_on: [step2, step3]
`);
  const dag = templateNamed(exported, 'main').dag;
  assert.equal(dag?.failFast, false);
  assert.deepEqual(
    dag?.tasks.map((task) => [task.name, task.template, task.depends]),
    [
      ['step1', 'step1', undefined],
      ['step2', 'step2', 'step1'],
      ['step3', 'step3', 'step1'],
      ['step4', 'step4', 'step2 && step3'],
    ],
  );
});

void test('allow_failure: a gate after the step, dependents run when it succeeded, and skipped ones are named .Succeeded', () => {
  const exported = exportYaml(`
container_config: { image: alpine:3.19 }
steps:
  - id: gate
    allow_failure: true
  - id: tests
    depends_on: [gate]
  - id: other
  - id: report
    depends_on: [tests, other]
  - id: notify
    allow_failure: true
`);
  assert.deepEqual(taskNamed(exported, 'gate-finished'), {
    name: 'gate-finished',
    template: 'allow-failure-gate',
    depends: 'gate.Succeeded || gate.Failed || gate.Errored',
  });
  const tests = taskNamed(exported, 'tests');
  assert.equal(tests.depends, 'gate-finished');
  assert.equal(tests.when, "'{{tasks.gate.status}}' == 'Succeeded'");
  assert.equal(taskNamed(exported, 'report').depends, 'tests.Succeeded && other');
  assert.equal(taskNamed(exported, 'report').when, undefined);
  // A failing leaf must not fail the workflow either: it gets a gate too.
  assert.equal(
    taskNamed(exported, 'notify-finished').depends,
    'notify.Succeeded || notify.Failed || notify.Errored',
  );
  assert.deepEqual(templateNamed(exported, 'allow-failure-gate').suspend, { duration: '0' });
  assert.doesNotMatch(exported.yaml, /continueOn/, 'Argo refuses continueOn beside depends');
});

void test('the export names its own templates around the step names', () => {
  const exported = exportYaml(`
container_config: { image: alpine:3.19 }
steps:
  - id: main
  - id: allow-failure-gate
    allow_failure: true
  - id: allow-failure-gate-finished
`);
  assert.equal(exported.manifest.spec.entrypoint, 'main-2');
  assert.equal(taskNamed(exported, 'allow-failure-gate-finished-2').template, 'allow-failure-gate-2');
});

void test('a step whose outputs are read runs in a container set with the splitter; the others in a plain container', () => {
  const exported = exportYaml(
    `
container_config: { image: alpine:3.19 }
steps:
  - id: produce
    command: ["sh", "-c", "echo v=1 >> $DAGGER_OUTPUT"]
  - id: consume
    command: ["echo", "\${steps.produce.outputs.v}"]
    depends_on: [produce]
`,
    { outputImage: 'registry.local/tools/busybox:1' },
  );
  const produce = templateNamed(exported, 'produce');
  assert.equal(produce.container, undefined);
  assert.deepEqual(
    produce.containerSet?.containers.map((container) => [
      container.name,
      container.image,
      container.dependencies,
    ]),
    [
      ['step', 'alpine:3.19', undefined],
      ['main', 'registry.local/tools/busybox:1', ['step']],
    ],
  );
  assert.deepEqual(produce.containerSet?.containers[0]?.command, ['sh'], "the step's own argv is unchanged");
  assert.deepEqual(produce.containerSet?.containers[1]?.args, [
    '/dagger-wf/output',
    '/dagger-wf/outputs',
    'v',
  ]);
  assert.deepEqual(produce.outputs?.parameters, [{ name: 'v', valueFrom: { path: '/dagger-wf/outputs/v' } }]);
  const consume = templateNamed(exported, 'consume');
  assert.ok(consume.container, 'nobody reads its outputs');
  assert.deepEqual(consume.inputs?.parameters, [{ name: 'produce_v' }]);
  assert.deepEqual(consume.container?.args, ['{{inputs.parameters.produce_v}}']);
  assert.deepEqual(taskNamed(exported, 'consume').arguments?.parameters, [
    { name: 'produce_v', value: '{{tasks.produce.outputs.parameters.v}}' },
  ]);
  assert.ok(
    exported.notes.some((note) => note.includes('image registry.local/tools/busybox:1, which needs sh')),
  );
});

void test('workflow outputs: one step output is a global output of that step; anything else an expression of the DAG', () => {
  const exported = exportYaml(`
inputs: { env: { default: prod } }
container_config: { image: alpine:3.19 }
steps:
  - id: build
    command: ["sh", "-c", "echo tag=1 >> $DAGGER_OUTPUT"]
outputs:
  - name: tag
    value: \${steps.build.outputs.tag}
  - name: tag-again
    value: \${steps.build.outputs.tag}
  - name: image
    value: "app:\${steps.build.outputs.tag}-\${inputs.env} {{literal}}"
  - name: fixed
    value: done
`);
  assert.deepEqual(templateNamed(exported, 'build').outputs?.parameters, [
    { name: 'tag', valueFrom: { path: '/dagger-wf/outputs/tag' }, globalName: 'tag' },
    { name: 'tag-2', globalName: 'tag-again', valueFrom: { path: '/dagger-wf/outputs/tag' } },
  ]);
  const dag = templateNamed(exported, 'main');
  assert.deepEqual(dag.inputs?.parameters, [{ name: 'env' }]);
  assert.deepEqual(dag.outputs?.parameters, [
    {
      name: 'image',
      globalName: 'image',
      valueFrom: {
        expression: `"app:" + tasks['build'].outputs.parameters['tag'] + "-" + inputs.parameters['env'] + " \\u007b\\u007bliteral}}"`,
      },
    },
    { name: 'fixed', globalName: 'fixed', valueFrom: { expression: '"done"' } },
  ]);
});

void test('workflow outputs Argo cannot carry are refused, naming them', () => {
  assert.throws(
    () =>
      exportYaml(`
inputs: { token: { secret: true } }
steps: [{ id: a, image: alpine:3.19 }]
outputs:
  - { name: leaked, value: "t=\${inputs.token}" }
  - { name: "has space", value: x }
`),
    (error: unknown) =>
      error instanceof Error &&
      error.message.includes('workflow output "leaked" uses the secret input "token"') &&
      error.message.includes('workflow output "has space": Argo output names are letters, digits'),
  );
});
