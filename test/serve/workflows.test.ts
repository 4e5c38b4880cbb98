import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bundledCli,
  IMAGE,
  requireTestImage,
  startTestServer,
  TOKEN,
  workspace,
  type Execution,
} from './serve-helpers.js';

before(requireTestImage);

const workflow = (name: string, extra = '') =>
  `name: ${name}\n${extra}steps:\n  - { id: s, image: ${IMAGE}, command: [echo, "${name}"] }\n`;

interface Listed {
  id: string;
  name: string;
  description: string | null;
  inputs: Record<string, unknown> | null;
  valid: boolean;
  file: string;
  errors?: { code: string; message: string; range: unknown }[];
}

void test('the workflow files under DIR are listed by id (file name without its extensions), invalid ones too', async () => {
  const { getJson, api } = await startTestServer({
    'a.dagger.yaml': workflow('A', 'description: first\n'),
    'sub/b.dagger.yml': workflow('B'),
    'dagger/workflows/c.yaml': workflow('C'),
    'marked.yml': `# dagger-workflow\n${workflow('Marked')}`,
    'plain.yaml': 'not: a workflow\n',
    'node_modules/pkg/x.dagger.yaml': workflow('X'),
    '.hidden/y.dagger.yaml': workflow('Y'),
    'broken.dagger.yaml': 'name: broken\nsteps:\n  - id: a\n',
    'inputs.dagger.yaml': workflow(
      'Inputs',
      'inputs:\n  who: { description: Whom, default: you }\n  key: { required: true, secret: true, default: hunter22 }\n',
    ),
  });
  const listed = await getJson<Listed[]>('/dagger/workflows');
  assert.deepEqual(
    listed.map((w) => [w.id, w.file, w.valid]),
    [
      ['a', 'a.dagger.yaml', true],
      ['b', 'sub/b.dagger.yml', true],
      ['broken', 'broken.dagger.yaml', false],
      ['c', 'dagger/workflows/c.yaml', true],
      ['inputs', 'inputs.dagger.yaml', true],
      ['marked', 'marked.yml', true],
    ],
  );
  const a = listed.find((w) => w.id === 'a');
  assert.deepEqual(a, {
    id: 'a',
    name: 'A',
    description: 'first',
    inputs: null,
    valid: true,
    file: 'a.dagger.yaml',
  });
  assert.deepEqual(listed.find((w) => w.id === 'inputs')?.inputs, {
    who: { description: 'Whom', default: 'you', required: false, secret: false },
    // A secret input's default is a secret as well.
    key: { default: '***', required: true, secret: true },
  });
  const broken = listed.find((w) => w.id === 'broken');
  assert.equal(broken?.errors?.[0]?.code, 'DW014');
  assert.match(broken?.errors?.[0]?.message ?? '', /has no image/);

  const refused = await api('/dagger/workflows/broken/execute', { method: 'POST' });
  assert.equal(refused.status, 422);
  const problem = (await refused.json()) as { detail: string; errors: { code: string; range: unknown }[] };
  assert.match(problem.detail, /workflow "broken" \(broken.dagger.yaml\) has errors/);
  assert.deepEqual(
    problem.errors.map((error) => error.code),
    ['DW014'],
  );
  assert.deepEqual(problem.errors[0]?.range, {
    start: { line: 2, character: 8 },
    end: { line: 2, character: 9 },
  });

  assert.equal((await getJson<Listed>('/dagger/workflows/c')).name, 'C');
  const unknown = await api('/dagger/workflows/nope');
  assert.equal(unknown.status, 404);
  assert.match(
    ((await unknown.json()) as { detail: string }).detail,
    /no workflow "nope" \(workflows: a, b, broken, c, inputs, marked\)/,
  );
});

void test('workflow files are read again when they change: edited, added, removed, broken and fixed', async () => {
  const { getJson, api, workflowsDir } = await startTestServer({ 'w.dagger.yaml': workflow('First') });
  assert.equal((await getJson<Listed>('/dagger/workflows/w')).name, 'First');
  writeFileSync(join(workflowsDir, 'w.dagger.yaml'), workflow('Second'));
  assert.equal((await getJson<Listed>('/dagger/workflows/w')).name, 'Second');
  // An execution runs the text as it is at the time of the request.
  const ran = (await (
    await api('/dagger/workflows/w/execute?wait=120', { method: 'POST' })
  ).json()) as Execution;
  assert.equal(ran.status, 'succeeded');
  assert.equal(await (await api(`/dagger/executions/${ran.execution_id}/steps/s/logs`)).text(), 'Second\n');

  writeFileSync(join(workflowsDir, 'w.dagger.yaml'), 'name: w\nsteps:\n  - { id: s, command: [echo] }\n');
  assert.equal((await getJson<Listed>('/dagger/workflows/w')).valid, false);
  assert.equal((await api('/dagger/workflows/w/execute', { method: 'POST' })).status, 422);
  writeFileSync(join(workflowsDir, 'w.dagger.yaml'), workflow('Fixed'));
  assert.equal((await getJson<Listed>('/dagger/workflows/w')).valid, true);

  writeFileSync(join(workflowsDir, 'new.dagger.yaml'), workflow('New'));
  assert.deepEqual(
    (await getJson<Listed[]>('/dagger/workflows')).map((w) => w.id),
    ['new', 'w'],
  );
  rmSync(join(workflowsDir, 'new.dagger.yaml'));
  assert.equal((await api('/dagger/workflows/new/execute', { method: 'POST' })).status, 404);

  // A second file with the same id, added while serving: the id is listed once, invalid, naming both files.
  writeFileSync(join(workflowsDir, 'w.yaml'), `# dagger-workflow\n${workflow('Clash')}`);
  const clash = (await getJson<Listed[]>('/dagger/workflows')).find((w) => w.id === 'w');
  assert.equal(clash?.valid, false);
  assert.match(clash?.errors?.[0]?.message ?? '', /workflow id "w" is used by w.dagger.yaml and w.yaml/);
  assert.equal((await api('/dagger/workflows/w/execute', { method: 'POST' })).status, 422);
});

void test('two files with one id are refused at start, naming both (exit code 2)', () => {
  const dir = workspace({
    'deploy.dagger.yaml': workflow('A'),
    'dagger/workflows/deploy.yml': workflow('B'),
  });
  const result = spawnSync(
    process.execPath,
    ['--', bundledCli(), 'serve', dir, '--port', '0', '--state-dir', workspace({})],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, DAGGER_WF_TOKEN: TOKEN },
      timeout: 60_000,
    },
  );
  assert.equal(result.status, 2, result.stderr);
  assert.equal(
    result.stderr,
    'dagger-wf serve: workflow id "deploy" is used by dagger/workflows/deploy.yml and deploy.dagger.yaml: rename one of each pair\n',
  );
});
