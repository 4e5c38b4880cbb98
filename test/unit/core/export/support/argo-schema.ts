// Argo Workflows' official JSON schema (v4.1.2), read from the engineers' shared folder: it is test data, never
// part of the project. DAGGER_WF_ARGO_SCHEMA points at it; by default shared/argo/schema.json in the nearest
// folder above the repository that has one (../shared for a checkout, ../../shared for a worktree in wt/).
import { REPO_ROOT } from '../../../../support/paths.js';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

const ROOT = REPO_ROOT;
const SCHEMA_IN_SHARED = join('shared', 'argo', 'schema.json');
export const ARGO_SCHEMA_PATH = process.env.DAGGER_WF_ARGO_SCHEMA ?? sharedSchemaPath();

function sharedSchemaPath(): string {
  for (let folder = dirname(ROOT); folder !== dirname(folder); folder = dirname(folder)) {
    const candidate = join(folder, SCHEMA_IN_SHARED);
    if (existsSync(candidate)) return candidate;
  }
  return join(dirname(ROOT), SCHEMA_IN_SHARED);
}
const WORKFLOW_DEFINITION = 'io.argoproj.workflow.v1alpha1.Workflow';

interface JsonSchema {
  $id?: string;
  definitions?: Record<string, { properties?: object; additionalProperties?: unknown }>;
}

let validator: ValidateFunction | undefined;

/**
 * A validator of Argo's `Workflow` definition with every object definition closed (`additionalProperties:
 * false`), so that a misspelt field fails. IntOrString stays `{"type": "string"}`: the export must write strings.
 */
export function argoWorkflowValidator(): ValidateFunction {
  if (validator) return validator;
  assert.ok(
    existsSync(ARGO_SCHEMA_PATH),
    `Argo's JSON schema is missing at ${ARGO_SCHEMA_PATH}: set DAGGER_WF_ARGO_SCHEMA to the copy of ` +
      'argo-workflows api/jsonschema/schema.json (v4.1.2)',
  );
  const schema = JSON.parse(readFileSync(ARGO_SCHEMA_PATH, 'utf8')) as JsonSchema;
  let closed = 0;
  for (const definition of Object.values(schema.definitions ?? {})) {
    if (definition.properties && definition.additionalProperties === undefined) {
      definition.additionalProperties = false;
      closed++;
    }
  }
  assert.ok(closed > 300, `closed ${closed} object definitions (expected about 400): is this Argo's schema?`);
  // Formats (date-time, int64…) concern fields an export never writes.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(schema);
  validator = ajv.compile({ $ref: `${schema.$id ?? ''}#/definitions/${WORKFLOW_DEFINITION}` });
  return validator;
}

/** Schema errors of a manifest, one line each (empty when it is valid). */
export function argoSchemaErrors(manifest: unknown): string[] {
  const validate = argoWorkflowValidator();
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : '';
  return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
}
