import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IncrementalWorkflowParser } from '../../../../core/parse/incremental-parse.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import type { Workflow } from '../../../../core/model/workflow.js';
import { generateWorkflow } from '../../../lsp/support/generate-workflow.js';
import { randomEdit, seededRandom } from '../../../lsp/support/random-edits.js';

/** The model without the parser's internals: what every feature reads. */
function comparable(workflow: Workflow): unknown {
  return { ...workflow, document: undefined, source: workflow.source.text };
}

void describe('IncrementalWorkflowParser', () => {
  void it('reads a generated workflow exactly as a full parse does, re-parsing nothing on a second call', () => {
    const text = generateWorkflow(50);
    const parser = new IncrementalWorkflowParser();
    const first = parser.parse(text);
    assert.ok(first.layout, 'the generated workflow has the plain steps layout');
    assert.deepEqual(comparable(first.workflow), comparable(parseWorkflow(text)));
    assert.equal(parser.parse(text).parsedChunks, 0);
  });

  void it('re-parses only the step an edit touched', () => {
    const text = generateWorkflow(50);
    const parser = new IncrementalWorkflowParser();
    parser.parse(text);
    const at = text.indexOf('image: node', text.indexOf('id: step-25'));
    const edited = text.slice(0, at) + 'imagee' + text.slice(at + 'image'.length);
    const result = parser.parse(edited);
    assert.equal(result.parsedChunks, 1);
    assert.deepEqual(comparable(result.workflow), comparable(parseWorkflow(edited)));
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    void it(`gives the full parse's model after each of 300 random edits (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const parser = new IncrementalWorkflowParser();
      const base = generateWorkflow(20);
      let text = base;
      let incrementalParses = 0;
      for (let edit = 0; edit < 300; edit++) {
        // Bursts of a few edits from a clean file, as someone typing: most leave the layout plain.
        text = randomEdit(edit % 4 === 0 ? base : text, random).text;
        const result = parser.parse(text);
        if (result.layout) incrementalParses++;
        assert.deepEqual(
          comparable(result.workflow),
          comparable(parseWorkflow(text)),
          `seed ${seed}, edit ${edit}:\n${text}`,
        );
      }
      assert.ok(incrementalParses > 30, `the incremental path was taken ${incrementalParses} times`);
    });
  }
});
