// The adapter's breakpoint answers: moved to the step's - id: line, kept right as the file changes, function
// breakpoints by step id, another file's refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BreakpointBook } from '../../../core/debug/breakpoint-book.js';
import { parseWorkflow } from '../../../core/parse/parse-workflow.js';
import {
  setSourceBreakpoints,
  setStepBreakpoints,
  stepLocations,
} from '../../../debug-adapter/dap-breakpoints.js';

const FILE = '/w/ci.dagger.yaml';
const before = 'name: ci\nsteps:\n  - id: build\n    image: busybox\n    command: [make]\n';
// Two lines added above the step while the file is edited: VS Code sends the breakpoint on its new line.
const edited = 'name: ci\n# notes\n# more\nsteps:\n  - id: build\n    image: busybox\n    command: [make]\n';

void test('a line breakpoint moves to the - id: line, and stays on its step while lines move', () => {
  const book = new BreakpointBook();
  const source = { path: FILE };
  const [first] = setSourceBreakpoints(book, FILE, parseWorkflow(before), {
    source,
    breakpoints: [{ line: 5 }],
  });
  assert.deepEqual([first?.verified, first?.line], [true, 3]);
  const [moved] = setSourceBreakpoints(book, FILE, parseWorkflow(edited), {
    source,
    breakpoints: [{ line: 7 }],
  });
  assert.deepEqual([moved?.verified, moved?.line], [true, 5]);
  assert.deepEqual(
    book.on('build').map((breakpoint) => breakpoint.id),
    [moved?.id],
  );
  const [outside] = setSourceBreakpoints(book, FILE, parseWorkflow(edited), {
    source,
    breakpoints: [{ line: 2 }],
  });
  assert.equal(outside?.verified, false);
  assert.deepEqual(book.on('build'), []);
  assert.deepEqual(stepLocations(parseWorkflow(edited), { source, line: 1, endLine: 7 }), [
    { line: 5, column: 1 },
  ]);
});

void test("another file's breakpoints and unknown step ids are refused with the reason", () => {
  const book = new BreakpointBook();
  const workflow = parseWorkflow(before);
  const [other] = setSourceBreakpoints(book, FILE, workflow, {
    source: { path: '/w/x.dagger.yaml' },
    breakpoints: [{ line: 3 }],
  });
  assert.match(other?.message ?? '', /Not the workflow being debugged/);
  const answers = setStepBreakpoints(book, workflow, { breakpoints: [{ name: 'build' }, { name: 'biuld' }] });
  assert.deepEqual(
    answers.map((answer) => [answer.verified, answer.line, answer.message]),
    [
      [true, 3, undefined],
      [false, undefined, 'No step "biuld" in the workflow.'],
    ],
  );
});
