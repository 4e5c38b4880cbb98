import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import workflowSchema from '../../../schemas/workflow.schema.json';

/** The one schema (schemas/workflow.schema.json, documented in docs/workflow-format.md), as a plain object for readers such as hover and key completion. */
export const WORKFLOW_SCHEMA: AnySchemaObject = workflowSchema;

export interface CompiledSchema {
  /** The whole document except the items of `steps` (each step is checked on its own). */
  validateRoot: ValidateFunction;
  /** One item of `steps`. */
  validateStep: ValidateFunction;
}

let compiled: CompiledSchema | undefined;

/**
 * Compile once, on first use. Steps are validated one by one so a language server can cache each step's
 * result, and so the whole document never has to be converted to JS at once.
 */
export function compiledSchema(): CompiledSchema {
  if (compiled) return compiled;
  // `verbose` keeps the parent schema on each error: unknown-key suggestions come from its property names.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
  ajv.addSchema(WORKFLOW_SCHEMA);
  const stepsProperty = (WORKFLOW_SCHEMA.properties as Record<string, AnySchemaObject>).steps;
  const rootSchema: AnySchemaObject = {
    ...WORKFLOW_SCHEMA,
    $id: `${String(WORKFLOW_SCHEMA.$id)}#root`.replace('.json#root', '.root.json'),
    properties: { ...(WORKFLOW_SCHEMA.properties as object), steps: { ...stepsProperty, items: true } },
  };
  const validateStep = ajv.getSchema(`${String(WORKFLOW_SCHEMA.$id)}#/definitions/step`);
  if (!validateStep) throw new Error('schemas/workflow.schema.json has no definitions/step');
  compiled = { validateRoot: ajv.compile(rootSchema), validateStep };
  return compiled;
}
