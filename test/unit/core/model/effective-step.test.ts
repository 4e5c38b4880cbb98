import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { effectiveStep } from '../../../../core/model/effective-step.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { must } from '../../../support/must.js';

// docs/workflow-format.md "container_config": scalars replace, environment merges by key, volumes by target (step wins).
const workflow = parseWorkflow(`
container_config:
  image: base:1
  timeout_seconds: 600
  retries: 3
  retry_delay: 5
  resources: { cpu: "2", memory: 1G }
  environment: { MODE: ci, SHARED: from-config }
  volumes:
    - { source: ./cache, target: /cache }
    - { source: ./config-src, target: /src }
steps:
  - id: defaults
    command: ["true"]
  - id: overrides
    image: own:2
    command: ["true"]
    timeout_seconds: 30
    retries: 0
    retry_delay: 0
    resources: { memory: 256M }
    allow_failure: true
    environment: { SHARED: from-step, EXTRA: "1" }
    volumes:
      - { source: ./step-src, target: /src }
      - { source: ./out, target: /out }
`);
const [defaults, overrides] = workflow.steps.map((step) => effectiveStep(step, workflow.containerConfig));
assert.ok(defaults && overrides, 'both steps are read');

const summary = (step: ReturnType<typeof effectiveStep>) => ({
  image: step.image?.value,
  timeoutSeconds: step.timeoutSeconds,
  retries: step.retries,
  retryDelay: step.retryDelay,
  cpu: step.cpu?.value,
  memory: step.memory?.value,
  allowFailure: step.allowFailure,
  environment: Object.fromEntries([...step.environment].map(([name, value]) => [name, value.value])),
  volumes: step.volumes.map((volume) => `${volume.source?.value}:${volume.target?.value}`),
});

void test('a step without settings of its own takes every container_config default', () => {
  assert.deepEqual(summary(defaults), {
    image: 'base:1',
    timeoutSeconds: 600,
    retries: 3,
    retryDelay: 5,
    cpu: '2',
    memory: '1G',
    allowFailure: false,
    environment: { MODE: 'ci', SHARED: 'from-config' },
    volumes: ['./cache:/cache', './config-src:/src'],
  });
});

void test('step scalars replace (0 included); environment merges by key and volumes by target, the step winning', () => {
  assert.deepEqual(summary(overrides), {
    image: 'own:2',
    timeoutSeconds: 30,
    retries: 0,
    retryDelay: 0,
    cpu: '2',
    memory: '256M',
    allowFailure: true,
    environment: { MODE: 'ci', SHARED: 'from-step', EXTRA: '1' },
    volumes: ['./cache:/cache', './step-src:/src', './out:/out'],
  });
});

void test('without container_config nothing is filled in: the runner default timeout applies later', () => {
  const bare = parseWorkflow('steps:\n  - { id: a, image: x, command: ["true"] }\n');
  const step = effectiveStep(must(bare.steps[0], 'step a'), bare.containerConfig);
  assert.deepEqual([step.timeoutSeconds, step.retries, step.retryDelay], [undefined, 0, 0]);
});
