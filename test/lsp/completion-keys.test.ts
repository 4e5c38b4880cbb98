import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver/node';
import { useServer } from './support/session.js';
import { must } from '../support/must.js';

const session = useServer();

async function complete(fixture: string): Promise<CompletionItem[]> {
  const { uri, position } = await session.openWithCursor(fixture, '‸');
  return session.client.complete(uri, position);
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);

void test('keys of a step, without those already present, with the schema description and a `key: ` snippet', async () => {
  const items = await complete(`steps:
  - id: build
    image: node:18
    ‸
    command: ["npm", "test"]
`);
  assert.deepEqual(labels(items), [
    'name',
    'environment',
    'volumes',
    'depends_on',
    'timeout_seconds',
    'retries',
    'retry_delay',
    'resources',
    'allow_failure',
    'cache',
    'max_age',
  ]);
  const dependsOn = must(
    items.find((item) => item.label === 'depends_on'),
    'a depends_on item',
  );
  assert.deepEqual(dependsOn.textEdit, {
    range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } },
    newText: 'depends_on: $0',
  });
  assert.equal(dependsOn.insertTextFormat, 2);
  assert.match(
    (dependsOn.documentation as { value: string }).value,
    /Ids of the steps that must succeed before this step starts/,
  );
});

void test('top-level keys, half-typed', async () => {
  const items = await complete(`name: x
con‸
steps: []
`);
  assert.deepEqual(labels(items), ['description', 'inputs', 'container_config', 'outputs']);
  assert.deepEqual((items[2]?.textEdit as TextEdit | undefined)?.range, {
    start: { line: 1, character: 0 },
    end: { line: 1, character: 3 },
  });
});

void test('keys of a new step item `- ‸` (id first: it is required)', async () => {
  const items = await complete(`steps:
  - ‸
`);
  assert.equal(items.find((item) => item.label === 'id')?.sortText, '0id');
  assert.equal(items.length, 14);
});

void test('keys inside container_config and resources', async () => {
  assert.deepEqual(
    labels(
      await complete(`container_config:
  image: busybox
  resources:
    cpu: "1"
    ‸
steps: []
`),
    ),
    ['memory'],
  );
});

void test('boolean values, and images already used in the file', async () => {
  assert.deepEqual(
    labels(
      await complete(`steps:
  - id: a
    allow_failure: ‸
`),
    ),
    ['true', 'false'],
  );
  const images = await complete(`container_config:
  image: busybox
steps:
  - id: a
    image: node:18-alpine
  - id: b
    image: ‸
`);
  assert.deepEqual(labels(images), ['busybox', 'node:18-alpine', 'python:3.9-slim', 'ubuntu:22.04']);
  assert.equal(images[0]?.detail, 'used in this file');
});

void describe('a client without snippet support', () => {
  const plain = useServer({
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } },
  });

  void test('gets `key: ` as plain text', async () => {
    const { uri, position } = await plain.openWithCursor('steps:\n  - id: a\n    imag‸\n', '‸');
    const items = await plain.client.complete(uri, position);
    const image = items.find((item) => item.label === 'image');
    assert.equal(image?.insertTextFormat, undefined);
    assert.deepEqual(image?.textEdit, {
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } },
      newText: 'image: ',
    });
  });
});
