import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { applyEdits } from './support/cursor.js';
import { fixtureUri } from './support/fixtures.js';
import { useServer } from './support/session.js';
import { must } from '../support/must.js';

const session = useServer();
let counter = 0;

/** Open `text`, wait for its diagnostics, and ask for the code actions of those with `code`. */
async function actionsFor(
  text: string,
  code: string,
): Promise<{ text: string; uri: string; actions: CodeAction[]; diagnostics: Diagnostic[] }> {
  const uri = fixtureUri(`actions-${++counter}.dagger.yaml`);
  await session.client.open(uri, text);
  const published = await session.client.waitForDiagnostics(uri, 1);
  const diagnostics = published.diagnostics.filter((diagnostic) => diagnostic.code === code);
  const [first] = diagnostics;
  assert.ok(first, `the server reports ${code}`);
  const actions = await session.client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: first.range,
    context: { diagnostics: [first] },
  });
  return { text, uri, actions, diagnostics };
}

const apply = (text: string, uri: string, action: CodeAction | undefined) => {
  assert.ok(action, 'the action exists');
  return applyEdits(text, must(action.edit?.changes?.[uri], `edits of ${uri} in the action`));
};

const HEAD = 'container_config:\n  image: busybox\nsteps:\n  - id: build\n';

void test('DW011 did-you-mean replaces the unknown id with the suggestion', async () => {
  const { text, uri, actions } = await actionsFor(
    `${HEAD}  - id: test\n    depends_on:\n      - biuld\n`,
    'DW011',
  );
  assert.deepEqual(
    actions.map((action) => [action.title, action.isPreferred]),
    // No "Ignore DW011": a run cannot get past an unknown dependency, so the comment would not hide it.
    [['Change to "build"', true]],
  );
  assert.equal(apply(text, uri, actions[0]), `${HEAD}  - id: test\n    depends_on:\n      - build\n`);
});

void test('DW021 did-you-mean fixes the id inside ${steps.<id>…}', async () => {
  const body = `${HEAD}    command: ["sh", "-c", "echo v=1 >> $DAGGER_OUTPUT"]\n  - id: test\n    depends_on: [build]\n    command: ["echo", "\${steps.biuld.outputs.v}"]\n`;
  const { text, uri, actions } = await actionsFor(body, 'DW021');
  assert.equal(actions[0]?.title, 'Change to "build"');
  assert.equal(apply(text, uri, actions[0]), body.replace('steps.biuld', 'steps.build'));
});

void test('DW002 did-you-mean renames an unknown key to the schema key it resembles', async () => {
  const body = 'steps:\n  - id: build\n    imagee: busybox\n';
  const { text, uri, actions } = await actionsFor(body, 'DW002');
  assert.equal(actions[0]?.title, 'Change to "image"');
  assert.equal(apply(text, uri, actions[0]), 'steps:\n  - id: build\n    image: busybox\n');
});

void test('DW012 removes the self-dependency (the whole key when it was the only entry)', async () => {
  const only = await actionsFor(`${HEAD}    depends_on: [build]\n    command: ["make"]\n`, 'DW012');
  assert.equal(only.actions[0]?.title, 'Remove the self-dependency on "build"');
  assert.equal(apply(only.text, only.uri, only.actions[0]), `${HEAD}    command: ["make"]\n`);
  const among = await actionsFor(
    `${HEAD}  - id: lint\n    depends_on:\n      - build\n      - lint\n`,
    'DW012',
  );
  assert.equal(
    apply(among.text, among.uri, among.actions[0]),
    `${HEAD}  - id: lint\n    depends_on:\n      - build\n`,
  );
});

void test('DW013 offers one action per edge of the cycle, this edge first', async () => {
  const body = `container_config:
  image: busybox
steps:
  - id: fetch
    depends_on: [report]
  - id: transform
    depends_on:
      - fetch
  - id: report
    depends_on: [other, transform]
  - id: other
`;
  const { text, uri, actions } = await actionsFor(body, 'DW013');
  assert.deepEqual(
    actions.map((action) => action.title),
    [
      // In the order the cycle's message reads: fetch → report → transform → fetch.
      'Break the cycle: remove "report" from the depends_on of "fetch"',
      'Break the cycle: remove "transform" from the depends_on of "report"',
      'Break the cycle: remove "fetch" from the depends_on of "transform"',
    ],
  );
  assert.equal(apply(text, uri, actions[2]), body.replace('    depends_on:\n      - fetch\n', ''));
  assert.equal(apply(text, uri, actions[1]), body.replace('[other, transform]', '[other]'));
  assert.equal(apply(text, uri, actions[0]), body.replace('    depends_on: [report]\n', ''));
});

void test('a suppression comment goes above the line, indented like it, and joins an existing one', async () => {
  const body = `${HEAD}    imagee: typo\n`;
  const { text, uri, actions } = await actionsFor(body, 'DW002');
  const ignore = actions.find((action) => action.title === 'Ignore DW002 on this line (# dagger-ignore)');
  const suppressed = apply(text, uri, ignore);
  assert.equal(suppressed, `${HEAD}    # dagger-ignore DW002\n    imagee: typo\n`);
  const again = await actionsFor(`${HEAD}    # dagger-ignore DW019\n    imagee: typo\n`, 'DW002');
  const joined = apply(
    again.text,
    again.uri,
    again.actions.find((action) => action.title.startsWith('Ignore DW002')),
  );
  assert.equal(joined, `${HEAD}    # dagger-ignore DW019, DW002\n    imagee: typo\n`);
  // And the server agrees: the suppressed document has no DW002 left.
  const check = fixtureUri(`actions-${++counter}.dagger.yaml`);
  await session.client.open(check, suppressed);
  const after = await session.client.waitForDiagnostics(check, 1);
  assert.deepEqual(
    after.diagnostics.filter((diagnostic) => diagnostic.code === 'DW002'),
    [],
  );
});
