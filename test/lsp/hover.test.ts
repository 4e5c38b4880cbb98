import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Hover } from 'vscode-languageserver/node';
import { fixture } from './support/fixtures.js';
import { positionOf } from './support/cursor.js';
import { useServer } from './support/session.js';

const session = useServer();
const pipeline = fixture('pipeline.dagger.yaml');

/** Hover over the `nth` occurrence of `needle` in the pipeline fixture, `into` characters into it. */
async function hoverAt(needle: string, into = 0, nth = 0): Promise<Hover | null> {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = pipeline.text.indexOf(needle, offset + 1);
  assert.notEqual(offset, -1, `fixture has "${needle}"`);
  if (!session.client.published.some((p) => p.uri === pipeline.uri))
    await session.client.open(pipeline.uri, pipeline.text);
  return session.client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: pipeline.uri },
    position: positionOf(pipeline.text, offset + into),
  });
}

const value = (hover: Hover | null) => (hover?.contents as { value: string } | undefined)?.value;

void test('on a key: its description from the schema, over the key', async () => {
  const image = await hoverAt('    image: curlimages', 6);
  assert.deepEqual(image, {
    contents: {
      kind: 'markdown',
      value:
        '**image**\n\nContainer image to run, e.g. `python:3.9-slim`, `node:18-alpine` or `gcr.io/my-project/my-image:latest`. Falls back to `container_config.image`.',
    },
    range: { start: { line: 17, character: 4 }, end: { line: 17, character: 9 } },
  });
  assert.match(value(await hoverAt('container_config:', 3)) ?? '', /Defaults for every step/);
  assert.match(value(await hoverAt('    LOG_LEVEL', 6)) ?? '', /The variable's value|Environment variables/);
});

void test('on a depends_on entry: the summary of that step', async () => {
  const hover = await hoverAt('      - fetch', 9);
  assert.deepEqual(hover, {
    contents: {
      kind: 'markdown',
      value: [
        '**step `fetch`** — Fetch data',
        '',
        '- image: `curlimages/curl:8.5.0`',
        '- command: `sh -c "echo rows=42 >> $DAGGER_OUTPUT; printf \'etag=%s\\n\' abc >> \\"$DAGGER_OUTPUT\\""`',
        '- depends on: nothing',
        '- outputs: `rows`, `etag`',
      ].join('\n'),
    },
    range: { start: { line: 27, character: 8 }, end: { line: 27, character: 13 } },
  });
  assert.equal(
    value(await hoverAt('[transform]', 3)),
    '**step `transform`** — Transform\n\n- image: `python:3.9-slim` (from container_config)\n- command: `python transform.py ${steps.fetch.outputs.rows}`\n- depends on: `fetch`',
  );
});

void test('on ${steps.<id>…}: the summary of the step', async () => {
  const hover = await hoverAt('${steps.fetch.outputs.rows}', 9, 1);
  assert.match(value(hover) ?? '', /^\*\*step `fetch`\*\* — Fetch data/);
  assert.deepEqual(hover?.range, { start: { line: 34, character: 21 }, end: { line: 34, character: 26 } });
});

void test('on ${VAR} from .env: masked, since the runner treats .env values as secrets', async () => {
  assert.equal(
    value(await hoverAt('${API_KEY}', 4)),
    '**${API_KEY}** — environment variable\n\nSet in `.env` beside this file: `***` (values from `.env` are treated as secrets).',
  );
  const withDefault = value(await hoverAt('${API_URL:-', 4)) ?? '';
  assert.match(withDefault, /`\*\*\*`/);
  assert.match(withDefault, /Default when unset or empty: `https:\/\/api.example.com`/);
  assert.doesNotMatch(withDefault, /internal\.example\.com/, 'the .env value is never shown');
});

void test('on ${inputs.x}: description and default, masked for secret inputs', async () => {
  assert.equal(
    value(await hoverAt('${inputs.region}', 4)),
    '**${inputs.region}** — input\n\nWhere the data lives\n\nDefault: `eu-west-1`',
  );
  const secret = value(await hoverAt('${inputs.api_token}', 4)) ?? '';
  assert.match(secret, /Default: `\*\*\*`/);
  assert.doesNotMatch(secret, /s3cr3t/);
});
