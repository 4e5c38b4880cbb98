// "Validate must say what run will say" (issue 8): whatever the runner refuses before any container starts,
// for a reason the text alone shows, `validateText` reports as an error with a range — the same list.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { prepareRun } from '../../../../core/run/prepare-run.js';
import { InvalidWorkflowError } from '../../../../core/run/run-errors.js';
import { validateText } from '../../../../core/validate/validate-workflow.js';

const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-parity-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** What prepareRun (the first thing every run does) refuses the text with; undefined when it accepts it. */
function refusal(text: string) {
  try {
    prepareRun({ workflowFile: join(dir, 'wf.dagger.yaml'), text, hostEnv: {}, inputs: {} });
    return undefined;
  } catch (error) {
    if (error instanceof InvalidWorkflowError) return error.diagnostics;
    throw error;
  }
}

const cases: [string, string, string][] = [
  ['no steps', 'steps: []\n', 'DW003'],
  ['a shell command in an image', 'steps:\n  - id: a\n    image: "repo/x;rm -rf /:latest"\n', 'DW024'],
  ['a flag as an image', 'steps:\n  - id: a\n    image: --privileged\n', 'DW024'],
  ['an invalid default image', 'container_config:\n  image: Alpine\nsteps:\n  - id: a\n', 'DW024'],
  [
    'a relative volume target',
    'steps:\n  - id: a\n    image: alpine\n    volumes:\n      - { source: ., target: data }\n',
    'DW025',
  ],
  // A comment cannot hide what no run could get past: validate keeps it, as run does.
  [
    'an ignored unknown dependency',
    'steps:\n  - id: a\n    image: alpine\n    # dagger-ignore DW011\n    depends_on: [b]\n',
    'DW011',
  ],
  [
    'an ignored cycle',
    'steps:\n  - id: a\n    image: alpine\n    # dagger-ignore DW013\n    depends_on: [b]\n  - id: b\n    image: alpine\n    depends_on: [a]\n',
    'DW013',
  ],
  ['a step without id', 'steps:\n  - image: alpine\n', 'DW003'],
];

for (const [name, text, code] of cases) {
  void test(`${name}: validate reports ${code} with a range, and run refuses with exactly those errors`, () => {
    const errors = validateText(text).filter((diagnostic) => diagnostic.severity === 'error');
    assert.ok(
      errors.some((diagnostic) => diagnostic.code === code),
      JSON.stringify(errors.map((d) => d.message)),
    );
    for (const error of errors) assert.ok(error.range.end.line >= error.range.start.line);
    assert.deepEqual(refusal(text), errors);
  });
}

void test('what validate accepts (warnings and ignored errors included), run does not refuse', () => {
  for (const text of [
    'steps:\n  - id: a\n    image: alpine\n  - id: b\n    image: alpine\n    depends_on: [a, a]\n',
    'steps:\n  - id: a\n    image: ${REGISTRY:-docker.io}/library/alpine\n',
    'steps:\n  - id: a\n    image: alpine\n    # dagger-ignore DW024\n  - id: b\n    # dagger-ignore DW024\n    image: Alpine\n',
  ]) {
    assert.deepEqual(
      validateText(text).filter((diagnostic) => diagnostic.severity === 'error'),
      [],
    );
    assert.equal(refusal(text), undefined, text);
  }
});
