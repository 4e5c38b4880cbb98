import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialHelperError } from '../../../../core/docker/credential-helper.js';
import { DockerConfigError } from '../../../../core/docker/docker-config-file.js';
import { findRegistryCredentials } from '../../../../core/docker/registry-credentials.js';

const root = mkdtempSync(join(tmpdir(), 'dagger-wf-credentials-'));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A DOCKER_CONFIG folder holding `config`, and a PATH with `helpers` (name -> sh body) as docker-credential-*. */
function setup(config: unknown, helpers: Record<string, string> = {}) {
  const dir = join(root, String(++folders));
  mkdirSync(join(dir, 'bin'), { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  for (const [name, body] of Object.entries(helpers)) {
    const path = join(dir, 'bin', `docker-credential-${name}`);
    // Each helper records what it was asked (the protocol: the action as argument, the server on stdin).
    writeFileSync(path, `#!/bin/sh\nserver=$(cat)\necho "$1 $server" >> "${dir}/asked"\n${body}\n`);
    chmodSync(path, 0o755);
  }
  const env = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: join(dir, 'home') };
  const asked = () => (existsSync(join(dir, 'asked')) ? readFileSync(join(dir, 'asked'), 'utf8') : '');
  return { dir, file: join(dir, 'config.json'), env, asked, options: { configDir: dir, env } };
}

/** A helper that knows one server's credentials and says "not found" for the others (as real ones do). */
const knows = (server: string, username: string, secret: string) =>
  `if [ "$server" = "${server}" ]; then printf '{"ServerURL":"%s","Username":"${username}","Secret":"${secret}"}' "$server"; ` +
  `else echo "credentials not found in native keychain"; exit 1; fi`;

void test('auths: the exact key first, then a key naming the same host with a scheme or a path', async () => {
  const { file, options } = setup({
    auths: {
      'https://localhost:5000/v2/': { auth: base64('legacy:pw1') },
      'localhost:5000': { auth: base64('exact:pw2') },
      'http://registry.example.com/some/path': { username: 'scheme', password: 'pw3' },
      'LOCALHOST:6000': { identitytoken: 'refresh' },
    },
  });
  assert.deepEqual(await findRegistryCredentials('localhost:5000', options), {
    registry: 'localhost:5000',
    auth: { serveraddress: 'localhost:5000', username: 'exact', password: 'pw2' },
    source: `auths in ${file}`,
  });
  assert.deepEqual((await findRegistryCredentials('registry.example.com', options)).auth, {
    serveraddress: 'registry.example.com',
    username: 'scheme',
    password: 'pw3',
  });
  assert.deepEqual((await findRegistryCredentials('localhost:6000', options)).auth, {
    serveraddress: 'localhost:6000',
    identitytoken: 'refresh',
  });
  // A host:port key is for that port only.
  assert.deepEqual(await findRegistryCredentials('localhost', options), {
    registry: 'localhost',
    source: file,
  });
});

void test("Docker Hub: images without a host use the CLI's https://index.docker.io/v1/ key, or a docker.io key", async () => {
  const cli = setup({ auths: { 'https://index.docker.io/v1/': { auth: base64('hub:pw') } } });
  assert.deepEqual((await findRegistryCredentials('docker.io', cli.options)).auth, {
    serveraddress: 'https://index.docker.io/v1/',
    username: 'hub',
    password: 'pw',
  });
  const podmanStyle = setup({ auths: { 'docker.io': { auth: base64('pod:pw') } } });
  assert.equal((await findRegistryCredentials('docker.io', podmanStyle.options)).auth?.username, 'pod');
});

void test('no config file, or no entry (or an empty placeholder): an anonymous pull, saying where was looked', async () => {
  const none = setup(undefined);
  assert.deepEqual(await findRegistryCredentials('ghcr.io', none.options), {
    registry: 'ghcr.io',
    source: `${none.file} (no such file)`,
  });
  const placeholder = setup({ auths: { 'ghcr.io': {} } });
  assert.deepEqual(await findRegistryCredentials('ghcr.io', placeholder.options), {
    registry: 'ghcr.io',
    source: placeholder.file,
  });
});

void test('DOCKER_AUTH_CONFIG comes first, then the file; a malformed one is an error naming it', async () => {
  const { file, options } = setup({ auths: { 'ghcr.io': { auth: base64('file:pw') } } });
  const inEnv = JSON.stringify({ auths: { 'ghcr.io': { auth: base64('env:pw') } } });
  const env = { ...options.env, DOCKER_AUTH_CONFIG: inEnv };
  assert.deepEqual(await findRegistryCredentials('ghcr.io', { ...options, env }), {
    registry: 'ghcr.io',
    auth: { serveraddress: 'ghcr.io', username: 'env', password: 'pw' },
    source: 'DOCKER_AUTH_CONFIG',
  });
  assert.equal((await findRegistryCredentials('quay.io', { ...options, env })).source, file);
  await assert.rejects(
    findRegistryCredentials('ghcr.io', { ...options, env: { ...env, DOCKER_AUTH_CONFIG: '{"auths": x' } }),
    (error: Error) =>
      error instanceof DockerConfigError &&
      /^DOCKER_AUTH_CONFIG(:1:\d+)?: not valid JSON/.test(error.message),
  );
});

void test('credsStore: the helper is asked with the registry key on stdin; "<token>" means an identity token', async () => {
  const { file, options, asked } = setup(
    { auths: { 'localhost:5000': { auth: base64('ignored:when-a-helper-answers') } }, credsStore: 'dwtest' },
    { dwtest: `${knows('localhost:5000', 'alice', 'from-helper')}` },
  );
  assert.deepEqual(await findRegistryCredentials('localhost:5000', options), {
    registry: 'localhost:5000',
    auth: { serveraddress: 'localhost:5000', username: 'alice', password: 'from-helper' },
    source: `credential helper docker-credential-dwtest (credsStore in ${file})`,
  });
  assert.equal(asked(), 'get localhost:5000\n');
  const hub = setup(
    { credsStore: 'hub' },
    { hub: knows('https://index.docker.io/v1/', '<token>', 'refresh') },
  );
  assert.deepEqual((await findRegistryCredentials('docker.io', hub.options)).auth, {
    serveraddress: 'https://index.docker.io/v1/',
    identitytoken: 'refresh',
  });
  assert.equal(hub.asked(), 'get https://index.docker.io/v1/\n');
});

void test('a helper that has nothing for the registry means an anonymous pull, naming the helper', async () => {
  const { file, options } = setup({ credsStore: 'dwtest' }, { dwtest: knows('elsewhere', 'a', 'b') });
  assert.deepEqual(await findRegistryCredentials('localhost:5000', options), {
    registry: 'localhost:5000',
    source: `credential helper docker-credential-dwtest (credsStore in ${file})`,
  });
});

void test('credHelpers: the registry\'s own helper wins over credsStore; mapped to "" it uses auths', async () => {
  const { file, options, asked } = setup(
    {
      auths: { 'plain.example.com': { auth: base64('plain:pw') } },
      credsStore: 'not-installed',
      credHelpers: { 'http://localhost:5000': 'own', 'plain.example.com': '' },
    },
    { own: knows('localhost:5000', 'own', 'pw') },
  );
  assert.deepEqual(await findRegistryCredentials('localhost:5000', options), {
    registry: 'localhost:5000',
    auth: { serveraddress: 'localhost:5000', username: 'own', password: 'pw' },
    source: `credential helper docker-credential-own (credHelpers["http://localhost:5000"] in ${file})`,
  });
  assert.equal(asked(), 'get localhost:5000\n');
  assert.equal((await findRegistryCredentials('plain.example.com', options)).auth?.username, 'plain');
});

void test('a helper that is missing, fails or answers nonsense fails the lookup naming helper and registry, never its output', async () => {
  const secretOutput = 'hunter2-in-the-output';
  const { file, options } = setup(
    {
      credHelpers: {
        'a.example': 'fails',
        'b.example': 'garbled',
        'c.example': 'missing',
        'd.example': '../../bin/sh',
      },
    },
    {
      fails: `echo "${secretOutput}"; echo "${secretOutput}" >&2; exit 3`,
      garbled: `echo "Username=${secretOutput}"`,
    },
  );
  const cases: Record<string, string> = {
    'a.example': `credential helper docker-credential-fails (credHelpers["a.example"] in ${file}) for registry a.example failed (exit code 3)`,
    'b.example': `credential helper docker-credential-garbled (credHelpers["b.example"] in ${file}) for registry b.example answered with no JSON`,
    'c.example': `credential helper docker-credential-missing (credHelpers["c.example"] in ${file}) for registry c.example is not on PATH`,
    'd.example': `credential helper docker-credential-../../bin/sh (credHelpers["d.example"] in ${file}) for registry d.example is not a helper name (letters, digits, ._-)`,
  };
  for (const [registry, message] of Object.entries(cases))
    await assert.rejects(
      findRegistryCredentials(registry, options),
      (error: Error) => {
        assert.ok(error instanceof CredentialHelperError);
        assert.equal(error.message, message);
        assert.ok(!error.message.includes(secretOutput));
        return true;
      },
      registry,
    );
});

void test('cancelling stops a helper that hangs', async () => {
  const { options } = setup({ credsStore: 'hangs' }, { hangs: 'exec sleep 60' });
  const controller = new AbortController();
  const lookup = findRegistryCredentials('localhost:5000', { ...options, signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(lookup, /docker-credential-hangs .* was cancelled$/);
});
