import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelOf, workflowText } from '../../client/graph/support/model-of.js';

const DIAMOND = `name: Diamond
container_config:
  image: busybox
steps:
  - id: build
    name: Build the app
    command: ["make"]
  - id: lint
    image: node:20
    command: ["lint"]
  - id: test
    command: ["test"]
    depends_on: [build]
  - id: report
    command: ["report"]
    depends_on:
      - test
      - lint
`;

void test('a diamond: its steps in YAML order, each at its `- id:` line, and an edge per depends_on entry', () => {
  const model = modelOf(DIAMOND);
  assert.equal(model.name, 'Diamond');
  assert.equal(model.version, 1);
  assert.deepEqual(
    model.nodes.map((node) => [
      node.id,
      node.kind,
      node.label,
      node.image,
      node.position,
      node.firstLine,
      node.lastLine,
    ]),
    [
      ['build', 'step', 'Build the app', 'busybox', { line: 4, character: 4 }, 4, 6],
      ['lint', 'step', 'lint', 'node:20', { line: 7, character: 4 }, 7, 9],
      ['test', 'step', 'test', 'busybox', { line: 10, character: 4 }, 10, 12],
      ['report', 'step', 'report', 'busybox', { line: 13, character: 4 }, 13, 17],
    ],
  );
  assert.deepEqual(
    model.edges.map((edge) => [edge.from, edge.to, edge.kind, edge.position]),
    [
      ['build', 'test', 'dependency', { line: 12, character: 17 }],
      ['test', 'report', 'dependency', { line: 16, character: 8 }],
      ['lint', 'report', 'dependency', { line: 17, character: 8 }],
    ],
  );
  assert.deepEqual(model.problems, { errors: 0, warnings: 0, infos: 0 });
  assert.ok(model.nodes.every((node) => node.severity === undefined && node.problems.length === 0));
});

void test('the edges of a cycle are red with the cycle as their path; the edge into the cycle is not', () => {
  const model = modelOf(workflowText({ start: [], a: ['start', 'c'], b: ['a'], c: ['b'] }));
  const kinds = model.edges.map((edge) => `${edge.from}→${edge.to} ${edge.kind}`);
  assert.deepEqual(kinds, ['start→a dependency', 'c→a cycle', 'a→b cycle', 'b→c cycle']);
  const cycle = model.edges.find((edge) => edge.kind === 'cycle')?.cycle ?? [];
  assert.deepEqual(cycle, ['a', 'c', 'b', 'a'], 'a closed path the way depends_on is written');
  // The cycle's diagnostic lands on a step of the cycle, so the node shows it too.
  assert.ok(model.nodes.some((node) => node.severity === 'error' && /cycle/i.test(node.problems.join())));
  assert.ok(model.problems.errors >= 1);
});

void test('a step depending on itself is a cycle of one edge', () => {
  const model = modelOf(workflowText({ loop: ['loop'] }));
  assert.deepEqual(
    model.edges.map((edge) => [edge.from, edge.to, edge.kind, edge.cycle]),
    [['loop', 'loop', 'cycle', ['loop', 'loop']]],
  );
});

void test('a dependency on an unknown id is a red edge from a missing node, placed at its first mention', () => {
  const model = modelOf(workflowText({ build: [], test: ['biuld'], deploy: ['biuld', 'test'] }));
  const missing = model.nodes.filter((node) => node.kind === 'missing');
  assert.deepEqual(
    missing.map((node) => [node.id, node.label, node.severity, node.position.line]),
    [['biuld', 'biuld', 'error', 8]],
  );
  assert.deepEqual(
    model.edges.map((edge) => `${edge.from}→${edge.to} ${edge.kind}`),
    ['biuld→test missing', 'biuld→deploy missing', 'test→deploy dependency'],
  );
  const test = model.nodes.find((node) => node.id === 'test');
  assert.equal(test?.severity, 'error');
  assert.match(test?.problems[0] ?? '', /unknown step "biuld"/);
  assert.equal(model.nodes[model.nodes.length - 1]?.id, 'biuld', 'missing ids come after the steps');
});

void test('diagnostics fold onto the step they are in, worst first', () => {
  const model = modelOf(
    workflowText({ build: [], test: ['build', 'build'] }, { build: 'timeout_seconds: -3' }),
  );
  const build = model.nodes.find((node) => node.id === 'build');
  const test = model.nodes.find((node) => node.id === 'test');
  assert.equal(build?.severity, 'error');
  assert.ok(build?.problems.length);
  assert.equal(test?.severity, 'warning', 'a duplicate depends_on entry is a warning');
  assert.deepEqual(
    model.edges.map((edge) => `${edge.from}→${edge.to}`),
    ['build→test'],
    'the duplicate entry adds no second edge',
  );
});

void test('a half-typed document still gives the graph as far as it goes', () => {
  const text = workflowText({ build: [], test: ['build'] }) + '  - id: deploy\n    depends_on: [te';
  const model = modelOf(text);
  assert.deepEqual(
    model.nodes.map((node) => `${node.id}:${node.kind}`),
    ['build:step', 'test:step', 'deploy:step', 'te:missing'],
  );
});

void test('duplicate ids give one node (the first step, as the dependency graph has it)', () => {
  const model = modelOf(workflowText({ build: [] }) + '  - id: build\n    command: ["again"]\n');
  assert.deepEqual(
    model.nodes.map((node) => node.id),
    ['build'],
  );
  assert.equal(model.nodes[0]?.firstLine, 4);
});
