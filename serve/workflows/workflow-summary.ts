import type { InputDeclaration } from '../../core/model/workflow.js';
import { MASK } from '../../core/run/secret-masker.js';
import { diagnosticsAsJson } from './invalid-workflow.js';
import type { CatalogWorkflow } from './workflow-catalog.js';

/** An input as GET /dagger/workflows lists it. */
interface InputSummary {
  description?: string;
  default?: string;
  required: boolean;
  secret: boolean;
}

/** A workflow as GET /dagger/workflows lists it (docs/serve-api.md), plus its file and errors. */
export function workflowSummary(entry: CatalogWorkflow) {
  const workflow = entry.workflow;
  return {
    id: entry.id,
    name: workflow?.name?.value ?? entry.id,
    description: workflow?.description?.value ?? null,
    inputs: workflow?.inputs ? declaredInputs(workflow.inputs) : null,
    valid: entry.errors.length === 0,
    file: entry.relativeFile,
    ...(entry.errors.length ? { errors: diagnosticsAsJson(entry.errors) } : {}),
  };
}

function declaredInputs(inputs: InputDeclaration[]): Record<string, InputSummary> {
  const summaries: Record<string, InputSummary> = {};
  for (const input of inputs) {
    const secret = input.secret?.value ?? false;
    const summary: InputSummary = { required: input.required?.value ?? false, secret };
    if (input.description) summary.description = input.description.value;
    // A secret's default is a secret too: whoever lists the workflows need not see it.
    if (input.default) summary.default = secret ? MASK : input.default.value;
    summaries[input.name.value] = summary;
  }
  return summaries;
}
