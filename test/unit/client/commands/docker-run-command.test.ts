import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { dockerRunArgv, shellQuote } from '../../../../client/commands/docker-run-command.js';

const workflow = parseWorkflow(`
container_config:
  image: alpine:3
  environment:
    MODE: fast
steps:
  - id: greet
    command: ["sh", "-c", "echo \\"it's \${inputs.who}\\" > /out/\${NAME:-x}.txt"]
    environment:
      TOKEN: "\${SECRET_TOKEN}"
      FROM_STEP: "\${steps.prep.outputs.v}"
    volumes:
      - source: ./data
        target: /out
      - source: ~/cache
        target: /cache
    resources:
      cpu: 500m
      memory: 64Mi
`);

void test('the docker run argv applies container_config, resolves what is known and keeps the rest as ${…}', () => {
  const argv = dockerRunArgv(workflow, 'greet', '/work/flows', {
    env: { NAME: 'report' },
    inputs: { who: 'Ann' },
    stepOutputs: {},
  });
  assert.deepEqual(argv, [
    'docker',
    'run',
    '--rm',
    '--label',
    'dagger-wf.step=greet',
    '-e',
    'MODE=fast',
    '-e',
    'TOKEN=${SECRET_TOKEN}',
    '-e',
    'FROM_STEP=${steps.prep.outputs.v}',
    '-v',
    '/work/flows/data:/out',
    '-v',
    `${homedir()}/cache:/cache`,
    '--cpus',
    '0.5',
    '--memory',
    `${64 * 1024 * 1024}b`,
    '--entrypoint',
    'sh',
    'alpine:3',
    '-c',
    `echo "it's Ann" > /out/report.txt`,
  ]);
});

void test('shellQuote leaves safe words bare and single-quotes the rest, escaping quotes', () => {
  assert.equal(
    shellQuote(['docker', 'run', '-e', 'A=b c', 'img:1', "it's", '$HOME', '']),
    `docker run -e 'A=b c' img:1 'it'\\''s' '$HOME' ''`,
  );
});

void test('an unknown step is a clear error', () => {
  assert.throws(
    () => dockerRunArgv(workflow, 'nope', '/', { env: {}, inputs: {}, stepOutputs: {} }),
    /no step "nope"/,
  );
});
