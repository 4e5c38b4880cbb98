// Volumes map to claims or node paths, never silently; and a workflow that a run would refuse, the export refuses
// with the same error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { exportArgo } from '../../../../core/export/export-argo.js';
import { ExportError } from '../../../../core/export/export-errors.js';
import { prepareRun } from '../../../../core/run/prepare-run.js';
import { InvalidWorkflowError, MissingVariablesError } from '../../../../core/run/run-errors.js';
import { exportYaml, folderWith, templateNamed, validExport } from './support/export-workflow.js';

const VOLUMES = `
container_config:
  image: alpine:3.19
  volumes: [{ source: ./data, target: /data }]
steps:
  - id: read
  - id: write
    volumes: [{ source: /var/cache/app, target: /cache }]
`;

void test('a volume source maps to the claim given for it (as written, or as a path), shared by the steps that mount it', () => {
  const exported = exportYaml(VOLUMES, {
    volumeClaims: [
      { source: './data', claim: 'datasets' },
      { source: '/var/cache/app', claim: 'app-cache' },
    ],
  });
  assert.deepEqual(exported.manifest.spec.volumes, [
    { name: 'claim-datasets', persistentVolumeClaim: { claimName: 'datasets' } },
    { name: 'claim-app-cache', persistentVolumeClaim: { claimName: 'app-cache' } },
    { name: 'dagger-wf-output', emptyDir: {} },
  ]);
  assert.deepEqual(templateNamed(exported, 'write').container?.volumeMounts, [
    { name: 'claim-datasets', mountPath: '/data' },
    { name: 'claim-app-cache', mountPath: '/cache' },
    { name: 'dagger-wf-output', mountPath: '/dagger-wf' },
  ]);
  assert.deepEqual(templateNamed(exported, 'read').container?.volumeMounts?.[0], {
    name: 'claim-datasets',
    mountPath: '/data',
  });
  // A path relative to where the command runs names the same source.
  const folder = folderWith({ 'flows/wf.dagger.yaml': VOLUMES });
  const byPath = validExport(
    exportArgo({
      workflowFile: join(folder, 'flows/wf.dagger.yaml'),
      hostEnv: {},
      cwd: folder,
      volumeClaims: [
        { source: 'flows/data', claim: 'datasets' },
        { source: '/var/cache/app', claim: 'app-cache' },
      ],
    }),
  );
  assert.equal(byPath.manifest.spec.volumes?.[0]?.persistentVolumeClaim?.claimName, 'datasets');
});

void test('without a claim a volume is refused, naming step and source; --allow-host-path mounts the node path', () => {
  assert.throws(
    () => exportYaml(VOLUMES, { volumeClaims: [{ source: './data', claim: 'datasets' }] }),
    (error: unknown) =>
      error instanceof ExportError &&
      error.problems.length === 1 &&
      error.problems[0] ===
        'step "write": volume source "/var/cache/app" has no claim on the cluster: pass --volume-claim /var/cache/app=<PersistentVolumeClaim> (or --allow-host-path to mount /var/cache/app of the node)',
  );
  const exported = exportYaml(VOLUMES, {
    volumeClaims: [{ source: './data', claim: 'datasets' }],
    allowHostPath: true,
  });
  assert.deepEqual(exported.manifest.spec.volumes?.[1], {
    name: 'host',
    hostPath: { path: '/var/cache/app' },
  });
  assert.ok(
    exported.notes.includes('volumes: /var/cache/app are mounted from the node each pod runs on (hostPath)'),
  );
});

void test('a claim for a source no step mounts is a mistake worth hearing about', () => {
  assert.throws(
    () =>
      exportYaml(VOLUMES, { allowHostPath: true, volumeClaims: [{ source: './dta', claim: 'datasets' }] }),
    /--volume-claim \.\/dta=datasets: no volume of the workflow has the source "\.\/dta"/,
  );
});

void test('volumes the export cannot map are refused', () => {
  assert.throws(
    () =>
      exportYaml(
        `steps: [{ id: a, image: alpine:3.19, volumes: [{ source: "/data/\${inputs.day}", target: /data }] }]`,
        { allowHostPath: true },
      ),
    /step "a": a volume uses an input or a step output/,
  );
  assert.throws(
    () =>
      exportYaml(`steps: [{ id: a, image: alpine:3.19, volumes: [{ source: /x, target: /dagger-wf/x }] }]`, {
        allowHostPath: true,
      }),
    /step "a": volume target "\/dagger-wf\/x" is where the export keeps DAGGER_OUTPUT/,
  );
  assert.throws(
    () =>
      exportYaml(`steps: [{ id: a, image: alpine:3.19, volumes: [{ source: "/d/{{x}}", target: /d }] }]`, {
        allowHostPath: true,
      }),
    /step "a": volume "\/d\/\{\{x\}\}:\/d" holds "\{\{", which Argo would read as a template tag/,
  );
});

void test('an invalid workflow is refused with the diagnostics a run gives', () => {
  const yaml = 'steps:\n  - id: a\n    image: alpine:3.19\n    depends_on: [biuld]\n';
  const folder = folderWith({ 'wf.dagger.yaml': yaml });
  const workflowFile = join(folder, 'wf.dagger.yaml');
  const fromRun = captured(() => prepareRun({ workflowFile, hostEnv: {} }));
  const fromExport = captured(() => exportArgo({ workflowFile, hostEnv: {} }));
  assert.ok(fromExport instanceof InvalidWorkflowError);
  assert.equal(fromExport.message, (fromRun as Error).message);
  assert.match(fromExport.message, /DW011: step "a" depends on unknown step "biuld"/);
});

void test('an unset ${VAR} without default is the same error as in a run', () => {
  const yaml =
    'steps:\n  - id: a\n    image: alpine:3.19\n    environment: { KEY: "${API_KEY}", URL: "${BASE_URL:-x}", B: "${B_TOKEN}" }\n';
  const folder = folderWith({ 'wf.dagger.yaml': yaml });
  const workflowFile = join(folder, 'wf.dagger.yaml');
  const fromRun = captured(() => prepareRun({ workflowFile, hostEnv: {} }));
  const fromExport = captured(() => exportArgo({ workflowFile, hostEnv: {} }));
  assert.ok(fromExport instanceof MissingVariablesError);
  assert.equal(fromExport.message, (fromRun as Error).message);
  assert.equal(fromExport.message, 'environment variables not set and without default: API_KEY, B_TOKEN');
});

void test('names the caller gives are checked, every problem at once', () => {
  assert.throws(
    () =>
      exportYaml('steps: [{ id: a, image: alpine:3.19 }]', {
        name: 'My_Workflow',
        namespace: 'Team A',
        secretName: 'bad/secret',
        outputImage: 'not an image',
        volumeClaims: [{ source: '/x', claim: 'UPPER' }],
      }),
    (error: unknown) =>
      error instanceof ExportError &&
      error.problems.length === 5 &&
      error.problems[0]?.startsWith('workflow name "My_Workflow" is not a valid name') === true,
  );
  const named = exportYaml('steps: [{ id: a, image: alpine:3.19 }]', { name: 'nightly', namespace: 'ci' });
  assert.deepEqual(
    [named.manifest.metadata.name, named.manifest.metadata.generateName, named.manifest.metadata.namespace],
    ['nightly', undefined, 'ci'],
  );
});

void test('an environment variable name Kubernetes refuses is refused here, naming step and variable', () => {
  assert.throws(
    () => exportYaml('steps: [{ id: a, image: alpine:3.19, environment: { "1ST": x } }]'),
    /step "a": environment variable "1ST" is not a valid name in Kubernetes/,
  );
});

function captured(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
