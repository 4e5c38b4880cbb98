import { isMap, YAMLSeq, type Document, type Pair } from 'yaml';
import { DependencyGraph } from '../../core/graph/dependency-graph.js';
import { listStepReferences, type WorkflowReference } from '../../core/interpolate/list-references.js';
import type { WorkflowDiagnostic } from '../../core/model/diagnostic.js';
import type { Span } from '../../core/model/source.js';
import type { Step } from '../../core/model/workflow.js';
import type { IncrementalParse, ParsedSkeleton, ParsedStepItem } from '../../core/parse/incremental-parse.js';
import { collectSpans, moveSpans, shiftSpans } from '../../core/parse/incremental-spans.js';
import { checkRootSchema } from '../../core/validate/schema/check-schema.js';
import { compiledSchema } from '../../core/validate/schema/compiled-schema.js';
import type { SpanDiagnostic } from '../../core/validate/span-diagnostic.js';
import { checkStepBody, validateStep } from '../../core/validate/validate-step.js';
import { validateWorkflow } from '../../core/validate/validate-workflow.js';
import { checkWorkflow, finishDiagnostics } from '../../core/validate/workflow-checks.js';

/**
 * Validates successive versions of one document, re-checking only what changed: each step's local checks
 * (schema, command, volumes, resources, `${…}` syntax) are cached by the step's text, the schema of everything
 * else by the skeleton's text; the workflow-level checks (ids, dependencies, cycles, references, images after
 * defaults) run every time over the model, each linear in its size.
 *
 * The checks and their order are `checkWorkflow` (core/validate/workflow-checks.ts), the same as for a full
 * validation; this class only serves the parts from the incremental parse and its caches; test/unit/server/incremental-validator.test.ts checks
 * that both give the same diagnostics after random edits. A full parse is validated by `validateWorkflow` itself.
 */
export class IncrementalValidator {
  private steps = new WeakMap<ParsedStepItem, StepCache>();
  private root?: { text: string; diagnostics: SpanDiagnostic[] };
  private graph?: { shape: string[]; graph: DependencyGraph };
  /** The graph-level checks that found nothing on the current graph shape. */
  private cleanGraphChecks = new Set<string>();
  private readonly graphKeys = new WeakMap<ParsedStepItem, string>();

  validate(parse: IncrementalParse): WorkflowDiagnostic[] {
    const { items, skeleton, workflow } = parse;
    if (!items || !skeleton) return validateWorkflow(workflow);
    const text = workflow.source.text;
    let graph: { graph: DependencyGraph; sameShape: boolean } | undefined;
    const clean = new Set<string>();
    const diagnostics = checkWorkflow(workflow, {
      rootSchema: () => this.rootSchema(skeleton),
      steps: (imageCheck) => {
        const diagnostics: SpanDiagnostic[] = [];
        const references: WorkflowReference[] = [];
        items.forEach((item, index) => {
          const cached = this.stepCache(item, index, text);
          for (const diagnostic of cached.diagnostics) diagnostics.push(shiftSpans(diagnostic, item.delta));
          if (!item.placed) return;
          for (const reference of cached.references) references.push(reference);
          // DW014 depends on the step and container_config (in the skeleton): skip it while both say "has an image".
          if (cached.hasImageFor !== skeleton.text) {
            const found = imageCheck(item.placed, item.hasImageKey);
            diagnostics.push(...found);
            cached.hasImageFor = found.length ? undefined : skeleton.text;
          }
        });
        return { diagnostics, references };
      },
      graph: () => (graph = this.graphOf(items, workflow.steps)).graph,
      // Duplicate ids, unknown dependencies and cycles depend on nothing but ids and edges: while those stay the
      // same and there were none, there are still none (when there were some, they are found again, with offsets).
      graphCheck: (name, check) => {
        if (graph?.sameShape && this.cleanGraphChecks.has(name)) {
          clean.add(name);
          return [];
        }
        const found = check();
        if (!found.length) clean.add(name);
        return found;
      },
    });
    this.cleanGraphChecks = clean;
    return finishDiagnostics(diagnostics, workflow.source);
  }

  /**
   * The dependency graph, rebuilt only when an id or a depends_on entry changed: most edits touch neither.
   * A reused graph gets the new step objects of the items that were re-read (same ids, same edges).
   */
  private graphOf(
    items: readonly ParsedStepItem[],
    steps: readonly Step[],
  ): { graph: DependencyGraph; sameShape: boolean } {
    const shape = items.map((item) => {
      let key = this.graphKeys.get(item);
      if (key === undefined) {
        const step = item.placed;
        key = step
          ? `${step.id?.value ?? '\u0002'}\u0000${step.dependsOn?.items.map((entry) => entry.value).join('\u0001') ?? ''}`
          : '\u0003';
        this.graphKeys.set(item, key);
      }
      return key;
    });
    const previous = this.graph;
    if (
      previous &&
      previous.shape.length === shape.length &&
      previous.shape.every((key, index) => key === shape[index])
    ) {
      for (const step of steps) {
        const id = step.id?.value;
        if (id !== undefined && previous.graph.steps.get(id)?.index === step.index)
          previous.graph.steps.set(id, step);
      }
      previous.shape = shape;
      return { graph: previous.graph, sameShape: true };
    }
    const graph = new DependencyGraph(steps);
    this.graph = { shape, graph };
    return { graph, sameShape: false };
  }

  /** One item's step-local diagnostics and references, computed once per item text and moved with the item. */
  private stepCache(item: ParsedStepItem, index: number, text: string): StepCache {
    let cached = this.steps.get(item);
    if (cached && cached.index !== undefined && cached.index !== index) cached = undefined;
    if (!cached) {
      const { diagnostics, references } = validateItem(item, index, text);
      cached = {
        // Messages name a step by its id, or by its position when it has none: then the position matters.
        index: item.placed?.id?.value ? undefined : index,
        diagnostics,
        references,
        referencesDelta: item.delta,
      };
      this.steps.set(item, cached);
    } else if (cached.referencesDelta !== item.delta) {
      // `value` is the step's own scalar (moved with the step) and `site` links to the step: leave both.
      cached.referenceSpans ??= collectSpans(cached.references, LINKS);
      moveSpans(cached.referenceSpans, item.delta - cached.referencesDelta);
      cached.referencesDelta = item.delta;
    }
    return cached;
  }

  /** The schema of everything but the step items, cached by the skeleton's text. */
  private rootSchema(skeleton: ParsedSkeleton): SpanDiagnostic[] {
    if (this.root?.text !== skeleton.text) {
      this.root = {
        text: skeleton.text,
        diagnostics: checkRootSchema(withEmptySteps(skeleton.document), skeleton.text),
      };
    }
    const delta = skeleton.blockEnd - skeleton.blockStart;
    return shiftSpans(this.root.diagnostics, delta, skeleton.blockStart);
  }
}

interface StepCache {
  /** Set when the diagnostics name the step by its position (it has no id). */
  index?: number;
  /** Offsets in the item's own document text. */
  diagnostics: SpanDiagnostic[];
  /** Offsets in the whole text, as of `referencesDelta`. */
  references: WorkflowReference[];
  referencesDelta: number;
  /** The spans of `references` (not those of the step they point into), to move them quickly. */
  referenceSpans?: Span[];
  /** The skeleton text under which the step was found to have an image (no DW014 to report). */
  hasImageFor?: string;
}

/**
 * `validateStep` (core/validate/validate-step.ts) for one item, with its references in the whole text.
 * An item the fast reader read is checked against the step schema as plain data first: when valid (nearly
 * always), the rest of `validateStep` (`checkStepBody`) runs on the placed model and no `yaml` node is ever built; otherwise
 * `validateStep` itself runs on the item's own document, for the exact schema diagnostics.
 * Diagnostics come back with offsets in the item's own document (so they stay valid when the item moves).
 */
function validateItem(
  item: ParsedStepItem,
  index: number,
  text: string,
): { diagnostics: SpanDiagnostic[]; references: WorkflowReference[] } {
  const placed = item.placed;
  const references = placed ? listStepReferences(placed, text) : [];
  if (item.fast && placed && compiledSchema().validateStep(item.fast.plain)) {
    const found = checkStepBody(placed, item.fast.emptyCommand, references);
    return { diagnostics: found.map((diagnostic) => shiftSpans(diagnostic, -item.delta)), references };
  }
  const { node, document, step } = item.yaml();
  const diagnostics = validateStep({
    node,
    index,
    step: step && { ...step, index },
    document,
    text: item.documentText,
  }).diagnostics;
  return { diagnostics, references };
}

const LINKS: ReadonlySet<string> = new Set(['site', 'value']);

/**
 * The skeleton with `steps:` holding one empty placeholder item (the items are checked one by one; the
 * incremental parse always has at least one, so the root schema must not see an empty list), as a copy.
 */
function withEmptySteps(document: Document.Parsed): Document {
  const copy = document.clone();
  if (isMap(copy.contents)) {
    const pair = copy.contents.items.find(
      (item: Pair) => String((item.key as { value?: unknown } | null)?.value) === 'steps',
    );
    const placeholder = new YAMLSeq();
    placeholder.items.push(null);
    if (pair) (pair as Pair<unknown, unknown>).value = placeholder;
  }
  return copy;
}
