import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CachedWorkflowParser } from '../../../../core/incremental/cached-workflow-parser.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { readWorkflowFile } from '../../../../core/parse/read-workflow-file.js';
import { MAX_WORKFLOW_BYTES } from '../../../../core/parse/workflow-size.js';
import { validateText, validateWorkflow } from '../../../../core/validate/validate-workflow.js';

const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-size-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A valid workflow padded with a comment to exactly `bytes` bytes of UTF-8 (`unit` is the padding character). */
function workflowOf(bytes: number, unit = 'x'): string {
  const head = 'steps:\n  - id: a\n    image: alpine\n# ';
  const unitBytes = Buffer.byteLength(unit);
  const padding = bytes - Buffer.byteLength(head);
  return head + unit.repeat(Math.floor(padding / unitBytes)) + 'x'.repeat(padding % unitBytes);
}

const TOO_LARGE =
  /^the file has 8,388,6\d\d bytes, more than the 8 MiB \(8,388,608 bytes\) a workflow file may have; it was not read$/;

void test('a workflow of exactly the limit is read; one byte more is one DW001 at the start, unparsed', () => {
  assert.deepEqual(validateText(workflowOf(MAX_WORKFLOW_BYTES)), []);
  const diagnostics = validateText(workflowOf(MAX_WORKFLOW_BYTES + 1));
  assert.equal(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  assert.equal(diagnostic?.code, 'DW001');
  assert.match(diagnostic?.message ?? '', TOO_LARGE);
  assert.deepEqual(diagnostic?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(parseWorkflow(workflowOf(MAX_WORKFLOW_BYTES + 1)).yaml.document.contents, null);
});

void test('the limit counts bytes, not characters: 3-byte characters reach it at a third of the length', () => {
  const text = workflowOf(MAX_WORKFLOW_BYTES + 3, '€');
  assert.ok(text.length < MAX_WORKFLOW_BYTES / 2);
  assert.match(validateText(text)[0]?.message ?? '', TOO_LARGE);
});

void test('a file over the limit is refused without reading it; the incremental parser does not read it either', () => {
  const file = join(dir, 'big.dagger.yaml');
  writeFileSync(file, workflowOf(MAX_WORKFLOW_BYTES + 1));
  const fromFile = readWorkflowFile(file);
  assert.equal(fromFile.source.text, '', 'the text was never read');
  assert.match(validateWorkflow(fromFile)[0]?.message ?? '', TOO_LARGE);
  const parser = new CachedWorkflowParser();
  assert.equal(parser.parseQuickly(workflowOf(MAX_WORKFLOW_BYTES + 1)), undefined);
  assert.match(parser.parse(workflowOf(MAX_WORKFLOW_BYTES + 1)).syntaxProblems[0]?.message ?? '', TOO_LARGE);
  assert.match(
    validateWorkflow(parser.parse(workflowOf(MAX_WORKFLOW_BYTES + 1)))[0]?.message ?? '',
    TOO_LARGE,
  );
});
