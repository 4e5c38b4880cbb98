import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { assertNoStackTrace, runCli } from './run-cli.js';
import { FIXTURES, REPO_ROOT } from '../support/paths.js';

const fixture = (name: string) => relative(REPO_ROOT, join(FIXTURES, name));
const CLEAN = fixture('seed/10-dependencies.yaml');
const TYPO = fixture('validate/dw011-typo-upstream-no-cycle.yaml');
const WARNING_ONLY = fixture('validate/dw019-duplicate-dependency.yaml');

void test('a clean workflow: exit 0, nothing on stdout, a summary on stderr', () => {
  const result = runCli(['validate', CLEAN]);
  assert.equal(result.status, 0);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, '0 errors, 0 warnings in 1 file\n');
});

void test('errors: tsc-style 1-based lines, exit 2', () => {
  const result = runCli(['validate', TYPO]);
  assert.equal(result.status, 2);
  assert.deepEqual(result.stdout.trimEnd().split('\n'), [
    `${TYPO}:8:18 - error DW011: step "test" depends on unknown step "biuld" (did you mean "build"?)`,
    `${TYPO}:16:9 - error DW011: step "deploy" depends on unknown step "tset" (did you mean "test"?)`,
    `${TYPO}:17:9 - error DW011: step "deploy" depends on unknown step "nothing-like-it"`,
  ]);
  assert.equal(result.stderr, '3 errors, 0 warnings in 1 file\n');
});

void test('warnings alone still exit 0', () => {
  const result = runCli(['validate', WARNING_ONLY]);
  assert.equal(result.status, 0);
  assert.match(
    result.stdout,
    /:9:9 - warning DW019: step "test" lists "build" more than once in depends_on\n$/,
  );
  assert.equal(result.stderr, '0 errors, 1 warning in 1 file\n');
});

void test('--format json: exactly the docs/cli.md array, 0-based ranges, one entry per file', () => {
  const result = runCli(['validate', '--format', 'json', CLEAN, TYPO]);
  assert.equal(result.status, 2);
  const parsed = JSON.parse(result.stdout) as unknown;
  assert.deepEqual(parsed, [
    { file: CLEAN, diagnostics: [] },
    {
      file: TYPO,
      diagnostics: [
        {
          code: 'DW011',
          severity: 'error',
          message: 'step "test" depends on unknown step "biuld" (did you mean "build"?)',
          range: { start: { line: 7, character: 17 }, end: { line: 7, character: 22 } },
        },
        {
          code: 'DW011',
          severity: 'error',
          message: 'step "deploy" depends on unknown step "tset" (did you mean "test"?)',
          range: { start: { line: 15, character: 8 }, end: { line: 15, character: 12 } },
        },
        {
          code: 'DW011',
          severity: 'error',
          message: 'step "deploy" depends on unknown step "nothing-like-it"',
          range: { start: { line: 16, character: 8 }, end: { line: 16, character: 23 } },
        },
      ],
    },
  ]);
});

void test('a missing file is one clear line and exit 2, before any output', () => {
  const result = runCli(['validate', CLEAN, 'no/such/file.dagger.yaml']);
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, 'dagger-wf: cannot read no/such/file.dagger.yaml: no such file\n');
});

void test('a folder instead of a file is one clear line', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'dagger-wf-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const result = runCli(['validate', folder]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^dagger-wf: cannot read .+: is a directory\n$/);
});

void test('usage errors: unknown flag, bad --format, no file, unknown command, no command', () => {
  const cases: [string[], RegExp][] = [
    [['validate', '--strict', CLEAN], /^dagger-wf: validate: Unknown option '--strict'\n$/],
    [
      ['validate', '--format', 'xml', CLEAN],
      /^dagger-wf: validate: unknown --format "xml" \(use text or json\)\n$/,
    ],
    [['validate'], /^dagger-wf: validate: no FILE given/],
    [['valdate', CLEAN], /^dagger-wf: unknown command "valdate"/],
    [['--bogus'], /^dagger-wf: unknown option "--bogus"/],
    [[], /^Usage: dagger-wf <command>/],
  ];
  for (const [args, stderr] of cases) {
    const result = runCli(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, stderr, args.join(' '));
    assertNoStackTrace(result);
  }
});

void test('--help for the program and for each command; --version', () => {
  const top = runCli(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /^Usage: dagger-wf <command>/);
  assert.match(top.stdout, /validate {2}check workflow files/);
  assert.match(top.stdout, /graph {5}print the dependency graph/);
  for (const command of ['validate', 'graph']) {
    const help = runCli([command, '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, new RegExp(`^Usage: dagger-wf ${command} FILE`));
  }
  const version = runCli(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

void test('several files: the summary counts all of them; relative paths are printed as given', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'dagger-wf-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, 'a.dagger.yaml'), 'steps:\n  - id: a\n    image: alpine\n');
  writeFileSync(join(folder, 'b.dagger.yaml'), 'steps:\n  - id: b\n    imagee: alpine\n');
  const result = runCli(['validate', 'a.dagger.yaml', 'b.dagger.yaml'], { cwd: folder });
  assert.equal(result.status, 2);
  assert.deepEqual(result.stdout.trimEnd().split('\n'), [
    'b.dagger.yaml:2:9 - error DW014: step "b" has no image (set "image" on the step or in container_config)',
    'b.dagger.yaml:3:5 - error DW002: step "b": unknown property "imagee" (did you mean "image"?)',
  ]);
  assert.equal(result.stderr, '2 errors, 0 warnings in 2 files\n');
});
