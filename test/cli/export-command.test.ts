// `dagger-wf export argo`: the built CLI, end to end (no engine needed).
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { argoSchemaErrors } from '../unit/core/export/support/argo-schema.js';
import { assertNoStackTrace, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const RETRIES = 'examples/retries-and-gates.dagger.yaml';

void test('export argo FILE prints the manifest on stdout and what the cluster needs on stderr', () => {
  const result = runCli(['export', 'argo', 'examples/hello.dagger.yaml']);
  assert.equal(result.status, 0, result.stderr);
  const manifest = parse(result.stdout) as { kind: string; metadata: { generateName: string } };
  assert.deepEqual(argoSchemaErrors(manifest), []);
  assert.equal(manifest.kind, 'Workflow');
  assert.equal(manifest.metadata.generateName, 'hello-');
  assert.match(
    result.stderr,
    /^note: step outputs: other steps read the outputs of steps "greet", "count-letters", "shout"/,
  );
});

void test('-o writes the file (and only it), with --name, --namespace and --volume-claim applied', () => {
  const out = join(dir, 'retries.yaml');
  const result = runCli([
    'export',
    'argo',
    RETRIES,
    '-o',
    out,
    '--name',
    'nightly',
    '--namespace',
    'ci',
    '--volume-claim',
    './state=flaky-state',
  ]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '');
  const manifest = parse(readFileSync(out, 'utf8')) as {
    metadata: Record<string, string>;
    spec: { volumes: { persistentVolumeClaim?: { claimName: string } }[] };
  };
  assert.deepEqual(argoSchemaErrors(manifest), []);
  assert.equal(manifest.metadata.name, 'nightly');
  assert.equal(manifest.metadata.namespace, 'ci');
  assert.equal(manifest.spec.volumes[0]?.persistentVolumeClaim?.claimName, 'flaky-state');
  assert.deepEqual(readdirSync(dir), ['retries.yaml'], 'no temporary file is left');
});

void test('a workflow that cannot be exported is one line naming the volume, exit 2, and no file is written', () => {
  const out = join(dir, 'never.yaml');
  const result = runCli(['export', 'argo', RETRIES, '-o', out]);
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /^dagger-wf: step "flaky-fetch": volume source "\.\/state" has no claim on the cluster: pass --volume-claim \.\/state=<PersistentVolumeClaim> \(or --allow-host-path to mount \/.+\/examples\/state of the node\)\n$/,
  );
  assertNoStackTrace(result);
  assert.equal(existsSync(out), false);
});

void test('an existing OUT is left as it was when the export fails', () => {
  const out = join(dir, 'kept.yaml');
  writeFileSync(out, 'previous manifest\n');
  assert.equal(runCli(['export', 'argo', RETRIES, '-o', out]).status, 2);
  assert.equal(readFileSync(out, 'utf8'), 'previous manifest\n');
});

void test('an unset ${VAR} is the same error as dagger-wf run gives', () => {
  const workflow = join(dir, 'vars.dagger.yaml');
  writeFileSync(
    workflow,
    'steps:\n  - id: a\n    image: busybox\n    environment: { K: "${DAGGER_WF_TEST_NEVER_SET}" }\n',
  );
  const exported = runCli(['export', 'argo', workflow]);
  const ran = runCli(['run', workflow, '--no-history']);
  assert.equal(exported.status, 2);
  assert.equal(
    exported.stderr,
    'dagger-wf: environment variable not set and without default: DAGGER_WF_TEST_NEVER_SET\n',
  );
  assert.equal(exported.stderr, ran.stderr);
});

void test('--env-file feeds ${NAME} as for run, and the value written into the manifest is pointed out', () => {
  const workflow = join(dir, 'env.dagger.yaml');
  writeFileSync(
    workflow,
    'steps:\n  - id: a\n    image: busybox\n    environment: { K: "${DAGGER_WF_TEST_FROM_FILE}" }\n',
  );
  const envFile = join(dir, 'values.env');
  writeFileSync(envFile, 'DAGGER_WF_TEST_FROM_FILE=from-the-file\n');
  const result = runCli(['export', 'argo', workflow, '--env-file', envFile]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /- name: K\n\s+value: from-the-file\n/);
  assert.match(
    result.stderr,
    /note: \$\{DAGGER_WF_TEST_FROM_FILE\} came from the \.env file and is written into the manifest as plain text/,
  );
  rmSync(envFile);
  rmSync(workflow);
});

void test('an invalid workflow prints its diagnostics as validate does', () => {
  const workflow = join(dir, 'invalid.dagger.yaml');
  writeFileSync(workflow, 'steps:\n  - id: a\n    image: busybox\n    depends_on: [b]\n');
  const result = runCli(['export', 'argo', workflow]);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, `${workflow}:4:18 - error DW011: step "a" depends on unknown step "b"\n`);
});

void test('usage mistakes are one line each, exit 2', () => {
  const cases: [string[], string][] = [
    [['export'], 'dagger-wf: export: no target (use: dagger-wf export argo FILE)'],
    [
      ['export', 'tekton', RETRIES],
      'dagger-wf: export: unknown target "tekton" (use: dagger-wf export argo FILE)',
    ],
    [
      ['export', 'argo'],
      'dagger-wf: export: expected exactly one workflow FILE (see dagger-wf export --help)',
    ],
    [
      ['export', 'argo', RETRIES, '--volume-claim', 'state'],
      'dagger-wf: export: --volume-claim "state" is not SOURCE=PVC',
    ],
    [
      ['export', 'argo', RETRIES, '--name', 'Not_Valid', '--allow-host-path'],
      'dagger-wf: workflow name "Not_Valid" is not a valid name (lowercase letters, digits, "-" and ".", at most 63)',
    ],
  ];
  for (const [args, line] of cases) {
    const result = runCli(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(result.stderr, `${line}\n`, args.join(' '));
    assertNoStackTrace(result);
  }
});

void test('export --help documents the flags', () => {
  const result = runCli(['export', '--help']);
  assert.equal(result.status, 0);
  for (const flag of [
    '--volume-claim SOURCE=PVC',
    '--allow-host-path',
    '--name',
    '--namespace',
    '-o, --output',
    '--output-image',
  ])
    assert.ok(result.stdout.includes(flag), flag);
});
