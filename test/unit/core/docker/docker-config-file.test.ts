import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DockerConfigError,
  dockerConfigPath,
  parseDockerConfig,
  readDockerConfig,
} from '../../../../core/docker/docker-config-file.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');

void test('config.json is found where the docker CLI looks: DOCKER_CONFIG, else ~/.docker', () => {
  assert.equal(dockerConfigPath({ DOCKER_CONFIG: '/etc/ci-docker' }), '/etc/ci-docker/config.json');
  assert.equal(dockerConfigPath({ HOME: '/home/me' }), '/home/me/.docker/config.json');
  assert.equal(dockerConfigPath({}), join(homedir(), '.docker', 'config.json'));
  assert.equal(dockerConfigPath({ DOCKER_CONFIG: '/ignored' }, '/given'), '/given/config.json');
});

void test('auths entries: base64 auth (split at the first colon), username/password, tokens, empty placeholders', () => {
  const config = parseDockerConfig(
    JSON.stringify({
      auths: {
        'localhost:5000': { auth: base64('alice:pa:ss+/word') },
        'https://index.docker.io/v1/': { username: 'bob', password: 'hub-pw' },
        'registry.example.com': { identitytoken: 'refresh-token' },
        'bearer.example.com': { registrytoken: 'bearer-token' },
        'both.example.com': { auth: base64('from:auth'), username: 'field', password: 'field' },
        'empty.example.com': {},
      },
      credsStore: 'pass',
      credHelpers: { 'gcr.io': 'gcloud' },
      psFormat: 'table {{.ID}}',
    }),
    '/x/config.json',
  );
  assert.equal(config.source, '/x/config.json');
  assert.deepEqual(Object.fromEntries(config.auths), {
    'localhost:5000': { username: 'alice', password: 'pa:ss+/word' },
    'https://index.docker.io/v1/': { username: 'bob', password: 'hub-pw' },
    'registry.example.com': { identityToken: 'refresh-token' },
    'bearer.example.com': { registryToken: 'bearer-token' },
    'both.example.com': { username: 'from', password: 'auth' },
    'empty.example.com': {},
  });
  assert.equal(config.credsStore, 'pass');
  assert.deepEqual(Object.fromEntries(config.credHelpers), { 'gcr.io': 'gcloud' });
});

void test('an empty file is an empty config, as for the CLI', () => {
  const config = parseDockerConfig('  \n', '/x/config.json');
  assert.deepEqual([config.auths.size, config.credHelpers.size, config.credsStore], [0, 0, undefined]);
});

void test('malformed JSON is an error naming file, line and column, without quoting the text', () => {
  const secret = base64('alice:hunter2');
  const cases: [string, RegExp][] = [
    [`{\n  "auths": {\n    "r": { "auth": "${secret}" } oops\n}`, /^\/x\/config\.json:3:45: not valid JSON/],
    [`{ "auths": { "r": { "auth": "${secret}" } } }}`, /^\/x\/config\.json:1:\d+: not valid JSON/],
    [`{ "auths": { "r": { "auth": "${secret}`, /^\/x\/config\.json(:1:\d+)?: not valid JSON/],
    [`{ "auths": ${secret} }`, /^\/x\/config\.json(:\d+:\d+)?: not valid JSON/],
  ];
  for (const [text, expected] of cases)
    assert.throws(
      () => parseDockerConfig(text, '/x/config.json'),
      (error: Error) => {
        assert.ok(error instanceof DockerConfigError);
        assert.match(error.message, expected);
        assert.ok(!error.message.includes(secret.slice(0, 8)), error.message);
        assert.ok(!error.message.includes('\n'));
        return true;
      },
      text,
    );
});

void test('values of the wrong kind are errors naming the field, never its value', () => {
  const cases: [unknown, string][] = [
    [['auths'], '/x/config.json: the top level is not a JSON object'],
    [{ auths: 'x' }, '/x/config.json: auths is not a JSON object'],
    [{ auths: { r: 'hunter2' } }, '/x/config.json: auths["r"] is not a JSON object'],
    [{ auths: { r: { password: 7 } } }, '/x/config.json: auths["r"].password is not a string'],
    [
      { auths: { r: { auth: 'hunter2!!' } } },
      '/x/config.json: auths["r"].auth is not base64 of user:password',
    ],
    [
      { auths: { r: { auth: base64('no-colon-hunter2') } } },
      '/x/config.json: auths["r"].auth is not base64 of user:password',
    ],
    [
      { auths: { r: { auth: base64(':hunter2') } } },
      '/x/config.json: auths["r"].auth is not base64 of user:password',
    ],
    [{ credsStore: ['pass'] }, '/x/config.json: credsStore is not a string'],
    [{ credHelpers: { 'gcr.io': 1 } }, '/x/config.json: credHelpers["gcr.io"] is not a string'],
  ];
  for (const [value, message] of cases)
    assert.throws(
      () => parseDockerConfig(JSON.stringify(value), '/x/config.json'),
      (error: Error) => error instanceof DockerConfigError && error.message === message,
      message,
    );
});

void test('a missing file means no credentials; an unreadable one is an error naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-docker-config-'));
  try {
    assert.equal(await readDockerConfig(join(dir, 'config.json')), undefined);
    assert.equal(await readDockerConfig(join(dir, 'no-dir', 'config.json')), undefined);
    mkdirSync(join(dir, 'config.json'));
    await assert.rejects(readDockerConfig(join(dir, 'config.json')), {
      name: 'Error',
      message: `cannot read ${join(dir, 'config.json')}: illegal operation on a directory, read`,
    });
    writeFileSync(join(dir, 'good.json'), '{"credsStore": "pass"}');
    assert.equal((await readDockerConfig(join(dir, 'good.json')))?.credsStore, 'pass');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
