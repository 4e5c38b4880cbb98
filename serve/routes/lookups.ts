import type { Execution } from '../executions/execution.js';
import { HttpProblem } from '../problem.js';
import type { ServeContext } from '../serve-context.js';
import type { CatalogWorkflow } from '../workflows/workflow-catalog.js';

/** The execution with this id, or a 404 naming it. */
export function findExecution(context: ServeContext, id: string): Execution {
  const execution = context.store.get(id);
  if (!execution)
    throw new HttpProblem(404, 'execution-not-found', 'Execution not found', `no execution "${id}"`);
  return execution;
}

/** The workflow with this id (read afresh if its file changed), or a 404 listing the ids there are. */
export function findWorkflow(context: ServeContext, id: string): CatalogWorkflow {
  const workflows = context.catalog.list();
  const workflow = workflows.find((candidate) => candidate.id === id);
  if (!workflow) {
    const ids = workflows.map((candidate) => candidate.id);
    throw new HttpProblem(
      404,
      'workflow-not-found',
      'Workflow not found',
      `no workflow "${id}" (workflows: ${ids.join(', ') || 'none'})`,
    );
  }
  return workflow;
}
