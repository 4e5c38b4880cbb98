import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv, type AnySchemaObject } from 'ajv';
import { WORKFLOW_SCHEMA } from '../../../core/validate/schema/compiled-schema.js';

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

void test('the schema compiles in ajv strict mode', () => {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true });
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
  const definitions = WORKFLOW_SCHEMA.definitions as Record<string, AnySchemaObject>;
  const keys = (schema: AnySchemaObject) => Object.keys(schema.properties as object).sort();
  assert.deepEqual(keys(WORKFLOW_SCHEMA), [
    'container_config',
    'description',
    'inputs',
    'name',
    'outputs',
    'steps',
  ]);
  assert.deepEqual(keys(definitions.step), [
    'allow_failure',
    'command',
    'depends_on',
    'environment',
    'id',
    'image',
    'name',
    'resources',
    'retries',
    'retry_delay',
    'timeout_seconds',
    'volumes',
  ]);
  assert.deepEqual(keys(definitions.containerConfig), [
    'environment',
    'image',
    'resources',
    'retries',
    'retry_delay',
    'timeout_seconds',
    'volumes',
  ]);
  assert.deepEqual(keys(definitions.input), ['default', 'description', 'required', 'secret']);
  assert.deepEqual(keys(definitions.output), ['description', 'name', 'value']);
});

void test('the id, cpu and memory patterns accept the documented forms and refuse others', () => {
  const definitions = WORKFLOW_SCHEMA.definitions as Record<string, AnySchemaObject>;
  const pattern = (schema: AnySchemaObject) => new RegExp(String(schema.pattern));
  const id = pattern((definitions.step.properties as Record<string, AnySchemaObject>).id);
  const resources = definitions.resources.properties as Record<string, AnySchemaObject>;
  const cpu = pattern(resources.cpu);
  const memory = pattern(resources.memory);
  for (const ok of ['build', 'fetch-data', 'step_1', '1st']) assert.match(ok, id);
  for (const bad of ['-x', 'a b', 'a.b', '']) assert.doesNotMatch(bad, id);
  for (const ok of ['2', '0.5', '500m', '.5']) assert.match(ok, cpu);
  for (const bad of ['two', '2 cores', '-1', '500M']) assert.doesNotMatch(bad, cpu);
  for (const ok of ['4G', '512M', '512Mi', '1g', '1048576', '64mb', '1.5G']) assert.match(ok, memory);
  for (const bad of ['4 gigs', 'lots', '-5M', 'G']) assert.doesNotMatch(bad, memory);
});
