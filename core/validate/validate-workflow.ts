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
 * line/character ranges happen once, at the end.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { DependencyGraph } from '../graph/dependency-graph.js';
import {
  listOutputReferences,
  listReferences,
  type WorkflowReference,
} from '../interpolate/list-references.js';
import type { WorkflowDiagnostic } from '../model/diagnostic.js';
import type { Span } from '../model/source.js';
import type { Step, Workflow } from '../model/workflow.js';
import { parseWorkflow } from '../parse/parse-workflow.js';
import { checkCycles } from './check-cycles.js';
import { checkDependencies } from './check-dependencies.js';
import { checkDuplicateIds } from './check-duplicate-ids.js';
import { checkImage } from './check-image.js';
import { checkInterpolationSyntax } from './check-interpolation-syntax.js';
import { checkReferences } from './check-references.js';
import { checkResources } from './check-resources.js';
import { checkVolumes } from './check-volumes.js';
import { checkRootSchema } from './schema/check-schema.js';
import {
  compareSpanDiagnostics,
  spanDiagnostic,
  toWorkflowDiagnostic,
  type SpanDiagnostic,
} from './span-diagnostic.js';
import { applySuppressions } from './suppressions.js';
import { validateStep, type StepInput, type StepValidation } from './validate-step.js';

export interface ValidateOptions {
  /** Replaces `validateStep`, e.g. with a cached version. */
  validateStep?: (input: StepInput) => StepValidation;
}

/** Every diagnostic of a parsed workflow, suppressions applied, sorted by position. */
export function validateWorkflow(workflow: Workflow, options: ValidateOptions = {}): WorkflowDiagnostic[] {
  const diagnostics = applySuppressions(collectSpanDiagnostics(workflow, options), workflow.source);
  return diagnostics.map((diagnostic) => toWorkflowDiagnostic(workflow.source, diagnostic));
}

/** Parse and validate a workflow's text. */
export function validateText(text: string): WorkflowDiagnostic[] {
  return validateWorkflow(parseWorkflow(text));
}

/** All diagnostics as offsets, sorted, before suppression. */
export function collectSpanDiagnostics(workflow: Workflow, options: ValidateOptions = {}): SpanDiagnostic[] {
  const { document, source } = workflow;
  const text = source.text;
  const diagnostics = syntaxDiagnostics(workflow);
  diagnostics.push(...checkRootSchema(document, text));

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

  const stepByIndex = new Map<number, Step>(workflow.steps.map((step) => [step.index, step]));
  const validate = options.validateStep ?? validateStep;
  stepNodes(workflow).forEach((node, index) => {
    const step = stepByIndex.get(index);
    const result = validate({ node, index, step, document, text });
    diagnostics.push(...result.diagnostics);
    references.push(...result.references);
    if (step) diagnostics.push(...checkImage(step, config, isMap(node) && node.has('image'), text));
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
  return diagnostics.sort(compareSpanDiagnostics);
}

/** The yaml library's words where they would puzzle a workflow author (keyed by its error codes). */
const CLEARER: Record<string, string> = {
  MULTIPLE_DOCS:
    'a workflow file holds one YAML document; remove the second "---" and what follows, or split the file',
  DUPLICATE_KEY: 'duplicate key: each key may appear only once in a mapping',
};

/**
 * DW001 from the yaml library's problems. An unclosed bracket repeated 5,000 times gives the same error at the
 * same place 5,000 times: each is reported once. Running out of stack on deep nesting is said in words.
 */
function syntaxDiagnostics(workflow: Workflow): SpanDiagnostic[] {
  const seen = new Set<string>();
  const diagnostics: SpanDiagnostic[] = [];
  for (const { span, message, code } of workflow.syntaxProblems) {
    const text = /call stack/i.test(message)
      ? 'the document is nested too deeply to be read'
      : (CLEARER[code] ?? message);
    const key = `${span.start}:${span.end}:${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(
      spanDiagnostic(
        'DW001',
        code === 'DUPLICATE_KEY' ? keySpanAt(workflow.source.text, span.start) : span,
        text,
      ),
    );
  }
  return diagnostics;
}

/** The yaml library marks a duplicate key by its first character; underline the whole key. */
function keySpanAt(text: string, start: number): Span {
  const match = /^[^:\n#]*?(?=\s*:(\s|$))/.exec(text.slice(start, start + 200));
  return { start, end: start + Math.max(1, match ? match[0].length : 1) };
}

/** The items of `steps` (mappings or not), or none when `steps` is missing or not a list. */
function stepNodes(workflow: Workflow): (Node | null)[] {
  const root = workflow.document.contents;
  if (!isMap(root)) return [];
  const steps = root.get('steps', true);
  return isSeq(steps) ? (steps.items as (Node | null)[]) : [];
}
