import { DependencyGraph } from '../graph/dependency-graph.js';
import type { WorkflowReference } from '../interpolate/list-references.js';
import type { WorkflowDiagnostic } from '../model/diagnostic.js';
import type { Step, Workflow } from '../model/workflow.js';
import { shiftSpans } from '../parse/shift-spans.js';
import { pairOf } from '../parse/step-fields.js';
import { itemYaml, type StepItem, type StepItemReading } from '../parse/step-item.js';
import { checkRootSchema } from '../validate/schema/check-schema.js';
import type { SpanDiagnostic } from '../validate/span-diagnostic.js';
import { validateStep } from '../validate/validate-step.js';
import { validateWorkflow } from '../validate/validate-workflow.js';
import { checkWorkflow, finishDiagnostics } from '../validate/workflow-checks.js';

/** The checks `checkWorkflow` runs through `graphCheck`: they read nothing but ids and edges. */
const GRAPH_CHECKS = ['duplicate ids', 'dependencies', 'cycles'];

/**
 * Validates successive versions of one document, re-checking only what changed: each item's step-local checks
 * (schema, command, volumes, resources, `${…}` syntax) and references are kept per reading of the item
 * (core/parse/step-item.ts) and placed where the item now stands; the workflow-level checks (ids, dependencies,
 * cycles, references, images after defaults) run every time, each linear in the size of the workflow. Those that
 * read nothing but ids and edges are skipped while both stay the same and they found nothing; then the checks
 * run on the steps as validated, and only what they report is placed, so a moved step is never copied for them.
 *
 * The checks and their order are `checkWorkflow` (core/validate/workflow-checks.ts), the same as for a full
 * validation: test/unit/incremental/incremental-validator.test.ts checks that both give the same diagnostics
 * after random edits. A file read in one piece is validated by `validateWorkflow` itself.
 */
export class IncrementalValidator {
  private readonly local = new WeakMap<StepItemReading, LocalChecks>();
  private readonly graphKeys = new WeakMap<Step, string>();
  private graphShape: string[] = [];
  /** The graph-level checks that found nothing on the current graph shape. */
  private cleanGraphChecks = new Set<string>();
  /** The graph of the last validation that could take it from the validated steps, and those steps. */
  private lastGraph?: { steps: Step[]; graph: DependencyGraph };

  validate(workflow: Workflow): WorkflowDiagnostic[] {
    const { document, items } = workflow.yaml;
    if (!items) return validateWorkflow(workflow);
    const text = workflow.source.text;
    const checked = items.map((item) => this.localChecks(item, text));
    const steps = checked.flatMap((local) => (local.step ? [local.step] : []));
    const sameShape = this.sameGraphShape(steps);
    // Graph checks to run: their diagnostics need the placed steps (and their graph).
    const placed = !sameShape || GRAPH_CHECKS.some((name) => !this.cleanGraphChecks.has(name));
    const clean = new Set<string>();
    const diagnostics = checkWorkflow(workflow, {
      rootSchema: () => checkRootSchema(document, text, items.length),
      steps: (imageCheck) => {
        const diagnostics: SpanDiagnostic[] = [];
        const references: WorkflowReference[] = [];
        items.forEach((item, index) => {
          const local = checked[index];
          if (!local) return;
          const delta = item.start - local.start;
          for (const diagnostic of local.diagnostics)
            diagnostics.push(delta === 0 ? diagnostic : shiftSpans(diagnostic, delta));
          if (!local.step) return;
          for (const reference of this.placedReferences(local, item.start)) references.push(reference);
          // Nearly always nothing to report; a report is made on the placed step (its anchor reads the text).
          let found = imageCheck(local.step, local.hasImageKey);
          if (found.length && delta !== 0 && item.step) found = imageCheck(item.step, local.hasImageKey);
          for (const diagnostic of found) diagnostics.push(diagnostic);
        });
        return { diagnostics, references };
      },
      graph: () => (placed ? new DependencyGraph(workflow.steps) : this.graphOf(steps)),
      // Duplicate ids, unknown dependencies and cycles depend on nothing but ids and edges: while those stay the
      // same and there were none, there are still none (when there were some, they are found again, with offsets).
      graphCheck: (name, check) => {
        if (sameShape && this.cleanGraphChecks.has(name)) {
          clean.add(name);
          return [];
        }
        const found = check();
        if (!found.length) clean.add(name);
        return found;
      },
    });
    this.cleanGraphChecks = clean;
    if (placed) this.lastGraph = undefined;
    return finishDiagnostics(diagnostics, workflow.source);
  }

  /**
   * An item's step-local diagnostics and references: made once per reading (and position in `steps`, for a
   * step without id), with the offsets of where the item stood then.
   */
  private localChecks(item: StepItem, text: string): LocalChecks {
    const cached = this.local.get(item.reading);
    if (cached && (cached.index === undefined || cached.index === item.index)) return cached;
    const step = item.step;
    const yaml = itemYaml(item, text);
    const result = validateStep({ ...yaml, index: item.index, step, text });
    const checks: LocalChecks = {
      start: item.start,
      // Messages name a step by its id, or by its position when it has none: then the position matters.
      index: step?.id?.value ? undefined : item.index,
      step,
      diagnostics: result.diagnostics,
      references: result.references,
      hasImageKey: pairOf(yaml.node, 'image') !== undefined,
      placedReferences: { start: item.start, references: result.references },
    };
    this.local.set(item.reading, checks);
    return checks;
  }

  /** The item's references where it stands now (copies when it moved; their step stays the validated one). */
  private placedReferences(local: LocalChecks, start: number): WorkflowReference[] {
    if (local.placedReferences.start !== start) {
      const delta = start - local.start;
      const references = local.references.map((reference) => ({
        ...reference,
        span: shiftSpans(reference.span, delta),
        innerSpan: shiftSpans(reference.innerSpan, delta),
        value: shiftSpans(reference.value, delta),
      }));
      local.placedReferences = { start, references };
    }
    return local.placedReferences.references;
  }

  /** The graph of the validated steps: the last one, given this version's step objects, when only those changed. */
  private graphOf(steps: Step[]): DependencyGraph {
    const last = this.lastGraph;
    if (!last || last.steps.length !== steps.length) {
      this.lastGraph = { steps, graph: new DependencyGraph(steps) };
      return this.lastGraph.graph;
    }
    steps.forEach((step, index) => {
      const before = last.steps[index];
      const id = step.id?.value;
      if (step !== before && id !== undefined && last.graph.steps.get(id) === before)
        last.graph.steps.set(id, step);
    });
    last.steps = steps;
    return last.graph;
  }

  /** Whether ids and edges are those of the last validation (remembering these for the next one). */
  private sameGraphShape(steps: readonly Step[]): boolean {
    const shape = steps.map((step) => {
      let key = this.graphKeys.get(step);
      if (key === undefined) {
        key = `${step.id?.value ?? '\u0002'}\u0000${step.dependsOn?.items.map((entry) => entry.value).join('\u0001') ?? ''}`;
        this.graphKeys.set(step, key);
      }
      return key;
    });
    const same =
      shape.length === this.graphShape.length && shape.every((key, i) => key === this.graphShape[i]);
    this.graphShape = shape;
    return same;
  }
}

interface LocalChecks {
  /** Where the item stood when these were made: the offsets of `diagnostics` and `references`. */
  start: number;
  /** Set when the diagnostics name the step by its position (it has no id). */
  index?: number;
  /** The step as validated (the reading's own, unless the item had moved when it was validated). */
  step?: Step;
  diagnostics: SpanDiagnostic[];
  references: WorkflowReference[];
  hasImageKey: boolean;
  /** The references placed where the item stood in the last validation. */
  placedReferences: { start: number; references: WorkflowReference[] };
}
