import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Span } from '../model/source.js';
import type { Step, Workflow } from '../model/workflow.js';
import { parseStepFast } from './incremental-fast-step.js';
import { findStepsLayout, type StepsLayout } from './incremental-steps-layout.js';
import { parseWorkflow } from './parse-workflow.js';
import { oversizeOf } from './workflow-size.js';
import { SourceText } from './source-text.js';
import {
  changedRegion,
  collectSpans,
  moveSpans,
  shiftInPlace,
  shiftSpans,
  type ChangedRegion,
} from './incremental-spans.js';

/** A step item is parsed on its own as the only item of `steps:`, so it reads exactly as in the whole file. */
const ITEM_PREFIX = 'steps:\n';

/** One item of `steps`, parsed alone; stays the same object while its text is unchanged (a cache key). */
export interface ParsedStepItem {
  /** The item as a small document of its own: `steps:` and this one item. */
  readonly documentText: string;
  /** Whether the item has an `image` key (whatever its value). */
  readonly hasImageKey: boolean;
  /** Set when the fast reader read the item: the plain value for the schema, and whether `command` is `[]`. */
  readonly fast?: { plain: unknown; emptyCommand: boolean };
  /**
   * The item read by `yaml` as a document of its own (on first use when the fast reader read it): its node,
   * and its step with offsets in `documentText` (undefined when the item is no mapping).
   */
  yaml(): ItemAsYaml;
  /** Add to an offset in `documentText` to get the offset in the whole text (changes when the item moves). */
  delta: number;
  /** The step with offsets in the whole text, owned by the parser: moved in place when the item moves. */
  placed?: Step;
}

export interface ItemAsYaml {
  node: Node | null;
  document: Document.Parsed;
  step?: Step;
}

interface ParsedChunk extends ParsedStepItem {
  /** The step as read, before it is placed: offsets in `documentText`. */
  step?: Step;
  /** Whether `step` may be moved in place (the fast reader's steps are not shared with anything). */
  ownsStep: boolean;
  /** The spans of `placed`, to move it quickly. */
  placedSpans?: Span[];
  itemSpan: Span;
  start: number;
  end: number;
}

/** Everything but the step items: header + `steps:` + trailer, parsed alone. */
export interface ParsedSkeleton {
  document: Document.Parsed;
  text: string;
  /** Offsets at or after `blockStart` in `text` are `blockEnd - blockStart` further on in the whole text. */
  blockStart: number;
  blockEnd: number;
}

/** What one call of {@link IncrementalWorkflowParser.parse} did. */
export interface IncrementalParse {
  workflow: Workflow;
  /** Where the steps are, when the parse went step by step; undefined after a full parse. */
  layout?: StepsLayout;
  /** How many step items had to be parsed anew (all of them after a full parse). */
  parsedChunks: number;
  /** Each item of `steps`, in order (incremental parses only), for per-step caches such as validation. */
  items?: ParsedStepItem[];
  skeleton?: ParsedSkeleton;
}

/**
 * Parses successive versions of one document, re-reading only the step items an edit touched.
 * The header and trailer (everything but the step items) are parsed together as a small "skeleton" document;
 * each step item is parsed alone. Items outside the changed region are found by position, not by text, so an
 * edit costs time in proportion to what it touched (plus moving the offsets of the steps below it).
 * When anything is not clean — a syntax problem in a step or the skeleton, an unusual layout — it falls back to
 * {@link parseWorkflow} on the whole text, so the result is always the model a full parse gives
 * (test/unit/parse/incremental-parse.test.ts compares both after random edits).
 *
 * Ownership: the steps of an incremental result belong to the parser and are moved in place by the next parse;
 * read a result before parsing the next version. The model's `document` is the skeleton's (it has no steps).
 */
export class IncrementalWorkflowParser {
  private previous?: { text: string; chunks: ParsedChunk[]; source: SourceText };
  private skeleton?: { text: string; workflow: Workflow };

  parse(text: string): IncrementalParse {
    const incremental = this.parseIncrementally(text);
    if (incremental) return incremental;
    const workflow = parseWorkflow(text);
    return { workflow, parsedChunks: workflow.steps.length };
  }

  /** The step-by-step parse, or undefined when only a full parse can read `text` (nothing is parsed in full). */
  parseIncrementally(text: string): IncrementalParse | undefined {
    if (oversizeOf(text) !== undefined) return undefined; // parseWorkflow refuses it unread
    const layout = findStepsLayout(text);
    const skeleton = layout && this.parseSkeleton(text, layout);
    if (!layout || !skeleton) return undefined;
    const previous = this.previous;
    const region = previous && changedRegion(previous.text, text);

    // First find or parse every item; nothing is changed until all of them are known to be clean.
    const chunks: ParsedChunk[] = [];
    const claimed = new Set<ParsedChunk>();
    const oldByStart = region ? new Map(previous.chunks.map((chunk) => [chunk.start, chunk])) : undefined;
    let parsedChunks = 0;
    for (const { start, end } of layout.chunks) {
      let chunk = region && this.reusable(previous.chunks, oldByStart!, region, text, start, end);
      if (!chunk || claimed.has(chunk)) {
        chunk = parseChunk(text, start, end);
        if (!chunk) return undefined;
        parsedChunks++;
      }
      claimed.add(chunk);
      chunks.push(chunk);
    }

    // Then place them: a moved item's step is shifted in place, a new one copied to its offsets.
    const steps: Step[] = [];
    chunks.forEach((chunk, index) => {
      const { start, end } = layout.chunks[index];
      const delta = start - ITEM_PREFIX.length;
      if (chunk.step && !chunk.placed) {
        // Placed steps own their spans (fresh from the fast reader, or a copy): moved in place from now on.
        if (chunk.ownsStep) shiftInPlace(chunk.step, delta);
        chunk.placed = chunk.ownsStep ? chunk.step : { ...shiftSpans(chunk.step, delta), index };
        chunk.step = undefined;
      } else if (chunk.placed && chunk.delta !== delta) {
        // The span list is made on the first move: most steps of a freshly opened file never move.
        chunk.placedSpans ??= collectSpans(chunk.placed, undefined, [], undefined);
        moveSpans(chunk.placedSpans, delta - chunk.delta);
      }
      chunk.delta = delta;
      chunk.start = start;
      chunk.end = end;
      if (chunk.placed) {
        chunk.placed.index = index;
        steps.push(chunk.placed);
      }
    });
    const first = chunks[0];
    const last = chunks[chunks.length - 1];
    const source = region ? sourceAfterEdit(previous.source, text, region) : new SourceText(text);
    this.previous = { text, chunks, source };
    const workflow: Workflow = {
      ...skeleton.located,
      document: skeleton.document,
      outputs: skeleton.located.outputs ?? [],
      source,
      steps,
      stepsSpan: { start: first.itemSpan.start + first.delta, end: last.itemSpan.end + last.delta },
      syntaxProblems: [],
    };
    return {
      workflow,
      layout,
      parsedChunks,
      items: chunks,
      skeleton: {
        document: skeleton.document,
        text: skeleton.text,
        blockStart: layout.blockStart,
        blockEnd: layout.blockEnd,
      },
    };
  }

  /** The previous version's item with the same text at the corresponding place, if the edit left it alone. */
  private reusable(
    oldChunks: ParsedChunk[],
    oldByStart: Map<number, ParsedChunk>,
    region: ChangedRegion,
    text: string,
    start: number,
    end: number,
  ): ParsedChunk | undefined {
    if (end <= region.start) {
      const old = oldByStart.get(start);
      return old?.end === end ? old : undefined;
    }
    if (start >= region.newEnd) {
      const old = oldByStart.get(start - region.lengthDelta);
      return old?.end === end - region.lengthDelta ? old : undefined;
    }
    // Touched by the edit: an old item of the same text (an undo, a reverted typo) is still as good as new.
    const documentText = ITEM_PREFIX + text.slice(start, end);
    return oldChunks.find(
      (old) => old.start < region.oldEnd && old.end > region.start && old.documentText === documentText,
    );
  }

  /** The model of everything but the step items, shifted to where the trailer stands in `text`. */
  private parseSkeleton(
    text: string,
    layout: StepsLayout,
  ): { located: Partial<Workflow>; document: Document.Parsed; text: string } | undefined {
    const skeletonText = text.slice(0, layout.blockStart) + text.slice(layout.blockEnd);
    if (this.skeleton?.text !== skeletonText) {
      const workflow = parseWorkflow(skeletonText);
      if (
        workflow.syntaxProblems.length ||
        workflow.stepsKeySpan?.start !== layout.keyOffset ||
        !hasEmptySteps(workflow)
      ) {
        return undefined;
      }
      this.skeleton = { text: skeletonText, workflow };
    }
    // Everything the skeleton read (name, inputs, outputs… and any field added later) except what steps make.
    const located: Partial<Workflow> = { ...this.skeleton.workflow };
    for (const key of ['source', 'steps', 'stepsSpan', 'syntaxProblems', 'document'] as const)
      delete located[key];
    return {
      located: shiftSpans(located, layout.blockEnd - layout.blockStart, layout.blockStart),
      document: this.skeleton.workflow.document,
      text: skeletonText,
    };
  }
}

/** Parse one step item alone (the fast reader first); undefined unless it is clean and really one item. */
function parseChunk(text: string, start: number, end: number): ParsedChunk | undefined {
  const documentText = ITEM_PREFIX + text.slice(start, end);
  // Read in place, so the step comes out with offsets in the whole text: nothing to move on a first read.
  const fast = parseStepFast(text, start, end);
  if (fast) {
    let yaml: ItemAsYaml | undefined;
    const delta = start - ITEM_PREFIX.length;
    return {
      documentText,
      ownsStep: true,
      placed: fast.step,
      hasImageKey: fast.hasImageKey,
      fast: { plain: fast.plain, emptyCommand: fast.emptyCommand },
      yaml: () => (yaml ??= readWithYaml(documentText)!.yaml()),
      itemSpan: { start: fast.itemSpan.start - delta, end: fast.itemSpan.end - delta },
      delta,
      start: -1,
      end: -1,
    };
  }
  return readWithYaml(documentText);
}

function readWithYaml(documentText: string): ParsedChunk | undefined {
  const workflow = parseWorkflow(documentText);
  if (workflow.syntaxProblems.length) return undefined;
  const root = workflow.document.contents;
  if (!isMap(root) || root.items.length !== 1) return undefined;
  const sequence = (root.items[0] as Pair).value;
  if (!isSeq(sequence) || sequence.items.length !== 1 || !workflow.stepsSpan) return undefined;
  const node = sequence.items[0] as Node | null;
  const parsed = { node, document: workflow.document, step: workflow.steps[0] };
  return {
    documentText,
    step: workflow.steps[0],
    ownsStep: false,
    hasImageKey: isMap(node) && node.has('image'),
    yaml: () => parsed,
    itemSpan: workflow.stepsSpan,
    delta: 0,
    start: -1,
    end: -1,
  };
}

function hasEmptySteps(workflow: Workflow): boolean {
  const root = workflow.document.contents;
  if (!isMap(root)) return false;
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === 'steps');
  const value = pair?.value as Node | null | undefined;
  return pair !== undefined && (value == null || (isScalar(value) && value.value === null));
}

/** The line index of the new text, from the old one: only the changed region is scanned. */
function sourceAfterEdit(old: SourceText, text: string, region: ChangedRegion): SourceText {
  const oldStarts = old.lineStartOffsets;
  const starts: number[] = [];
  let i = 0;
  for (; i < oldStarts.length && oldStarts[i] <= region.start; i++) starts.push(oldStarts[i]);
  for (let at = region.start; at < region.newEnd; at++) if (text.charCodeAt(at) === 10) starts.push(at + 1);
  for (; i < oldStarts.length; i++)
    if (oldStarts[i] > region.oldEnd) starts.push(oldStarts[i] + region.lengthDelta);
  return new SourceText(text, starts);
}

export { shiftSpans };
