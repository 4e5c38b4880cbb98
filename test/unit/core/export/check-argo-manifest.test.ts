// The check every export passes before it is returned catches each rule of Argo's that the schema does not
// carry: each mutation of a valid export below must be reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArgoWorkflow } from '../../../../core/export/argo-types.js';
import { checkArgoManifest } from '../../../../core/export/check-argo-manifest.js';
import { exportForTests, goldenWorkflows } from './support/golden-exports.js';

function allFeatures(): ArgoWorkflow {
  const file = goldenWorkflows().find((workflow) => workflow.name === 'all-features')?.file ?? '';
  return structuredClone(exportForTests(file).manifest);
}

const template = (manifest: ArgoWorkflow, name: string) => {
  const found = manifest.spec.templates.find((candidate) => candidate.name === name);
  assert.ok(found, name);
  return found;
};
/** The value, asserted present (the mutations reach into an export whose shape the test knows). */
function must<T>(value: T | undefined | null): T {
  assert.ok(value !== undefined && value !== null);
  return value;
}
const task = (manifest: ArgoWorkflow, name: string) => {
  const found = manifest.spec.templates[0]?.dag?.tasks.find((candidate) => candidate.name === name);
  assert.ok(found, name);
  return found;
};

const MUTATIONS: [string, (manifest: ArgoWorkflow) => void, RegExp][] = [
  ['a task name with "_"', (m) => (task(m, 'build').name = 'build_it'), /task name "build_it" is invalid/],
  ['a task name starting with a digit', (m) => (task(m, 'build').name = '1build'), /starts with a digit/],
  [
    'two templates of one name',
    (m) => (template(m, 'notify').name = 'publish'),
    /two templates are named "publish"/,
  ],
  [
    'depends on an unknown task',
    (m) => (task(m, 'notify').depends = 'pubish'),
    /depends on unknown task "pubish"/,
  ],
  ['a malformed depends', (m) => (task(m, 'notify').depends = 'publish &&'), /incomplete depends/],
  [
    'an unknown task result',
    (m) => (task(m, 'notify').depends = 'publish.Done'),
    /unknown task result "Done"/,
  ],
  ['a cycle', (m) => (task(m, 'build').depends = 'notify'), /cycle/],
  [
    'continueOn beside depends',
    (m) => Object.assign(task(m, 'notify'), { continueOn: { failed: true } }),
    /continueOn/,
  ],
  ['a missing argument', (m) => (task(m, 'notify').arguments = undefined), /gives no argument "build_tag"/],
  [
    'a tag no scope resolves',
    (m) => template(m, 'notify').container?.args?.push('{{inputs.parameters.nope}}'),
    /\{\{inputs.parameters.nope\}\} cannot be resolved/,
  ],
  [
    'a task output read by a task that does not depend on it',
    (m) =>
      (task(m, 'build').arguments = {
        parameters: [{ name: 'x', value: '{{tasks.notify.outputs.parameters.tag}}' }],
      }),
    /\{\{tasks.notify.outputs.parameters.tag\}\} cannot be resolved/,
  ],
  ['an unclosed tag', (m) => template(m, 'notify').container?.args?.push('{{oops'), /"\{\{" without "\}\}"/],
  ['a tag in metadata', (m) => (m.metadata.generateName = '{{x}}-'), /holds "\{\{"/],
  [
    'an undeclared volume',
    (m) => template(m, 'notify').container?.volumeMounts?.push({ name: 'ghost', mountPath: '/g' }),
    /mounts undeclared volume "ghost"/,
  ],
  [
    'a mount path used twice',
    (m) =>
      template(m, 'notify').container?.volumeMounts?.push({
        name: 'dagger-wf-output',
        mountPath: '/dagger-wf',
      }),
    /mount path "\/dagger-wf" is relative or used twice/,
  ],
  [
    'a deadline that is no integer string',
    (m) => (template(m, 'notify').activeDeadlineSeconds = '1.5'),
    /activeDeadlineSeconds "1.5"/,
  ],
  [
    'a malformed quantity',
    (m) => (must(must(template(m, 'notify').container).resources).limits.memory = '512M'),
    /malformed resource quantity/,
  ],
  [
    'an entrypoint that is no template',
    (m) => (m.spec.entrypoint = 'start'),
    /entrypoint "start" is no template/,
  ],
  [
    'outputs of a container set without main',
    (m) => (must(must(template(m, 'build').containerSet).containers[1]).name = 'split'),
    /no container "main"/,
  ],
  [
    'a global output set twice',
    (m) => (must(must(template(m, 'build').outputs).parameters[1]).globalName = 'tag'),
    /global output "tag" is set twice/,
  ],
  [
    'an invalid Secret reference',
    (m) => (must(must(must(template(m, 'publish').container?.env)[0]).valueFrom).secretKeyRef.key = 'a/b'),
    /invalid Secret reference/,
  ],
  [
    'a DAG output reading an unknown parameter',
    (m) =>
      (must(must(must(template(m, 'main').outputs).parameters[0]).valueFrom).expression =
        "tasks['build'].outputs.parameters['nope']"),
    /reads unknown build.nope/,
  ],
];

void test('a valid export has no problem', () => {
  assert.deepEqual(checkArgoManifest(allFeatures()), []);
});

for (const [what, mutate, expected] of MUTATIONS) {
  void test(`the check reports ${what}`, () => {
    const manifest = allFeatures();
    mutate(manifest);
    const problems = checkArgoManifest(manifest);
    assert.ok(
      problems.some((problem) => expected.test(problem)),
      `got: ${problems.join(' | ') || 'nothing'}`,
    );
  });
}
