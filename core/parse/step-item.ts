import { Document, isMap, isSeq, type Node, type Pair } from 'yaml';
import type { Span } from '../model/source.js';
import type { Step, SyntaxProblem } from '../model/workflow.js';
import { readPlainStepItem } from './plain-step-item.js';
import { hasForeignAlias, readYaml } from './read-yaml.js';
import { spanOf } from './read-nodes.js';
import { shiftSpans } from './shift-spans.js';
import { readStep } from './step-fields.js';

export interface ItemYaml {
  node: Node | null;
  document: Document;
}

/** An item is read as the only item of `steps:`, so it reads exactly as it does in the whole file. */
const ITEM_PREFIX = 'steps:\n';

/** Items read by the plain-item reader hold no aliases: they need no document to resolve them in. */
const NO_ANCHORS = new Document();

/**
 * One item of `steps` as it was read, on its own. Never changed once made: a later version of the text that holds
 * the same item reuses it (core/incremental). Offsets are those of the text it was read from, where the item
 * started at `start`.
 */
export interface StepItemReading {
  readonly start: number;
  readonly end: number;
  /** Its position in `steps` when it was read (a step without id is named by it). */
  readonly index: number;
  /**
   * The item's node (a mapping for a step; null when the item could not be read as one) and the document it
   * belongs to (to resolve aliases within the item). Nodes of the plain-item reader are not kept (the model is
   * what stays; the schema checks want them once): each call reads the item again.
   */
  yaml(): ItemYaml;
  /** The step the item holds (when it is a mapping). */
  readonly step?: Step;
  /** From its `- ` to the end of its value: its part of the `steps` sequence's span. */
  readonly span: Span;
  readonly problems: readonly SyntaxProblem[];
}

/**
 * One item of `steps` in one version of the text: its reading, placed where the item stands now. When it stands
 * where it was read, `step` and `problems` are the reading's own; otherwise they are copies at the new offsets
 * (the step's is made on first use: most moved steps are never looked at before the next edit moves them again).
 */
export interface StepItem {
  readonly reading: StepItemReading;
  readonly start: number;
  readonly end: number;
  readonly index: number;
  readonly step: Step | undefined;
  readonly span: Span;
  readonly problems: readonly SyntaxProblem[];
}

/**
 * Read the item of `steps` that fills `text` from `start` to `end`: with the plain-item reader when it can,
 * else with `yaml`. Undefined when the text there is not one item of a list, yet has no syntax problem to say so
 * (a line that reads as a key of the file itself), or when it uses an anchor set elsewhere: then only a
 * reading of the whole file says what it means.
 */
export function readStepItem(text: string, start: number, end: number, index: number): StepItem | undefined {
  // Read from a copy of the item (not from `text`): the strings the model keeps then hold no reference to a
  // whole version of the file, which a long editing session would otherwise pile up.
  const source = ITEM_PREFIX + text.slice(start, end);
  const base = start - ITEM_PREFIX.length;
  const plain = readPlainStepItem(source, ITEM_PREFIX.length, base);
  // The item's span runs from its `-` (as the sequence's span does in the whole file).
  let dash = start;
  while (text.charCodeAt(dash) === 32) dash++;
  if (plain) {
    const span = { start: dash, end: spanOf(plain).end };
    const step = readStep(plain, index);
    // The nodes are let go here and read again when asked for (once, by validation). Kept, the nodes of a whole
    // file would all outlive V8's young generation and be copied out of it: a second reading costs less (the
    // language server's open of the 2,000-step bench file, `npm run bench:lsp`: about a third less CPU).
    const yaml = (): ItemYaml => ({
      node: readPlainStepItem(source, ITEM_PREFIX.length, base) ?? null,
      document: NO_ANCHORS,
    });
    return asItem({ start, end, index, yaml, step, span, problems: [] });
  }
  const piece = readYaml(source, base);
  if (hasForeignAlias(piece, source)) return undefined;
  const root = piece.document.contents;
  const stepsPair = isMap(root) ? (root.items[0] as Pair | undefined) : undefined;
  const sequence = stepsPair?.value as Node | null | undefined;
  const oneItem = isMap(root) && root.items.length === 1 && isSeq(sequence) && sequence.items.length === 1;
  if (!oneItem && piece.problems.length === 0) return undefined;
  const node = isSeq(sequence) ? ((sequence.items[0] as Node | undefined) ?? null) : null;
  const span = { start: dash, end: isSeq(sequence) ? Math.max(dash, spanOf(sequence).end) : dash };
  const yaml = { node, document: piece.document };
  return asItem({
    start,
    end,
    index,
    yaml: () => yaml,
    step: isMap(node) ? readStep(node, index) : undefined,
    span,
    problems: piece.problems.map((problem) => atLastCharacter(problem, text, start, end)),
  });
}

/**
 * `yaml` reports what is left open at the end of an item (`[`, a quote) where the item ends: the start of the
 * next step's line. Shown there, it would seem to be about the next step; it is put on the item's last character.
 */
function atLastCharacter(problem: SyntaxProblem, text: string, start: number, end: number): SyntaxProblem {
  let contentEnd = end;
  while (contentEnd > start && /\s/.test(text[contentEnd - 1] ?? '')) contentEnd--;
  if (problem.span.start < contentEnd || contentEnd === start) return problem;
  return { ...problem, span: { start: contentEnd - 1, end: contentEnd } };
}

/** A reading placed where it was read. */
function asItem(reading: StepItemReading): StepItem {
  const { start, end, index, step, span, problems } = reading;
  return { reading, start, end, index, step, span, problems };
}

/** A reading placed elsewhere than where it was read. */
class MovedStepItem implements StepItem {
  readonly span: Span;
  readonly problems: readonly SyntaxProblem[];
  private placed?: Step;

  constructor(
    readonly reading: StepItemReading,
    readonly start: number,
    readonly end: number,
    readonly index: number,
  ) {
    const delta = start - reading.start;
    this.span = shiftSpans(reading.span, delta);
    this.problems = delta === 0 ? reading.problems : shiftSpans(reading.problems, delta);
  }

  get step(): Step | undefined {
    const read = this.reading.step;
    if (!read) return undefined;
    this.placed ??= { ...shiftSpans(read, this.start - this.reading.start), index: this.index };
    return this.placed;
  }
}

/**
 * An item read in an earlier version, placed at `start` and `index`: the previous placement when nothing moved,
 * else copies of its step and problems moved to the new offsets (the reading itself is never changed).
 */
export function placeStepItem(previous: StepItem, start: number, end: number, index: number): StepItem {
  if (previous.start === start && previous.index === index) return previous;
  const { reading } = previous;
  if (reading.start === start && reading.index === index) return asItem(reading);
  return new MovedStepItem(reading, start, end, index);
}

/**
 * The item's node and document with ranges where the item stands in `text` now, for the checks that walk them.
 * A moved item is read again for this (its reading keeps the offsets it was read at): cheap, and rare, since a
 * language server validates most items in the version that read them.
 */
export function itemYaml(item: StepItem, text: string): ItemYaml {
  const { reading } = item;
  if (reading.start === item.start) return reading.yaml();
  return (readStepItem(text, item.start, item.end, item.index)?.reading ?? reading).yaml();
}
