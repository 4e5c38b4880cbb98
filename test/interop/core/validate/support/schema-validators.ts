import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { WORKFLOW_SCHEMA } from '../../../../../core/validate/schema/compiled-schema.js';

const SCHEMA_FILE = resolve(__dirname, '../../../../../schemas/workflow.schema.json');
/** Debian's interpreter: its python3-jsonschema is the one scripts/ci/setup.sh installs (not a pip copy). */
const PYTHON = '/usr/bin/python3';

/** Why the second validator cannot run here, or undefined when it can. */
export function pythonJsonSchemaMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import jsonschema'], { encoding: 'utf8' });
  return probe.status === 0
    ? undefined
    : `${PYTHON} with python3-jsonschema is missing (scripts/ci/setup.sh installs it)`;
}

/** Ajv as another tool would use it: the published schema, strict mode, nothing of ours. */
export function ajvVerdicts(documents: readonly unknown[]): boolean[] {
  const validate = new Ajv({ strict: true }).compile(WORKFLOW_SCHEMA);
  return documents.map((document) => validate(document) === true);
}

/** python-jsonschema's Draft 7 validator on the same documents, in one process. */
export function pythonVerdicts(documents: readonly unknown[]): boolean[] {
  const result = spawnSync(PYTHON, [resolve(__dirname, 'python-jsonschema.py'), SCHEMA_FILE], {
    input: documents.map((document) => JSON.stringify(document)).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python-jsonschema failed: ${result.stderr}`);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => line === '1');
}
