/**
 * Validation of a workflow: `validateWorkflow(workflow)` returns every diagnostic, sorted by position.
 *
 * The work is split so an editor can stay fast on very large files (a language server caches per step):
 * - Step-local checks (`validateStep` in validate-step.ts) read one item of `steps` and nothing else: the
 *   step schema (DW002/DW003), DW015 command, DW016 volumes, DW017/DW018 resources, DW019 repeated
 *   depends_on entries, DW020 `${…}` syntax. They also list the step's `${…}` references. Pass
 *   `options.validateStep` to serve them from a cache.
 * - Workflow-level checks need all steps and run on every call, each linear in the size of the workflow:
 *   DW001 syntax, the schema of everything but the steps (top level, inputs, container_config, outputs),
 *   container_config and outputs themselves, DW010 duplicate ids, DW011/DW012 dependencies, DW013 cycles
 *   (strongly connected components), DW014 image after defaults, DW021–DW023 references.
 * Checks return `SpanDiagnostic`s (offsets); sorting, `# dagger-ignore` suppression and the conversion to
 * line/character ranges happen once, at the end. The list and order of the checks is `checkWorkflow`
 * (workflow-checks.ts), shared with the language server's incremental validator.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { DependencyGraph } from '../graph/dependency-graph.js';
import type { WorkflowReference } from '../interpolate/list-references.js';
import type { WorkflowDiagnostic } from '../model/diagnostic.js';
import type { Step, Workflow } from '../model/workflow.js';
import { parseWorkflow } from '../parse/parse-workflow.js';
import { pairOf } from '../parse/step-fields.js';
import { itemYaml } from '../parse/step-item.js';
import { checkRootSchema } from './schema/check-schema.js';
import type { SpanDiagnostic } from './span-diagnostic.js';
import { validateStep, type StepInput, type StepValidation } from './validate-step.js';
import { checkWorkflow, finishDiagnostics } from './workflow-checks.js';

export interface ValidateOptions {
  /** Replaces `validateStep`, e.g. with a cached version. */
  validateStep?: (input: StepInput) => StepValidation;
}

/** Every diagnostic of a parsed workflow, suppressions applied, sorted by position. */
export function validateWorkflow(workflow: Workflow, options: ValidateOptions = {}): WorkflowDiagnostic[] {
  return finishDiagnostics(collectSpanDiagnostics(workflow, options), workflow.source);
}

/** Parse and validate a workflow's text. */
export function validateText(text: string): WorkflowDiagnostic[] {
  return validateWorkflow(parseWorkflow(text));
}

/** All diagnostics as offsets, sorted, before suppression. */
export function collectSpanDiagnostics(workflow: Workflow, options: ValidateOptions = {}): SpanDiagnostic[] {
  const { document, items } = workflow.yaml;
  const text = workflow.source.text;
  const validate = options.validateStep ?? validateStep;
  return checkWorkflow(workflow, {
    rootSchema: () => checkRootSchema(document, text, items?.length),
    steps: (imageCheck) => {
      const diagnostics: SpanDiagnostic[] = [];
      const references: WorkflowReference[] = [];
      for (const input of stepInputs(workflow)) {
        const result = validate(input);
        diagnostics.push(...result.diagnostics);
        references.push(...result.references);
        if (input.step)
          diagnostics.push(...imageCheck(input.step, pairOf(input.node, 'image') !== undefined));
      }
      return { diagnostics, references };
    },
    graph: () => DependencyGraph.of(workflow),
    graphCheck: (_name, check) => check(),
  });
}

/**
 * Each item of `steps` (a mapping or not) with its model; none when `steps` is missing or not a list. One at a
 * time: an item's nodes may be read for the asking (step-item.ts), and are let go before the next item's.
 */
function* stepInputs(workflow: Workflow): Iterable<StepInput> {
  const text = workflow.source.text;
  const { document, items } = workflow.yaml;
  if (items) {
    for (const item of items) yield { ...itemYaml(item, text), index: item.index, step: item.step, text };
    return;
  }
  const stepByIndex = new Map<number, Step>(workflow.steps.map((step) => [step.index, step]));
  const root = document.contents;
  const steps = isMap(root) ? root.get('steps', true) : undefined;
  const nodes = isSeq(steps) ? (steps.items as (Node | null)[]) : [];
  for (const [index, node] of nodes.entries())
    yield { node, index, step: stepByIndex.get(index), document, text };
}
