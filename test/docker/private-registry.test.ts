import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
import { pushTestImage, startRegistry, type LoopbackRegistry } from './loopback-registry.js';
import { requireTestImage, runToEnd, workspace } from './run-helpers.js';

// A registry on loopback that wants htpasswd credentials, and each way the docker CLI keeps them.
const USER = 'alice';
const PASSWORD = 'pa:ss+/wörd-7Qz'; // a colon, base64's + and /, and a non-ASCII letter

/** The password, config.json's base64 user:password, and the X-Registry-Auth header sent to the engine. */
function formsOfTheSecret(): string[] {
  const header = Buffer.from(
    JSON.stringify({ serveraddress: registry.host, username: USER, password: PASSWORD }),
  );
  return [
    PASSWORD,
    Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
    header.toString('base64'),
    header.toString('base64url'),
  ];
}

let registry: LoopbackRegistry;
/** The DOCKER_CONFIG folder `docker login` wrote: auths with base64 user:password. */
let loggedIn = '';
/** A PATH folder holding docker-credential-dwtest, which knows the registry's credentials. */
let helpers = '';
let pushed = 0;

before(async () => {
  requireTestImage();
  registry = await startRegistry({ [USER]: PASSWORD });
  loggedIn = workspace({});
  helpers = workspace({});
  // The real docker-credential protocol: `get` with the server on stdin, JSON on stdout.
  const helper = join(helpers, 'docker-credential-dwtest');
  writeFileSync(
    helper,
    `#!/bin/sh
server=$(cat)
echo "$1 $server" >> "${helpers}/asked"
if [ "$1" = get ] && [ "$server" = "${registry.host}" ]; then
  printf '%s' '${JSON.stringify({ ServerURL: registry.host, Username: USER, Secret: PASSWORD })}'
else
  echo "credentials not found in native keychain"; exit 1
fi
`,
  );
  chmodSync(helper, 0o755);
  process.env.PATH = `${helpers}:${process.env.PATH ?? ''}`;
});

/** A tag pushed (by a logged-in docker CLI) for this test only, so the run has to pull it. */
function privateImage(): string {
  return pushTestImage(registry, `dagger-test/private:${process.pid}-${++pushed}`, {
    configDir: loggedIn,
    user: USER,
    password: PASSWORD,
  });
}

/** A DOCKER_CONFIG folder holding `config` (none when undefined). */
function dockerConfig(config?: unknown): string {
  const dir = workspace({});
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

async function runPull(image: string, configDir: string) {
  const dir = workspace({
    'private.dagger.yaml': `name: private\nsteps:\n  - { id: app, image: "${image}", command: [echo, pulled] }\n`,
  });
  const run = await runToEnd({
    workflowFile: join(dir, 'private.dagger.yaml'),
    runtime: createDockerRuntime({ dockerConfigDir: configDir }),
  });
  const everything = JSON.stringify([run.result, run.events]);
  for (const secret of formsOfTheSecret()) assert.ok(!everything.includes(secret), 'a credential leaked');
  const app = run.result.steps.app;
  assert.ok(app, 'the step has a result');
  return { run, app };
}

const failedPull = (image: string, detail: string) =>
  `image "${image}" is not present locally and pulling it failed: ${detail}`;

void test('without credentials the step fails naming the registry and the docker login to run', async () => {
  const image = privateImage();
  const none = dockerConfig();
  const { run, app } = await runPull(image, none);
  assert.equal(run.result.status, 'failed');
  assert.deepEqual([app.attempts, app.exit_code], [0, null]);
  assert.equal(
    app.reason,
    failedPull(
      image,
      `registry ${registry.host} requires credentials, and none were found for it in ${none}/config.json (no such file): run \`docker login ${registry.host}\``,
    ),
  );
  const otherRegistry = dockerConfig({ auths: { 'ghcr.io': { auth: 'b3RoZXI6cHc=' } } });
  assert.match(
    (await runPull(image, otherRegistry)).app.reason ?? '',
    /none were found for it in .*config\.json: run/,
  );
});

void test('credentials from `docker login` (auths in config.json) pull the image, and are never shown', async () => {
  const config = JSON.parse(readFileSync(join(loggedIn, 'config.json'), 'utf8')) as { auths: object };
  assert.deepEqual(Object.keys(config.auths), [registry.host], 'docker login wrote an auths entry');
  const { run, app } = await runPull(privateImage(), loggedIn);
  assert.equal(run.result.status, 'succeeded', app.reason);
  assert.equal(run.log('app'), 'pulled\n');
});

void test('credentials the registry rejects: the reason says so, where they came from, and how to renew them', async () => {
  const image = privateImage();
  const wrong = dockerConfig({
    auths: { [`http://${registry.host}/v2/`]: { username: USER, password: 'not-the-password' } },
  });
  const { run, app } = await runPull(image, wrong);
  assert.equal(
    app.reason,
    failedPull(
      image,
      `registry ${registry.host} rejected the credentials from auths in ${wrong}/config.json (unauthorized: authentication required): run \`docker login ${registry.host}\` to renew them`,
    ),
  );
  assert.ok(!JSON.stringify(run.events).includes('not-the-password'));
});

void test('credsStore: a docker-credential helper on PATH supplies the credentials', async () => {
  const { run, app } = await runPull(
    privateImage(),
    dockerConfig({ auths: { [registry.host]: {} }, credsStore: 'dwtest' }),
  );
  assert.equal(run.result.status, 'succeeded', app.reason);
  assert.match(readFileSync(join(helpers, 'asked'), 'utf8'), new RegExp(`^get ${registry.host}$`, 'm'));
});

void test("credHelpers: the registry's own helper wins over a credsStore that is not even installed", async () => {
  const config = dockerConfig({
    credsStore: 'dagger-wf-not-installed',
    credHelpers: { [registry.host]: 'dwtest' },
  });
  const { run, app } = await runPull(privateImage(), config);
  assert.equal(run.result.status, 'succeeded', app.reason);
});

void test('a credential helper that is missing fails the pull naming helper and registry, as docker pull does', async () => {
  const image = privateImage();
  const config = dockerConfig({ credsStore: 'dagger-wf-not-installed' });
  const { app } = await runPull(image, config);
  assert.equal(
    app.reason,
    failedPull(
      image,
      `credential helper docker-credential-dagger-wf-not-installed (credsStore in ${config}/config.json) for registry ${registry.host} is not on PATH`,
    ),
  );
});

void test('a malformed config.json fails the pull naming the file and the place, not its content', async () => {
  const image = privateImage();
  const config = dockerConfig();
  writeFileSync(join(config, 'config.json'), `{"auths": {"${registry.host}": {"password": "${PASSWORD}"}},}`);
  const reason = (await runPull(image, config)).app.reason ?? '';
  assert.match(reason, new RegExp(`pulling it failed: ${config}/config\\.json:1:\\d+: not valid JSON`));
});

void test('dagger-wf run: credentials reach neither stdout, stderr, run.json nor the logs, even with DEBUG=*', () => {
  const cli = resolve('dist/cli.js');
  assert.ok(existsSync(cli), `${cli} is missing: run npm run build`);
  const image = privateImage();
  const dir = workspace({
    'private.dagger.yaml': `name: private\nsteps:\n  - { id: app, image: "${image}", command: [echo, pulled] }\n`,
  });
  const state = workspace({});
  const run = spawnSync(process.execPath, ['--', cli, 'run', join(dir, 'private.dagger.yaml'), '--json'], {
    encoding: 'utf8',
    // DEBUG=* turns on every library's debug trace: dockerode's would print the request headers.
    env: { ...process.env, DOCKER_CONFIG: loggedIn, XDG_STATE_HOME: state, DEBUG: '*' },
  });
  assert.equal(run.status, 0, run.stderr);
  const runs = join(state, 'dagger-wf', 'runs');
  const files = readdirSync(runs, { recursive: true, encoding: 'utf8' }).map((path) => join(runs, path));
  const written = files.filter((path) => statSync(path).isFile()).map((path) => readFileSync(path, 'utf8'));
  assert.ok(
    written.some((text) => text.includes('"succeeded"')),
    'run.json written',
  );
  for (const text of [run.stdout, run.stderr, ...written])
    for (const secret of formsOfTheSecret())
      assert.ok(!text.includes(secret), `a credential leaked:\n${text}`);
  assert.ok(!run.stderr.includes('X-Registry-Auth'), 'no request header dump');
});
