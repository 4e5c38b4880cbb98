// Documents no workflow should look like, through the built CLI: each gives diagnostics and exit 2,
// never a crash or a stack trace.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { assertNoStackTrace, runCli } from './run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'dagger-wf-bad-'));
// The documents (one of 5 MB) go with the test, passed or failed.
after(() => rmSync(folder, { recursive: true, force: true }));

/** Deterministic junk bytes (a linear congruential generator), NULs and invalid UTF-8 included. */
function junk(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = (state >> 16) & 255;
  }
  return bytes;
}

/** About 5 MB of steps, the last of which depends on a step that does not exist. */
function fiveMegabytes(): string {
  const lines = ['steps:'];
  let size = 0;
  let i = 0;
  for (; size < 5 * 1024 * 1024; i++) {
    const step = [
      `  - id: step-${i}`,
      '    image: alpine:3.19',
      `    command: ["echo", "${'x'.repeat(200)}"]`,
      ...(i ? [`    depends_on: [step-${i - 1}]`] : []),
    ].join('\n');
    lines.push(step);
    size += step.length + 1;
  }
  lines.push('  - id: last', '    image: alpine:3.19', '    depends_on: [step-missing]', '');
  return lines.join('\n');
}

const documents: [string, string | Buffer, RegExp][] = [
  ['an empty file', '', /:1:1 - error DW003: the file is empty/],
  [
    'a bare list',
    '- id: build\n  image: alpine\n',
    /:1:1 - error DW003: a workflow must be a mapping .*\(got a list\)/,
  ],
  [
    'a scalar',
    'just some words\n',
    /:1:1 - error DW003: a workflow must be a mapping .*\(got "just some words"\)/,
  ],
  ['tab indentation', 'steps:\n\t- id: a\n\t  image: alpine\n', /:2:1 - error DW001: Tabs are not allowed/],
  ['binary junk', junk(4096), / - error DW00[13]: /],
  [
    '5,000 nested brackets',
    '['.repeat(5000) + ']'.repeat(5000),
    /:1:257 - error DW001: brackets nested more than 256/,
  ],
  [
    '5,000 unclosed brackets',
    `steps: ${'['.repeat(5000)}`,
    /:1:264 - error DW001: brackets nested more than 256/,
  ],
  ['a 5 MB file', fiveMegabytes(), /error DW011: step "last" depends on unknown step "step-missing"/],
];

for (const [name, content, expected] of documents) {
  void test(`${name}: diagnostics, exit 2, no stack trace`, () => {
    const file = join(folder, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, content);
    for (const format of ['text', 'json']) {
      const result = runCli(['validate', '--format', format, file]);
      assert.equal(result.status, 2, `${format}: ${result.stderr}`);
      assertNoStackTrace(result);
      if (format === 'text') {
        assert.match(result.stdout, expected);
        assert.match(result.stderr, /^\d+ errors?, \d+ warnings? in 1 file\n$/);
      } else {
        const [report] = JSON.parse(result.stdout) as { diagnostics: unknown[] }[];
        assert.ok(report && report.diagnostics.length > 0);
      }
    }
  });
}
