import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Span } from '../model/source.js';
import type { Step, Workflow } from '../model/workflow.js';
import { findStepsLayout, type StepsLayout } from './incremental-steps-layout.js';
import { parseWorkflow } from './parse-workflow.js';
import { SourceText } from './source-text.js';

/** A step item is parsed on its own as the only item of `steps:`, so it reads exactly as in the whole file. */
const ITEM_PREFIX = 'steps:\n';

/** One step item parsed alone. Offsets are into `ITEM_PREFIX + text`. */
interface ParsedChunk {
  step?: Step;
  itemSpan: Span;
  /** The copy placed at an absolute offset by the last parse, reused while the step does not move. */
  placed?: { start: number; index: number; step?: Step };
}

/** What one call of {@link IncrementalWorkflowParser.parse} did. */
export interface IncrementalParse {
  workflow: Workflow;
  /** Where the steps are, when the parse went step by step; undefined after a full parse. */
  layout?: StepsLayout;
  /** How many step items had to be parsed anew (all of them after a full parse). */
  parsedChunks: number;
}

/**
 * Parses successive versions of one document, re-reading only the step items whose text changed.
 * The header and trailer (everything but the step items) are parsed together as a small "skeleton" document;
 * each step item is parsed alone. When anything is not clean — a syntax problem in a step or the skeleton, an
 * unusual layout — it falls back to {@link parseWorkflow} on the whole text, so the result is always the model a
 * full parse gives (test/unit/parse/incremental-parse.test.ts compares both after random edits).
 *
 * The model's `document` is the skeleton's in an incremental result (it holds no steps); use the model, not the
 * document, for anything about steps.
 */
export class IncrementalWorkflowParser {
  private chunks = new Map<string, ParsedChunk>();
  private skeleton?: { text: string; workflow: Workflow };

  parse(text: string): IncrementalParse {
    const layout = findStepsLayout(text);
    const incremental = layout && this.parseInSteps(text, layout);
    if (incremental) return incremental;
    this.chunks.clear();
    const workflow = parseWorkflow(text);
    return { workflow, parsedChunks: workflow.steps.length };
  }

  private parseInSteps(text: string, layout: StepsLayout): IncrementalParse | undefined {
    const skeleton = this.parseSkeleton(text, layout);
    if (!skeleton) return undefined;
    const previous = this.chunks;
    const next = new Map<string, ParsedChunk>();
    const steps: Step[] = [];
    let parsedChunks = 0;
    let firstItem: Span | undefined;
    let lastItem: Span | undefined;
    for (let index = 0; index < layout.chunks.length; index++) {
      const { start, end } = layout.chunks[index];
      const chunkText = text.slice(start, end);
      let chunk = next.get(chunkText) ?? previous.get(chunkText);
      if (!chunk) {
        chunk = parseChunk(chunkText);
        if (!chunk) return undefined;
        parsedChunks++;
      }
      // The same text twice in one document (copied steps) needs two placed copies: parse it again.
      if (next.has(chunkText) && chunk.placed && chunk.placed.index !== index)
        chunk = { ...chunk, placed: undefined };
      next.set(chunkText, chunk);
      const delta = start - ITEM_PREFIX.length;
      if (!chunk.placed || chunk.placed.start !== start || chunk.placed.index !== index) {
        const step = chunk.step && { ...shiftSpans(chunk.step, delta), index };
        chunk.placed = { start, index, step };
      }
      if (chunk.placed.step) steps.push(chunk.placed.step);
      const itemSpan = { start: chunk.itemSpan.start + delta, end: chunk.itemSpan.end + delta };
      firstItem ??= itemSpan;
      lastItem = itemSpan;
    }
    this.chunks = next;
    const workflow: Workflow = {
      ...skeleton,
      source: new SourceText(text),
      steps,
      stepsSpan: { start: firstItem!.start, end: lastItem!.end },
      syntaxProblems: [],
    };
    return { workflow, layout, parsedChunks };
  }

  /** The model of everything but the step items, shifted to where the trailer stands in `text`. */
  private parseSkeleton(
    text: string,
    layout: StepsLayout,
  ): (Partial<Workflow> & Pick<Workflow, 'document' | 'outputs'>) | undefined {
    const skeletonText = text.slice(0, layout.blockStart) + text.slice(layout.blockEnd);
    if (this.skeleton?.text !== skeletonText) {
      const workflow = parseWorkflow(skeletonText);
      if (
        workflow.syntaxProblems.length ||
        workflow.stepsKeySpan?.start !== layout.keyOffset ||
        !hasEmptySteps(workflow)
      ) {
        this.skeleton = undefined;
        return undefined;
      }
      this.skeleton = { text: skeletonText, workflow };
    }
    // Everything the skeleton read (name, inputs, outputs… and any field added later) except what steps make.
    const located: Partial<Workflow> = { ...this.skeleton.workflow };
    for (const key of ['source', 'steps', 'stepsSpan', 'syntaxProblems', 'document'] as const)
      delete located[key];
    const { document, outputs } = this.skeleton.workflow;
    const delta = layout.blockEnd - layout.blockStart;
    return {
      ...shiftSpans(located, delta, layout.blockStart),
      document,
      outputs: shiftSpans(outputs, delta, layout.blockStart),
    };
  }
}

/** Parse one step item alone; undefined unless it is clean and really one item of `steps`. */
function parseChunk(chunkText: string): ParsedChunk | undefined {
  const workflow = parseWorkflow(ITEM_PREFIX + chunkText);
  if (workflow.syntaxProblems.length) return undefined;
  const root = workflow.document.contents;
  if (!isMap(root) || root.items.length !== 1) return undefined;
  const sequence = (root.items[0] as Pair).value;
  if (!isSeq(sequence) || sequence.items.length !== 1 || !workflow.stepsSpan) return undefined;
  return { step: workflow.steps[0], itemSpan: workflow.stepsSpan };
}

function hasEmptySteps(workflow: Workflow): boolean {
  const root = workflow.document.contents;
  if (!isMap(root)) return false;
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === 'steps');
  const value = pair?.value as Node | null | undefined;
  return pair !== undefined && (value == null || (isScalar(value) && value.value === null));
}

/**
 * A copy of a model fragment with every span at or after `from` moved by `delta`.
 * Spans are recognised by shape ({start, end} numbers and nothing else), so new model fields need no change here.
 */
export function shiftSpans<T>(value: T, delta: number, from = -Infinity): T {
  if (Array.isArray(value)) return value.map((item: unknown) => shiftSpans(item, delta, from)) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && typeof record.start === 'number' && typeof record.end === 'number') {
    return (record.start >= from ? { start: record.start + delta, end: record.end + delta } : record) as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[key] = shiftSpans(record[key], delta, from);
  return copy as T;
}
