// Secrets as they leak in practice: named as an output key, a key file printed one line at a time, with CR
// line ends, or only its first line. None of it may reach stderr, stdout (--json), run.json or a step log.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../../core/run/run-result.js';
import { runCli } from './cli-helpers.js';
import { IMAGE, requireTestImage, workspace } from './run-helpers.js';

before(requireTestImage);

const TOKEN = 'topsecret123';
const PEM_LINES = [
  '-----BEGIN TEST PRIVATE KEY-----',
  'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu',
  'KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm',
  '-----END TEST PRIVATE KEY-----',
];

void test('output keys and every line of a multi-line secret are masked in stderr, --json, run.json and the logs', async () => {
  const dir = workspace({
    'leaky.dagger.yaml': `
name: leaky
inputs:
  tok: { secret: true }
  pem: { secret: true }
container_config: { image: ${IMAGE} }
steps:
  - id: keys
    environment: { T: "\${inputs.tok}" }
    command: [sh, -c, 'echo "$T=keyleak" >> "$DAGGER_OUTPUT"; echo "plain=$T" >> "$DAGGER_OUTPUT"']
  - id: pem
    environment: { PEM: "\${inputs.pem}" }
    command:
      - sh
      - -c
      - |
        printf '%s\\n' "$PEM" | head -1
        printf '%s' "$PEM" | tr '\\n' '\\r'; echo
        printf '%s\\n' "$PEM" | sed -n 2p >&2
        echo "second=$(printf '%s\\n' "$PEM" | sed -n 3p)" >> "$DAGGER_OUTPUT"
outputs:
  - { name: from-keys, value: "\${steps.keys.outputs.plain}" }
`,
    'inputs.yaml': `tok: ${TOKEN}\npem: |\n${PEM_LINES.map((line) => `  ${line}`).join('\n')}\n`,
  });
  const run = await runCli([
    'run',
    join(dir, 'leaky.dagger.yaml'),
    '--json',
    '--input-file',
    join(dir, 'inputs.yaml'),
  ]);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as RunResult;
  assert.deepEqual(result.steps.keys?.outputs, { '***': 'keyleak', plain: '***' });
  assert.deepEqual(result.steps.pem?.outputs, { second: '***' });
  assert.deepEqual(result.outputs, { 'from-keys': '***' });
  assert.match(run.stderr, /^pem {2}\| \*\*\*$/m, 'head -1 of the key');
  assert.match(run.stderr, /^pem {2}\| \*\*\*\r\*\*\*\r\*\*\*\r\*\*\*$/m, 'the key with CR line ends');

  const runs = join(run.state, 'dagger-wf', 'runs');
  const runDir = join(runs, readdirSync(runs)[0] ?? '');
  const kept = readdirSync(runDir).map((name) => readFileSync(join(runDir, name), 'utf8'));
  assert.match(kept.join('\n'), /"\*\*\*": "keyleak"/, 'run.json has the masked key');
  const places: [string, string][] = [
    ['stderr', run.stderr],
    ['stdout', run.stdout],
    ...kept.map((text, index): [string, string] => [`run folder file ${index}`, text]),
  ];
  for (const [where, text] of places) {
    assert.ok(!text.includes(TOKEN), `${where} holds the token`);
    for (const line of PEM_LINES)
      assert.ok(!text.includes(line), `${where} holds a line of the key: ${line}`);
  }
});
