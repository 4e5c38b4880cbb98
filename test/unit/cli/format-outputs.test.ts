import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatOutputs } from '../../../cli/print-outputs.js';
import { parseOutputFile } from '../../../core/run/parse-output-file.js';

void test('outputs print as name=value, multi-line ones as a heredoc, and read back as they were', () => {
  const outputs = {
    version: '1.2.3',
    notes: 'line one\nline two',
    tricky: 'EOF\nEOF_1\nend',
    empty: '',
  };
  const text = formatOutputs(outputs);
  assert.equal(
    text,
    'version=1.2.3\nnotes<<EOF\nline one\nline two\nEOF\ntricky<<EOF_2\nEOF\nEOF_1\nend\nEOF_2\nempty=\n',
  );
  assert.deepEqual(parseOutputFile(text), { outputs, problems: [] });
});
