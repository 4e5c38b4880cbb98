import type { EffectiveStep } from '../model/effective-step.js';
import type { DagTask, Template } from './argo-types.js';
import type { NameAllocator } from './argo-names.js';
import { taskOf, type ExportContext } from './export-context.js';
import type { StepContainer } from './step-container.js';
import type { DagOutputs } from './workflow-outputs.js';

/** What the DAG is made of: the steps in declaration order, their dependencies and what each task passes in. */
export interface DagInput {
  stepIds: readonly string[];
  steps: ReadonlyMap<string, EffectiveStep>;
  dependencies: ReadonlyMap<string, readonly string[]>;
  translated: ReadonlyMap<string, StepContainer>;
  outputs: DagOutputs;
}

/** The DAG template, and the template of the gates that follow `allow_failure` steps (undefined when none). */
export interface DagTemplates {
  dag: Template;
  gate?: Template;
}

/**
 * The entrypoint: one task per step, `depends_on` as `depends` ("a && b": each must have succeeded). `failFast`
 * is off, as in a run, where a failure skips only the steps that depend on it while other branches go on.
 *
 * `allow_failure` needs more than Argo's `continueOn`, which Argo refuses beside `depends` and which would run the
 * dependents. After such a step comes a gate: a task that ends at once (`suspend` of 0 s) whatever the step's
 * outcome. Its dependents wait for the gate and run only `when` the step succeeded, else they are Skipped. The
 * gate, which succeeded, is what stands between the failure and the rest of the DAG, so Argo does not count the
 * failure against the workflow, while a failure of any other step still fails it. A task that may be Skipped
 * that way is named `<task>.Succeeded` in its dependents' `depends` (a bare name would accept Skipped).
 */
export function dagTemplates(input: DagInput, context: ExportContext, names: NameAllocator): DagTemplates {
  const dagName = names.allocate('main');
  const allowed = input.stepIds.filter((id) => input.steps.get(id)?.allowFailure);
  const gateTemplate = allowed.length ? names.allocate('allow-failure-gate') : undefined;
  const gates = new Map(allowed.map((id) => [id, names.allocate(`${taskOf(context, id)}-finished`)]));
  const mayBeSkipped = (id: string) =>
    (input.dependencies.get(id) ?? []).some((dependency) => gates.has(dependency));

  const tasks: DagTask[] = [];
  for (const id of input.stepIds) {
    const task = taskOf(context, id);
    const dependencies = input.dependencies.get(id) ?? [];
    const operands = dependencies.map((dependency) => {
      const gate = gates.get(dependency);
      if (gate) return gate;
      return mayBeSkipped(dependency)
        ? `${taskOf(context, dependency)}.Succeeded`
        : taskOf(context, dependency);
    });
    const conditions = dependencies
      .filter((dependency) => gates.has(dependency))
      .map((dependency) => `'{{tasks.${taskOf(context, dependency)}.status}}' == 'Succeeded'`);
    const args = input.translated.get(id)?.arguments ?? [];
    tasks.push({
      name: task,
      template: task,
      ...(operands.length ? { depends: operands.join(' && ') } : {}),
      ...(conditions.length ? { when: conditions.join(' && ') } : {}),
      ...(args.length ? { arguments: { parameters: args } } : {}),
    });
    const gate = gates.get(id);
    if (gate && gateTemplate)
      tasks.push({
        name: gate,
        template: gateTemplate,
        depends: `${task}.Succeeded || ${task}.Failed || ${task}.Errored`,
      });
  }
  const dag: Template = { name: dagName, dag: { failFast: false, tasks } };
  if (input.outputs.inputs.length)
    dag.inputs = { parameters: input.outputs.inputs.map((name) => ({ name })) };
  if (input.outputs.outputs.length) dag.outputs = { parameters: input.outputs.outputs };
  return {
    dag,
    gate: gateTemplate ? { name: gateTemplate, suspend: { duration: '0' } } : undefined,
  };
}
