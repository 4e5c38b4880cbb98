import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { CONTAINER_SETTING_FIELDS, STEP_FIELDS } from '../../../../core/parse/step-fields.js';

const schema = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../schemas/workflow.schema.json'), 'utf8'),
) as {
  definitions: Record<string, { properties: Record<string, unknown> }>;
};
const propertiesOf = (definition: string): string[] =>
  Object.keys(schema.definitions[definition]?.properties ?? {}).sort();

/** A value of each step key, in the YAML a workflow would hold. */
const SAMPLES: Record<string, string> = {
  id: 'build',
  name: 'Build',
  image: 'busybox',
  command: '[echo, hi]',
  environment: '{ A: b }',
  volumes: '[{ source: ./src, target: /src }]',
  depends_on: '[lint]',
  timeout_seconds: '60',
  retries: '2',
  retry_delay: '5',
  resources: '{ cpu: "1", memory: 512M }',
  allow_failure: 'true',
  cache: 'true',
  max_age: '12h',
};

void test('the step field table has exactly the step properties of schemas/workflow.schema.json', () => {
  assert.deepEqual(Object.keys(STEP_FIELDS).sort(), propertiesOf('step'));
});

void test('the settings a step shares with container_config are exactly those of the schema', () => {
  assert.deepEqual(Object.keys(CONTAINER_SETTING_FIELDS).sort(), propertiesOf('containerConfig'));
});

void test('each step field fills a property of the Step model, step by step and read in one piece', () => {
  assert.deepEqual(Object.keys(SAMPLES).sort(), propertiesOf('step'), 'a sample for every schema key');
  const filled = (text: string): string[] => Object.keys(parseWorkflow(text).steps[0] ?? {});
  for (const [key, value] of Object.entries(SAMPLES)) {
    const stepByStep = `steps:\n  - ${key === 'id' ? '' : 'id: x\n    '}${key}: ${value}\n`;
    // A flow list of steps has no line layout: the file is read in one piece.
    const onePiece = `steps: [{ ${key === 'id' ? '' : 'id: x, '}${key}: ${value} }]\n`;
    for (const text of [stepByStep, onePiece]) {
      const base = key === 'id' ? ['index', 'span'] : ['index', 'span', 'id'];
      const added = filled(text).filter((property) => !base.includes(property));
      assert.equal(added.length, 1, `"${key}" fills one model property in:\n${text}`);
      assert.notEqual(parseWorkflow(text).steps[0]?.[added[0] as 'id'], undefined, key);
    }
  }
});
