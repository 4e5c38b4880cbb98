import { isMap, YAMLSeq, type Document, type Pair } from 'yaml';
import { DependencyGraph } from '../../core/graph/dependency-graph.js';
import {
  listOutputReferences,
  listReferences,
  listStepReferences,
  type WorkflowReference,
} from '../../core/interpolate/list-references.js';
import type { WorkflowDiagnostic } from '../../core/model/diagnostic.js';
import type { IncrementalParse, ParsedSkeleton, ParsedStepItem } from '../../core/parse/incremental-parse.js';
import { shiftInPlace, shiftSpans } from '../../core/parse/incremental-spans.js';
import { checkCommand } from '../../core/validate/check-command.js';
import { checkCycles } from '../../core/validate/check-cycles.js';
import { checkDuplicateDependencies } from '../../core/validate/check-duplicate-dependencies.js';
import { compiledSchema } from '../../core/validate/schema/compiled-schema.js';
import { stepLabel } from '../../core/validate/step-label.js';
import { checkDependencies } from '../../core/validate/check-dependencies.js';
import { checkDuplicateIds } from '../../core/validate/check-duplicate-ids.js';
import { checkImage } from '../../core/validate/check-image.js';
import { checkInterpolationSyntax } from '../../core/validate/check-interpolation-syntax.js';
import { checkReferences } from '../../core/validate/check-references.js';
import { checkResources } from '../../core/validate/check-resources.js';
import { checkVolumes } from '../../core/validate/check-volumes.js';
import { checkRootSchema } from '../../core/validate/schema/check-schema.js';
import {
  compareSpanDiagnostics,
  toWorkflowDiagnostic,
  type SpanDiagnostic,
} from '../../core/validate/span-diagnostic.js';
import { applySuppressions } from '../../core/validate/suppressions.js';
import { validateStep } from '../../core/validate/validate-step.js';
import { validateWorkflow } from '../../core/validate/validate-workflow.js';

/**
 * Validates successive versions of one document, re-checking only what changed: each step's local checks
 * (schema, command, volumes, resources, `${…}` syntax) are cached by the step's text, the schema of everything
 * else by the skeleton's text; the workflow-level checks (ids, dependencies, cycles, references, images after
 * defaults) run every time over the model, each linear in its size.
 *
 * This follows `collectSpanDiagnostics` (core/validate/validate-workflow.ts) step for step, with the parts read
 * from the incremental parse instead of one big document; test/unit/server/incremental-validator.test.ts checks
 * that both give the same diagnostics after random edits. A full parse is validated by `validateWorkflow` itself.
 */
export class IncrementalValidator {
  private steps = new WeakMap<ParsedStepItem, StepCache>();
  private root?: { text: string; diagnostics: SpanDiagnostic[] };

  validate(parse: IncrementalParse): WorkflowDiagnostic[] {
    if (!parse.items || !parse.skeleton) return validateWorkflow(parse.workflow);
    const { workflow } = parse;
    const source = workflow.source;
    const text = source.text;
    const diagnostics: SpanDiagnostic[] = [...this.rootSchema(parse.skeleton)];

    const references: WorkflowReference[] = [];
    const config = workflow.containerConfig;
    if (config) {
      const configReferences = listReferences({ ...workflow, steps: [], outputs: [] });
      references.push(...configReferences);
      diagnostics.push(
        ...checkVolumes(config.volumes, 'container_config'),
        ...checkResources(config.resources, 'container_config'),
        ...checkInterpolationSyntax(configReferences),
      );
    }

    parse.items.forEach((item, index) => {
      const cached = this.stepCache(item, index, text);
      for (const diagnostic of cached.diagnostics) diagnostics.push(shiftSpans(diagnostic, item.delta));
      if (!item.placed) return;
      for (const reference of cached.references) references.push(reference);
      // DW014 depends on the step and container_config (in the skeleton): skip it while both say "has an image".
      if (cached.hasImageFor !== parse.skeleton!.text) {
        const found = checkImage(item.placed, config, item.hasImageKey, text);
        diagnostics.push(...found);
        cached.hasImageFor = found.length ? undefined : parse.skeleton!.text;
      }
    });

    const outputReferences = listOutputReferences(workflow.outputs, text);
    references.push(...outputReferences);
    diagnostics.push(...checkInterpolationSyntax(outputReferences));

    const graph = DependencyGraph.of(workflow);
    diagnostics.push(
      ...checkDuplicateIds(workflow.steps, source),
      ...checkDependencies(workflow.steps, new Set(graph.ids)),
      ...checkCycles(graph),
      ...checkReferences(references, workflow, graph),
    );
    diagnostics.sort(compareSpanDiagnostics);
    return applySuppressions(diagnostics, source).map((diagnostic) =>
      toWorkflowDiagnostic(source, diagnostic),
    );
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
      shiftInPlace(cached.references, item.delta - cached.referencesDelta, LINKS);
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
  /** The skeleton text under which the step was found to have an image (no DW014 to report). */
  hasImageFor?: string;
}

/**
 * `validateStep` (core/validate/validate-step.ts) for one item, with its references in the whole text.
 * An item the fast reader read is checked against the step schema as plain data first: when valid (nearly
 * always), the rest of `validateStep` runs on the placed model and no `yaml` node is ever built; otherwise
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
    const label = stepLabel(placed);
    const found = [
      ...checkCommand(placed, item.fast.emptyCommand),
      ...checkVolumes(placed.volumes, label),
      ...checkResources(placed.resources, label),
      ...checkDuplicateDependencies(placed),
      ...checkInterpolationSyntax(references),
    ];
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

/** The skeleton with `steps:` holding an empty list (its items are checked one by one), as a copy. */
function withEmptySteps(document: Document.Parsed): Document {
  const copy = document.clone();
  if (isMap(copy.contents)) {
    const pair = copy.contents.items.find(
      (item: Pair) => String((item.key as { value?: unknown } | null)?.value) === 'steps',
    );
    if (pair) (pair as Pair<unknown, unknown>).value = new YAMLSeq();
  }
  return copy;
}
