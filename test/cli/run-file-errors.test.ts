import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoStackTrace, CLI, runCli } from './run-cli.js';

// Every case fails while reading files, before the engine is asked: no Docker needed.
const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-run-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const workflow = join(dir, 'wf.dagger.yaml');
writeFileSync(workflow, 'name: w\nsteps:\n  - { id: a, image: busybox, command: ["true"] }\n');
writeFileSync(join(dir, 'broken-inputs.yaml'), 'a: [x\n');
mkdirSync(join(dir, 'folder'));

void test('run: unreadable workflow, input and env files are one line naming the file and the reason, exit 2', () => {
  const cases: [string[], string][] = [
    [[dir], `dagger-wf: cannot read workflow file ${dir}: is a directory`],
    [
      [workflow, '--input-file', join(dir, 'folder')],
      `dagger-wf: run: cannot read --input-file ${join(dir, 'folder')}: is a directory`,
    ],
    [
      [workflow, '--input-file', join(dir, 'broken-inputs.yaml')],
      `dagger-wf: run: cannot read --input-file ${join(dir, 'broken-inputs.yaml')}: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:`,
    ],
    [
      [workflow, '--history-dir', join(workflow, 'runs')],
      `dagger-wf: cannot use the history folder ${join(workflow, 'runs')}: a part of the path is not a folder`,
    ],
    [
      [workflow, '--env-file', join(dir, 'missing.env')],
      `dagger-wf: cannot read env file ${join(dir, 'missing.env')}: no such file`,
    ],
  ];
  for (const [args, line] of cases) {
    const history = args.includes('--history-dir') ? [] : ['--no-history'];
    const result = runCli(['run', ...args, ...history]);
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(result.stderr, `${line}\n`);
    assertNoStackTrace(result);
  }
});

void test('the dagger-wf bin: node does not take `--env-file` after the script for its own (Node 20 reads it)', () => {
  runCli(['--version']); // builds dist/ when missing
  const env = { ...process.env, PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? ''}` };
  for (const envFile of [join(dir, 'folder'), join(dir, 'missing.env')]) {
    const result = spawnSync(CLI, ['run', workflow, '--env-file', envFile, '--no-history'], {
      encoding: 'utf8',
      env,
    });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /^dagger-wf: cannot read env file .+: (is a directory|no such file)\n$/);
  }
});
