import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCacheKey, type CacheKey, type CacheKeyInput } from '../../../../core/cache/cache-key.js';
import { CacheStore } from '../../../../core/cache/cache-store.js';
import { explainMiss } from '../../../../core/cache/explain-miss.js';
import { effectiveStep } from '../../../../core/model/effective-step.js';
import { parseWorkflow } from '../../../../core/parse/parse-workflow.js';
import { resolveStep } from '../../../../core/run/resolve-step.js';
import { SecretMasker } from '../../../../core/run/secret-masker.js';

const SECRET = 'hunter2-very-secret';
const SECRET_KEY = Buffer.alloc(32, 7);

/** A checkout of the same small source tree in a fresh folder (another machine's path). */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-key-'));
  mkdirSync(join(dir, 'src', 'lib'), { recursive: true });
  writeFileSync(join(dir, 'src', 'main.py'), 'print("hi")\n');
  writeFileSync(join(dir, 'src', 'lib', 'util.py'), 'X = 1\n');
  return dir;
}

interface Variant {
  image?: string;
  command?: string;
  env?: Record<string, string>;
  target?: string;
  readOnly?: boolean;
  cpu?: string;
  upstream?: string;
}

/** The key of a step in `dir`, built the way a run resolves it. */
function keyOf(dir: string, variant: Variant = {}, secrets: string[] = []): CacheKey {
  const env = { API_URL: 'https://api.example', ...variant.env };
  const text = [
    'steps:',
    '  - id: build',
    `    image: ${variant.image ?? 'busybox'}`,
    `    command: ["sh", "-c", "${variant.command ?? 'make'}", "\${steps.gen.outputs.version}"]`,
    '    environment:',
    ...Object.entries(env).map(([name, value]) => `      ${name}: "${value}"`),
    '    volumes:',
    `      - { source: ./src, target: ${variant.target ?? '/src'}, read_only: ${variant.readOnly ?? true} }`,
    `    resources: { cpu: "${variant.cpu ?? '1'}" }`,
  ].join('\n');
  const [parsed] = parseWorkflow(text).steps;
  assert.ok(parsed);
  const step = effectiveStep(parsed, undefined);
  const stepOutputs = { gen: { version: variant.upstream ?? '1.0' } };
  const resolved = resolveStep(step, { env: {}, inputs: {}, stepOutputs }, dir);
  assert.ok(resolved.ok, JSON.stringify(resolved));
  const masker = new SecretMasker(secrets);
  const input: CacheKeyInput = {
    step,
    spec: resolved.spec,
    imageDigest: variant.image === 'other' ? 'sha256:bbbb' : 'sha256:aaaa',
    stepOutputs,
    holdsSecret: (value) => masker.mask(value) !== value,
    secretKey: SECRET_KEY,
  };
  return computeCacheKey(input);
}

function cacheable(key: CacheKey): { key: string; components: Record<string, string> } {
  assert.ok(key.cacheable, key.cacheable ? '' : key.reason);
  return key;
}

void test('a key is the same on every run and in any checkout folder', () => {
  const first = checkout();
  const second = checkout();
  try {
    const key = cacheable(keyOf(first));
    assert.equal(cacheable(keyOf(first)).key, key.key);
    assert.equal(cacheable(keyOf(second)).key, key.key, 'another path with the same content');
    // Touching a file without changing it changes nothing either.
    utimesSync(join(second, 'src', 'main.py'), new Date(2000, 1, 1), new Date(2000, 1, 1));
    assert.equal(cacheable(keyOf(second)).key, key.key);
    assert.doesNotMatch(JSON.stringify(key), new RegExp(first.replace(/[/\\]/g, '.')));
  } finally {
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  }
});

void test('each component changes the key, and the miss names that component', () => {
  const dir = checkout();
  try {
    const base = cacheable(keyOf(dir));
    const cases: [string, () => CacheKey, string][] = [
      ['image retagged', () => keyOf(dir, { image: 'other' }), 'image digest changed'],
      ['argv', () => keyOf(dir, { command: 'make test' }), 'command changed'],
      ['env value', () => keyOf(dir, { env: { API_URL: 'https://staging' } }), 'environment API_URL changed'],
      ['env added', () => keyOf(dir, { env: { DEBUG: '1' } }), 'environment DEBUG added'],
      ['volume target', () => keyOf(dir, { target: '/code' }), 'volume /code added; volume /src removed'],
      ['upstream output', () => keyOf(dir, { upstream: '2.0' }), 'output gen.version changed'],
    ];
    for (const [what, variant, reason] of cases) {
      const changed = cacheable(variant());
      assert.notEqual(changed.key, base.key, what);
      assert.ok(explainMiss(changed.components, base.components).includes(reason), `${what}: ${reason}`);
    }
    writeFileSync(join(dir, 'src', 'lib', 'util.py'), 'X = 2\n');
    const edited = cacheable(keyOf(dir));
    assert.notEqual(edited.key, base.key, 'file content');
    assert.equal(explainMiss(edited.components, base.components), 'volume /src changed');
    assert.equal(explainMiss(base.components, undefined), 'no previous entry');
    // Limits do not change a correct result.
    assert.equal(cacheable(keyOf(dir, { cpu: '2' })).key, edited.key);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a step with a writable volume cannot be cached, and says which volume', () => {
  const dir = checkout();
  try {
    const key = keyOf(dir, { readOnly: false });
    assert.equal(key.cacheable, false);
    assert.match(key.cacheable ? '' : key.reason, /^volume \/src is writable/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a secret enters the key only as a keyed hash: the cache folder never holds it', () => {
  const dir = checkout();
  const cacheDir = mkdtempSync(join(tmpdir(), 'dagger-wf-cache-'));
  try {
    const key = cacheable(keyOf(dir, { env: { TOKEN: SECRET } }, [SECRET]));
    assert.match(key.components['environment TOKEN'] ?? '', /^hmac:/);
    assert.match(key.components['environment API_URL'] ?? '', /^sha256:/);
    const other = cacheable(keyOf(dir, { env: { TOKEN: `${SECRET}-rotated` } }, [`${SECRET}-rotated`]));
    assert.equal(explainMiss(other.components, key.components), 'environment TOKEN changed');
    new CacheStore(cacheDir).write({
      version: 1,
      key: key.key,
      workflow: 'ci.dagger.yaml',
      step: 'build',
      components: key.components,
      outputs: { version: '1.0' },
      log: 'building with ***\n',
      created_at: new Date().toISOString(),
      run_id: '20261201-120000-abcd',
    });
    const grep = (text: string) =>
      spawnSync('grep', ['-r', '-l', '-F', text, cacheDir], { encoding: 'utf8' });
    assert.equal(grep('ci.dagger.yaml').status, 0, 'grep finds what the entry does hold');
    const found = grep(SECRET);
    assert.equal(found.status, 1, `the secret is in ${found.stdout}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

void test('rewriting a file with the same bytes keeps the key; adding an empty file changes it', () => {
  const dir = checkout();
  try {
    const before = cacheable(keyOf(dir));
    const file = join(dir, 'src', 'main.py');
    writeFileSync(file, readFileSync(file));
    assert.equal(cacheable(keyOf(dir)).key, before.key, 'rewriting the same bytes');
    writeFileSync(join(dir, 'src', 'new.txt'), '');
    assert.equal(explainMiss(cacheable(keyOf(dir)).components, before.components), 'volume /src changed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
