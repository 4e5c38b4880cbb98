import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { assertNoStackTrace, runCli } from './run-cli.js';
import { FIXTURES, REPO_ROOT } from '../support/paths.js';

const fixture = (name: string) => relative(REPO_ROOT, join(FIXTURES, name));
const DIAMOND = fixture('seed/10-dependencies.yaml');

void test('mermaid by default: an arrow from each step to the steps that wait for it', () => {
  const result = runCli(['graph', DIAMOND]);
  assert.equal(result.status, 0);
  assert.equal(
    result.stdout,
    [
      'flowchart TD',
      '  s0["step1"]',
      '  s1["step2"]',
      '  s2["step3"]',
      '  s3["step4"]',
      '  s0 --> s1',
      '  s0 --> s2',
      '  s1 --> s3',
      '  s2 --> s3',
      '',
    ].join('\n'),
  );
});

void test('dot, with every id quoted', () => {
  const result = runCli(['graph', DIAMOND, '--format', 'dot']);
  assert.equal(result.status, 0);
  assert.equal(
    result.stdout,
    [
      'digraph workflow {',
      '  rankdir=TB;',
      '  node [shape=box];',
      '  "step1";',
      '  "step2";',
      '  "step3";',
      '  "step4";',
      '  "step1" -> "step2";',
      '  "step1" -> "step3";',
      '  "step2" -> "step4";',
      '  "step3" -> "step4";',
      '}',
      '',
    ].join('\n'),
  );
});

void test('ids that are keywords or start with a digit stay safe in both formats', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'dagger-wf-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'keywords.dagger.yaml');
  writeFileSync(
    file,
    'steps:\n  - id: end\n    image: a\n  - id: graph\n    image: a\n    depends_on: [end]\n  - id: 1st-node\n    image: a\n    depends_on: [graph]\n',
  );
  const mermaid = runCli(['graph', file]);
  assert.equal(mermaid.status, 0);
  assert.match(mermaid.stdout, /^ {2}s0\["end"\]$/m);
  assert.match(mermaid.stdout, /^ {2}s1 --> s2$/m);
  const dot = runCli(['graph', file, '--format', 'dot']);
  assert.match(dot.stdout, /^ {2}"graph" -> "1st-node";$/m);
});

void test('a cyclic workflow: its problems on stderr, nothing on stdout, exit 2', () => {
  const cyclic = fixture('validate/dw013-all-steps-one-cycle.yaml');
  const result = runCli(['graph', cyclic]);
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.match(
    lines[0] ?? '',
    /:5:18 - error DW013: dependency cycle: fetch → report → transform → fetch \(each step depends on the next\)/,
  );
  assertNoStackTrace(result);
});

void test('usage errors: no file, two files, bad format, missing file', () => {
  const cases: [string[], RegExp][] = [
    [['graph'], /^dagger-wf: graph: expected exactly one FILE/],
    [['graph', DIAMOND, DIAMOND], /^dagger-wf: graph: expected exactly one FILE/],
    [
      ['graph', DIAMOND, '--format', 'svg'],
      /^dagger-wf: graph: unknown --format "svg" \(use mermaid or dot\)\n$/,
    ],
    [['graph', 'missing.yaml'], /^dagger-wf: cannot read missing.yaml: no such file\n$/],
  ];
  for (const [args, stderr] of cases) {
    const result = runCli(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, stderr);
    assertNoStackTrace(result);
  }
});
