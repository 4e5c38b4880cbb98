import type { Workflow } from '../model/workflow.js';
import { parseStepByStep, parseWorkflow, type EarlierReading } from '../parse/parse-workflow.js';
import type { SourceText } from '../parse/source-text.js';
import type { StepItem } from '../parse/step-item.js';
import { changedRegion, type ChangedRegion } from './changed-region.js';
import { lineIndexAfterEdit } from './line-index-after-edit.js';

/**
 * `parseWorkflow` for successive versions of one document, as a cache over it: the items of `steps` an edit did
 * not touch are handed back to the reader (placed where they now stand), and only what changed is read again.
 * Readings are never changed once made, so a model handed out earlier stays as it was. The result is the model
 * `parseWorkflow(text)` gives (test/unit/incremental/cached-workflow-parser.test.ts, after random edits).
 */
export class CachedWorkflowParser {
  private previous?: { text: string; source: SourceText; items: readonly StepItem[] };
  /** How many items the last parse read anew (the rest came from the cache). */
  readItems = 0;

  parse(text: string): Workflow {
    return this.remember(parseWorkflow(text, this.earlier(text)));
  }

  /**
   * The model when the text can be read step by step (milliseconds, whatever the file's size); undefined when it
   * has to be read in one piece, which a caller in a hurry may put off.
   */
  parseQuickly(text: string): Workflow | undefined {
    const workflow = parseStepByStep(text, this.earlier(text));
    return workflow && this.remember(workflow);
  }

  private earlier(text: string): EarlierReading | undefined {
    const previous = this.previous;
    if (!previous) return undefined;
    const region = changedRegion(previous.text, text);
    const byStart = new Map(previous.items.map((item) => [item.start, item]));
    return {
      source: lineIndexAfterEdit(previous.source, text, region),
      item: (start, end) => reusable(previous, byStart, region, text, start, end),
    };
  }

  private remember(workflow: Workflow): Workflow {
    const items = workflow.yaml.items ?? [];
    const before = new Set(this.previous?.items.map((item) => item.reading));
    this.readItems = items.filter((item) => !before.has(item.reading)).length;
    this.previous = { text: workflow.source.text, source: workflow.source, items };
    return workflow;
  }
}

/** The previous version's item with the same text as `text[start, end)`, if the edit left one. */
function reusable(
  previous: { text: string; items: readonly StepItem[] },
  byStart: Map<number, StepItem>,
  region: ChangedRegion,
  text: string,
  start: number,
  end: number,
): StepItem | undefined {
  if (end <= region.start) {
    const old = byStart.get(start);
    return old?.end === end ? old : undefined;
  }
  if (start >= region.newEnd) {
    const old = byStart.get(start - region.lengthDelta);
    return old?.end === end - region.lengthDelta ? old : undefined;
  }
  // Touched by the edit: an old item of the same text (an undo, a reverted typo) is still as good as new.
  const length = end - start;
  return previous.items.find(
    (old) =>
      old.start < region.oldEnd &&
      old.end > region.start &&
      old.end - old.start === length &&
      previous.text.slice(old.start, old.end) === text.slice(start, end),
  );
}
