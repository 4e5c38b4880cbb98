import { isMap, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { Step, SyntaxProblem, Workflow } from '../model/workflow.js';
import { hasForeignAlias, readYaml } from './read-yaml.js';
import { readTopLevel } from './read-top-level.js';
import { shiftSpans } from './shift-spans.js';
import { SourceText } from './source-text.js';
import { oversizedWorkflow, oversizeOf } from './workflow-size.js';
import { keyName, pairOf, readStep } from './step-fields.js';
import { placeStepItem, readStepItem, type StepItem } from './step-item.js';
import { findStepsLayout, type StepsLayout } from './steps-layout.js';

/** What a caller that read an earlier version of the text (core/incremental) offers, so it is not read again. */
export interface EarlierReading {
  /** The line index of the text, when the caller can make it faster than from scratch. */
  source?: SourceText;
  /** An item read earlier whose text is exactly the text from `start` to `end` now, if there is one. */
  item(start: number, end: number): StepItem | undefined;
}

/**
 * Read a workflow file into the model. Never throws for bad input: YAML syntax problems become
 * `syntaxProblems`, and the model holds whatever could be read.
 *
 * The items of `steps` are read one by one (steps-layout.ts finds them by their lines), and everything else as
 * one small document: a syntax error inside one step stays in that step, and the steps around it are read as
 * ever. A file whose pieces cannot be read apart (no plain `steps:` list, an anchor used across pieces, a line
 * that reads as a key of the file itself) is read in one piece. `earlier` lets the language server's cache hand in
 * items it read before: the result is the same as without it (test/unit/incremental/ compares both). A text over
 * the size limit is not read at all (workflow-size.ts).
 */
export function parseWorkflow(text: string, earlier?: EarlierReading): Workflow {
  const oversize = oversizeOf(text);
  if (oversize !== undefined) return oversizedWorkflow(oversize, text);
  return parseStepByStep(text, earlier) ?? parseInOnePiece(text, earlier?.source);
}

/** {@link parseWorkflow} when the file can be read step by step; undefined when it must be read in one piece. */
export function parseStepByStep(text: string, earlier?: EarlierReading): Workflow | undefined {
  if (oversizeOf(text) !== undefined) return undefined; // parseWorkflow refuses it unread
  const layout = findStepsLayout(text);
  if (!layout) return undefined;
  const skeleton = readSkeleton(text, layout);
  if (!skeleton) return undefined;
  const items: StepItem[] = [];
  for (const [index, { start, end }] of layout.chunks.entries()) {
    const previous = earlier?.item(start, end);
    const item = previous
      ? placeStepItem(previous, start, end, index)
      : readStepItem(text, start, end, index);
    if (!item) return undefined;
    items.push(item);
  }
  const syntaxProblems = [...skeleton.problems];
  for (const item of items) for (const problem of item.problems) syntaxProblems.push(problem);
  const first = items[0];
  const last = items[items.length - 1];
  let steps: Step[] | undefined;
  return {
    ...readTopLevel(skeleton.document.contents),
    source: earlier?.source ?? new SourceText(text),
    yaml: { document: skeleton.document, items },
    stepsSpan: first && last ? { start: first.span.start, end: last.span.end } : undefined,
    // Placed on first use: the language server validates from the items themselves (core/incremental).
    get steps(): Step[] {
      steps ??= items.flatMap((item) => (item.step ? [item.step] : []));
      return steps;
    },
    syntaxProblems: syntaxProblems.sort((a, b) => a.span.start - b.span.start),
  };
}

/**
 * Everything but the step items — the header up to `steps:`, and what follows the list — read as one document,
 * with its offsets moved to where the trailer stands in the whole text. Undefined when `steps:` is not the empty
 * key the layout found there, or an alias points into the steps.
 */
function readSkeleton(
  text: string,
  layout: StepsLayout,
): { document: Document.Parsed; problems: SyntaxProblem[] } | undefined {
  const skeletonText = text.slice(0, layout.blockStart) + text.slice(layout.blockEnd);
  const piece = readYaml(skeletonText);
  if (hasForeignAlias(piece, skeletonText)) return undefined;
  const steps = pairOf(piece.document.contents, 'steps');
  const key = steps?.key as Node | undefined;
  const value = steps?.value as Node | null | undefined;
  if (key?.range?.[0] !== layout.keyOffset || (value != null && !isEmptyScalar(value))) return undefined;
  const delta = layout.blockEnd - layout.blockStart;
  if (delta !== 0) moveNodes(piece.document, layout.blockStart, delta);
  return { document: piece.document, problems: shiftSpans(piece.problems, delta, layout.blockStart) };
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

/** Move the ranges of a freshly read document's nodes at or after `from` by `delta` (before anyone reads it). */
function moveNodes(document: Document.Parsed, from: number, delta: number): void {
  visit(document, {
    Node(_key, node) {
      const range = node.range;
      if (!range) return;
      node.range = [
        range[0] >= from ? range[0] + delta : range[0],
        range[1] >= from ? range[1] + delta : range[1],
        range[2] >= from ? range[2] + delta : range[2],
      ];
    },
  });
}

/** The whole text read as one document (how a file that cannot be read step by step is read). */
export function parseInOnePiece(text: string, source = new SourceText(text)): Workflow {
  const { document, problems } = readYaml(text);
  const root = document.contents;
  const steps: Step[] = [];
  // A repeated `steps` key is a syntax problem; the items of both are read, as for any repeated key.
  for (const pair of isMap(root) ? root.items : []) {
    if (keyName(pair) !== 'steps' || !isSeq(pair.value)) continue;
    pair.value.items.forEach((item, index) => {
      if (isMap(item)) steps.push(readStep(item, index));
    });
  }
  return { ...readTopLevel(root), source, yaml: { document }, steps, syntaxProblems: problems };
}
