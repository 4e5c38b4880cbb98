/**
 * The one ordered list of workflow checks. `validateWorkflow` runs it over a whole parsed document; the
 * language server's incremental validator runs it over cached parts. Both get the parts through
 * `WorkflowParts`, so a check added here reaches both.
 */
import type { DependencyGraph } from '../graph/dependency-graph.js';
import {
  listContainerConfigReferences,
  listOutputReferences,
  type WorkflowReference,
} from '../interpolate/list-references.js';
import type { WorkflowDiagnostic } from '../model/diagnostic.js';
import type { SourceText } from '../parse/source-text.js';
import type { Step, Workflow } from '../model/workflow.js';
import { checkCycles } from './check-cycles.js';
import { checkDependencies } from './check-dependencies.js';
import { checkDuplicateIds } from './check-duplicate-ids.js';
import { checkImage } from './check-image.js';
import { checkImageReference } from './check-image-reference.js';
import { checkInterpolationSyntax } from './check-interpolation-syntax.js';
import { checkReferences } from './check-references.js';
import { checkResources } from './check-resources.js';
import { checkSyntax } from './check-syntax.js';
import { checkVolumes } from './check-volumes.js';
import { compareSpanDiagnostics, toWorkflowDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';
import { applySuppressions } from './suppressions.js';
import type { StepValidation } from './validate-step.js';

/** DW014 for one step: bound to the workflow's container_config and text by `checkWorkflow`. */
export type ImageCheck = (step: Step, hasImageKey: boolean) => SpanDiagnostic[];

/** Where `checkWorkflow` gets the parts a cache may serve; all offsets are in the whole text. */
export interface WorkflowParts {
  /** The schema (DW002/DW003) of everything but the items of `steps`. */
  rootSchema(): SpanDiagnostic[];
  /**
   * Every item of `steps` in order: its step-local diagnostics and references (`validateStep`), each item's
   * diagnostics followed by `imageCheck` of its step when it is one.
   */
  steps(imageCheck: ImageCheck): StepValidation;
  /** The dependency graph of the workflow's steps. */
  graph(): DependencyGraph;
  /**
   * Runs one of the checks that read nothing but ids and edges (they come named); a cache may skip one that
   * found nothing on the same graph.
   */
  graphCheck(name: string, check: () => SpanDiagnostic[]): SpanDiagnostic[];
}

/** Every diagnostic of a workflow as offsets, sorted, before suppression. */
export function checkWorkflow(workflow: Workflow, parts: WorkflowParts): SpanDiagnostic[] {
  const { source } = workflow;
  const text = source.text;
  const diagnostics = [...checkSyntax(workflow), ...parts.rootSchema()];

  const references: WorkflowReference[] = [];
  const config = workflow.containerConfig;
  if (config) {
    const configReferences = listContainerConfigReferences(config, text);
    references.push(...configReferences);
    diagnostics.push(
      ...checkImageReference(config.image, 'container_config'),
      ...checkVolumes(config.volumes, 'container_config'),
      ...checkResources(config.resources, 'container_config'),
      ...checkInterpolationSyntax(configReferences),
    );
  }

  const steps = parts.steps((step, hasImageKey) => checkImage(step, config, hasImageKey, text));
  pushAll(diagnostics, steps.diagnostics);
  pushAll(references, steps.references);

  const outputReferences = listOutputReferences(workflow.outputs, text);
  references.push(...outputReferences);
  diagnostics.push(...checkInterpolationSyntax(outputReferences));

  const graph = parts.graph();
  diagnostics.push(
    ...parts.graphCheck('duplicate ids', () => checkDuplicateIds(workflow.steps, source)),
    ...parts.graphCheck('dependencies', () => checkDependencies(workflow.steps, new Set(graph.ids))),
    ...parts.graphCheck('cycles', () => checkCycles(graph)),
    ...checkReferences(references, workflow, graph),
  );
  return diagnostics.sort(compareSpanDiagnostics);
}

/** `# dagger-ignore` suppression and the conversion to line/character ranges, once, at the end. */
export function finishDiagnostics(diagnostics: SpanDiagnostic[], source: SourceText): WorkflowDiagnostic[] {
  return applySuppressions(diagnostics, source).map((diagnostic) => toWorkflowDiagnostic(source, diagnostic));
}

/** `target.push(...items)` without spreading a list that may be longer than the call stack allows. */
function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
