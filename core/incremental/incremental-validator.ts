import { DependencyGraph } from '../graph/dependency-graph.js';
import { listStepReferences, type WorkflowReference } from '../interpolate/list-references.js';
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

/**
 * Validates successive versions of one document, re-checking only what changed: each item's step-local checks
 * (schema, command, volumes, resources, `${…}` syntax) are kept per reading of the item (core/parse/step-item.ts)
 * and placed where the item now stands; a step's references are kept while the step is the same object. The
 * workflow-level checks (ids, dependencies, cycles, references, images after defaults) run every time over the
 * model, each linear in its size; those that read only ids and edges are skipped while both stay the same and
 * they found nothing.
 *
 * The checks and their order are `checkWorkflow` (core/validate/workflow-checks.ts), the same as for a full
 * validation: test/unit/incremental/incremental-validator.test.ts checks that both give the same diagnostics
 * after random edits. A file read in one piece is validated by `validateWorkflow` itself.
 */
export class IncrementalValidator {
  private readonly local = new WeakMap<StepItemReading, LocalChecks>();
  private readonly references = new WeakMap<Step, WorkflowReference[]>();
  private readonly graphKeys = new WeakMap<Step, string>();
  private graphShape: string[] = [];
  /** The graph-level checks that found nothing on the current graph shape. */
  private cleanGraphChecks = new Set<string>();

  validate(workflow: Workflow): WorkflowDiagnostic[] {
    const { document, items } = workflow.yaml;
    if (!items) return validateWorkflow(workflow);
    const text = workflow.source.text;
    let sameShape = false;
    const clean = new Set<string>();
    const diagnostics = checkWorkflow(workflow, {
      rootSchema: () => checkRootSchema(document, text, items.length),
      steps: (imageCheck) => {
        const diagnostics: SpanDiagnostic[] = [];
        const references: WorkflowReference[] = [];
        for (const item of items) {
          const local = this.localChecks(item, text);
          const delta = item.start - local.start;
          for (const diagnostic of local.diagnostics)
            diagnostics.push(delta === 0 ? diagnostic : shiftSpans(diagnostic, delta));
          const step = item.step;
          if (!step) continue;
          for (const reference of this.referencesOf(step, text)) references.push(reference);
          for (const diagnostic of imageCheck(step, local.hasImageKey)) diagnostics.push(diagnostic);
        }
        return { diagnostics, references };
      },
      graph: () => {
        sameShape = this.sameGraphShape(workflow.steps);
        return new DependencyGraph(workflow.steps);
      },
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
    return finishDiagnostics(diagnostics, workflow.source);
  }

  /** An item's step-local diagnostics: made once per reading (and position in `steps`, for a step without id). */
  private localChecks(item: StepItem, text: string): LocalChecks {
    const cached = this.local.get(item.reading);
    if (cached && (cached.index === undefined || cached.index === item.index)) return cached;
    const step = item.step;
    const yaml = itemYaml(item, text);
    const result = validateStep({ ...yaml, index: item.index, step, text });
    if (step) this.references.set(step, result.references);
    const checks: LocalChecks = {
      start: item.start,
      // Messages name a step by its id, or by its position when it has none: then the position matters.
      index: step?.id?.value ? undefined : item.index,
      diagnostics: result.diagnostics,
      hasImageKey: pairOf(yaml.node, 'image') !== undefined,
    };
    this.local.set(item.reading, checks);
    return checks;
  }

  /** A step's `${…}` references, listed once per step object (a moved step is a new object). */
  private referencesOf(step: Step, text: string): WorkflowReference[] {
    let references = this.references.get(step);
    if (!references) {
      references = listStepReferences(step, text);
      this.references.set(step, references);
    }
    return references;
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
  /** Where the item stood when its diagnostics were made. */
  start: number;
  /** Set when the diagnostics name the step by its position (it has no id). */
  index?: number;
  diagnostics: SpanDiagnostic[];
  hasImageKey: boolean;
}
