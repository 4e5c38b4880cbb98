// The splitter script against the runner's own reader of $DAGGER_OUTPUT (core/run/parse-output-file.ts), with
// real shells: the POSIX sh of the machine, and busybox's (the default splitter image's shell) when installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPLIT_SCRIPT } from '../../../../core/export/output-splitter.js';
import { parseOutputFile } from '../../../../core/run/parse-output-file.js';

const FILES: string[] = [
  '',
  'a=1\nb=2\n',
  'a=1\na=2\n',
  'eq=x=y=z\n',
  'spaces= padded value \n',
  'multi<<EOF\nline 1\n\nline 3\nEOF\nafter=yes\n',
  'trailing<<END\nvalue\n\nEND\n',
  'empty<<END\nEND\n',
  'crlf=1\r\nheredoc<<E\r\na\r\nE\r\n',
  'k<<=EOF\nv\n=EOF\n',
  'a<=b\n',
  'noeol=last',
  '\n\nblank=lines\n\n',
  'dollar=$HOME $(x) $$ {{y}}\n',
  'glob=*\n*=star\n',
  // Malformed: each makes the step fail, as in a run.
  'oops\n',
  '=value\n',
  'x<<\n',
  '<<EOF\nEOF\n',
  'open<<EOF\nnever closed\n',
  'a=1\nbad line\nc=3\n',
];

const shells: [string, string[]][] = [['sh', ['sh']]];
if (existsSync('/usr/bin/busybox') || existsSync('/bin/busybox'))
  shells.push(['busybox sh', ['busybox', 'sh']]);

function split(shell: string[], content: string, keys: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-split-'));
  try {
    const source = join(dir, 'output');
    writeFileSync(source, content);
    const outDir = join(dir, 'outputs');
    const [command = 'sh', ...rest] = shell;
    const run = spawnSync(command, [...rest, '-c', SPLIT_SCRIPT, 'split', source, outDir, ...keys], {
      encoding: 'utf8',
    });
    const files = Object.fromEntries(
      keys
        .filter((key) => existsSync(join(outDir, key)))
        .map((key) => [key, readFileSync(join(outDir, key), 'utf8')]),
    );
    return { status: run.status, stderr: run.stderr, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [name, shell] of shells) {
  void test(`${name}: the splitter reads $DAGGER_OUTPUT exactly as a run does`, () => {
    for (const content of FILES) {
      const expected = parseOutputFile(content);
      const keys = Object.keys(expected.outputs).filter((key) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key));
      const result = split(shell, content, keys.length ? keys : ['unused']);
      const what = JSON.stringify(content);
      if (expected.problems.length) {
        assert.equal(result.status, 1, what);
        assert.equal(result.stderr, `dagger-wf: DAGGER_OUTPUT ${expected.problems[0]}\n`, what);
        continue;
      }
      if (!keys.length) {
        assert.equal(result.status, 1, `${what}: the used key "unused" was never written`);
        continue;
      }
      assert.equal(result.status, 0, `${what}: ${result.stderr}`);
      // One newline more than the value: Argo trims one when it reads an output parameter.
      const values = Object.fromEntries(keys.map((key) => [key, `${expected.outputs[key] ?? ''}\n`]));
      assert.deepEqual(result.files, values, what);
    }
  });

  void test(`${name}: a key the workflow uses but the step never wrote fails the step, naming the key`, () => {
    const result = split(shell, 'written=1\n', ['written', 'missing']);
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      'dagger-wf: the step wrote no output "missing" to DAGGER_OUTPUT, and this workflow uses it\n',
    );
  });

  void test(`${name}: keys nobody uses are read but not written`, () => {
    assert.deepEqual(split(shell, 'a=1\nb<<E\nx\nE\n', ['a']).files, { a: '1\n' });
  });
}

void test('the script holds nothing Kubernetes or Argo would rewrite in a command ($( , $$, {{)', () => {
  assert.doesNotMatch(SPLIT_SCRIPT, /\$\(|\$\$|\{\{/);
});
