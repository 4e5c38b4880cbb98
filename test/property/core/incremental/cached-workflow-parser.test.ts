import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CachedWorkflowParser } from '../../../../core/incremental/cached-workflow-parser.js';
import type { Workflow } from '../../../../core/model/workflow.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { generateWorkflow } from '../../../lsp/support/generate-workflow.js';
import { randomEdit, seededRandom } from '../../../lsp/support/random-edits.js';

/** The model without the yaml it was read from: what every feature reads. */
function comparable(workflow: Workflow): unknown {
  return { ...workflow, yaml: undefined, source: workflow.source.text };
}

/** The model as plain data, to see later whether anything in it was changed. */
function snapshot(workflow: Workflow): string {
  return JSON.stringify(comparable(workflow));
}

void describe('CachedWorkflowParser', () => {
  void it('reads a generated workflow exactly as parseWorkflow does, reading nothing again on a second call', () => {
    const text = generateWorkflow(50);
    const parser = new CachedWorkflowParser();
    const first = parser.parse(text);
    assert.ok(first.yaml.items, 'the generated workflow is read step by step');
    assert.equal(parser.readItems, 50);
    assert.deepEqual(comparable(first), comparable(parseWorkflow(text)));
    parser.parse(text);
    assert.equal(parser.readItems, 0);
  });

  void it('reads again only the step an edit touched, also when the edit leaves a syntax error in it', () => {
    const text = generateWorkflow(50);
    const parser = new CachedWorkflowParser();
    parser.parse(text);
    const at = text.indexOf('image: node', text.indexOf('id: step-25'));
    for (const [edited, insert] of [
      ['imagee', 'imagee'],
      ['[', 'image: ['],
    ]) {
      const next = text.slice(0, at) + insert + text.slice(at + 'image'.length);
      const result = parser.parse(next);
      assert.equal(parser.readItems, 1, `after typing ${edited}`);
      assert.deepEqual(comparable(result), comparable(parseWorkflow(next)));
      if (edited === '[') assert.ok(result.syntaxProblems.length > 0 && result.steps.length === 50);
    }
  });

  void it('never changes a model it handed out: what moved is copied, not moved in place', () => {
    const parser = new CachedWorkflowParser();
    let text = generateWorkflow(20);
    const first = parser.parse(text);
    const before = snapshot(first);
    const random = seededRandom(99);
    for (let edit = 0; edit < 100; edit++) {
      text = randomEdit(text, random).text;
      parser.parse(text);
    }
    assert.equal(snapshot(first), before);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    void it(`gives parseWorkflow's model after each of 300 random edits (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const parser = new CachedWorkflowParser();
      const base = generateWorkflow(20);
      let text = base;
      let stepByStep = 0;
      let withProblems = 0;
      let reused = 0;
      for (let edit = 0; edit < 300; edit++) {
        // Bursts of a few edits from a clean file, as someone typing: most leave the layout plain.
        text = randomEdit(edit % 4 === 0 ? base : text, random).text;
        const result = parser.parse(text);
        if (result.yaml.items) {
          stepByStep++;
          if (result.syntaxProblems.length) withProblems++;
          if (parser.readItems < result.yaml.items.length) reused++;
        }
        assert.deepEqual(
          comparable(result),
          comparable(parseWorkflow(text)),
          `seed ${seed}, edit ${edit}:\n${text}`,
        );
      }
      assert.ok(stepByStep > 150, `read step by step ${stepByStep} times`);
      assert.ok(withProblems > 20, `step by step with a syntax problem ${withProblems} times`);
      assert.ok(reused > 150, `items reused ${reused} times`);
    });
  }
});
