import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv, type AnySchemaObject } from 'ajv';
import { MEMORY_UNITS } from '../../../../../core/model/resource-units.js';
import { WORKFLOW_SCHEMA } from '../../../../../core/validate/schema/compiled-schema.js';
import { validateText } from '../../../../../core/validate/validate-workflow.js';
import { must } from '../../../../support/must.js';

const definitions = WORKFLOW_SCHEMA.definitions as Record<string, AnySchemaObject>;
/** A definition of the workflow schema; the test fails when it is missing. */
const definition = (name: string): AnySchemaObject => must(definitions[name], `definitions.${name}`);

/** Every subschema that describes an object, with its JSON-pointer-ish path. */
function objectSchemas(schema: AnySchemaObject, path = '#'): [string, AnySchemaObject][] {
  const found: [string, AnySchemaObject][] = [];
  const types = ([] as unknown[]).concat(schema.type);
  if (types.includes('object') && schema.properties) found.push([path, schema]);
  for (const [key, value] of Object.entries(schema)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (key === 'properties' || key === 'definitions') {
        for (const [name, child] of Object.entries(value as Record<string, AnySchemaObject>)) {
          found.push(...objectSchemas(child, `${path}/${key}/${name}`));
        }
      } else if (key === 'items' || key === 'additionalProperties') {
        found.push(...objectSchemas(value as AnySchemaObject, `${path}/${key}`));
      }
    }
  }
  return found;
}

void test('the schema compiles in ajv strict mode, as other tools would compile it', () => {
  const ajv = new Ajv({ strict: true });
  assert.doesNotThrow(() => ajv.compile(WORKFLOW_SCHEMA));
});

void test('the schema is draft-07 with an $id', () => {
  assert.equal(WORKFLOW_SCHEMA.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.match(String(WORKFLOW_SCHEMA.$id), /^https:\/\/.+\.json$/);
});

void test('every object in the schema forbids unknown keys and describes every property (hover needs it)', () => {
  const objects = objectSchemas(WORKFLOW_SCHEMA);
  assert.ok(objects.length >= 7, `found ${objects.length} object schemas`);
  for (const [path, schema] of objects) {
    assert.equal(schema.additionalProperties, false, `${path} must set additionalProperties: false`);
    for (const [name, property] of Object.entries(schema.properties as Record<string, AnySchemaObject>)) {
      assert.ok(
        typeof property.description === 'string' && property.description.length > 10,
        `${path}/properties/${name} has no description`,
      );
    }
  }
});

void test('the schema covers every field of docs/workflow-format.md', () => {
  const keys = (schema: AnySchemaObject) => Object.keys(schema.properties as object).sort();
  assert.deepEqual(keys(WORKFLOW_SCHEMA), [
    'container_config',
    'description',
    'inputs',
    'name',
    'outputs',
    'steps',
  ]);
  assert.deepEqual(keys(definition('step')), [
    'allow_failure',
    'cache',
    'command',
    'depends_on',
    'environment',
    'id',
    'image',
    'max_age',
    'name',
    'resources',
    'retries',
    'retry_delay',
    'timeout_seconds',
    'volumes',
  ]);
  assert.deepEqual(keys(definition('containerConfig')), [
    'cache',
    'environment',
    'image',
    'max_age',
    'resources',
    'retries',
    'retry_delay',
    'timeout_seconds',
    'volumes',
  ]);
  assert.deepEqual(keys(definition('input')), ['default', 'description', 'required', 'secret']);
  assert.deepEqual(keys(definition('output')), ['description', 'name', 'value']);
});

void test('the id, cpu and memory patterns accept the documented forms and refuse others', () => {
  const pattern = (schema: AnySchemaObject) => new RegExp(String(schema.pattern));
  const id = pattern(
    must((definition('step').properties as Record<string, AnySchemaObject>).id, 'the id property'),
  );
  const resources = definition('resources').properties as Record<string, AnySchemaObject>;
  const stringBranch = (schema: AnySchemaObject | undefined) =>
    (schema?.anyOf as AnySchemaObject[] | undefined)?.[0] ?? {};
  const cpu = pattern(stringBranch(resources.cpu));
  const memory = pattern(stringBranch(resources.memory));
  for (const ok of ['build', 'fetch-data', 'step_1', '1st']) assert.match(ok, id);
  for (const bad of ['-x', 'a b', 'a.b', '']) assert.doesNotMatch(bad, id);
  for (const ok of ['2', '0.5', '500m', '.5']) assert.match(ok, cpu);
  for (const bad of ['two', '2 cores', '-1', '500M', '0', '0.001', '5m']) assert.doesNotMatch(bad, cpu);
  for (const ok of ['4G', '512M', '512Mi', '1g', '6291456', '64mb', '1.5G']) assert.match(ok, memory);
  for (const bad of ['4 gigs', 'lots', '-5M', 'G', '0', '5M', '1k']) assert.doesNotMatch(bad, memory);
});

void test('memory units: the schema, its description and the DW018 message name the same ones (K to P)', () => {
  assert.deepEqual(MEMORY_UNITS, ['K', 'M', 'G', 'T', 'P']);
  const memory = (definition('resources').properties as Record<string, AnySchemaObject>).memory ?? {};
  const description = String(memory.description);
  const pattern = new RegExp(String((memory.anyOf as AnySchemaObject[] | undefined)?.[0]?.pattern));
  const [dw018] = validateText('steps:\n  - id: a\n    image: alpine\n    resources: {memory: 4 gigs}\n');
  for (const unit of MEMORY_UNITS) {
    assert.match(description, new RegExp(`\`${unit}\``), `the description names ${unit}`);
    assert.match(`9999${unit}`, pattern, `the pattern accepts 9999${unit}`);
    assert.match(dw018?.message ?? '', new RegExp(`\\b${unit}\\b`), `DW018 names ${unit}`);
  }
  assert.match(dw018?.message ?? '', /K, M, G, T or P/);
  assert.doesNotMatch('9999E', pattern, 'no unit beyond those');
});
