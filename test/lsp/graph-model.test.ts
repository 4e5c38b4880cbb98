import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphModelRequest, type GraphModel } from '../../protocol/graph-messages.js';
import { fixtureUri } from './support/fixtures.js';
import { useServer } from './support/session.js';

const session = useServer();

const TEXT = `name: Live
container_config:
  image: busybox
steps:
  - id: build
    command: ["make"]
  - id: test
    command: ["make", "test"]
    depends_on: [build]
`;

function graphOf(uri: string): Promise<GraphModel | null> {
  return session.client.connection.sendRequest(GraphModelRequest, { textDocument: { uri } });
}

void test('the graph model request answers the current version, and follows edits as they are typed', async () => {
  const uri = fixtureUri('graph-live.dagger.yaml');
  await session.client.open(uri, TEXT);
  const first = await graphOf(uri);
  assert.equal(first?.version, 1);
  assert.deepEqual(
    first?.edges.map((edge) => [edge.from, edge.to, edge.kind]),
    [['build', 'test', 'dependency']],
  );
  // Type a cycle: build now depends on test.
  const version = await session.client.change(uri, [
    {
      range: { start: { line: 5, character: 21 }, end: { line: 5, character: 21 } },
      text: '\n    depends_on: [test]',
    },
  ]);
  const cyclic = await graphOf(uri);
  assert.equal(cyclic?.version, version);
  assert.deepEqual(
    cyclic?.edges.map((edge) => [edge.from, edge.to, edge.kind]),
    [
      ['test', 'build', 'cycle'],
      ['build', 'test', 'cycle'],
    ],
  );
  assert.ok((cyclic?.problems.errors ?? 0) >= 1);
  assert.equal(cyclic?.nodes.find((node) => node.id === 'build')?.severity, 'error');
  // And fix it again.
  await session.client.change(uri, [
    { range: { start: { line: 5, character: 21 }, end: { line: 6, character: 22 } }, text: '' },
  ]);
  const fixed = await graphOf(uri);
  assert.deepEqual(
    fixed?.edges.map((edge) => edge.kind),
    ['dependency'],
  );
  assert.equal(fixed?.problems.errors, 0);
});

void test('a document the server does not have open gives null', async () => {
  assert.equal(await graphOf(fixtureUri('never-opened.dagger.yaml')), null);
});
