import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheStore } from '../../../../core/cache/cache-store.js';
import { StepCache } from '../../../../core/cache/step-cache.js';
import { planRun } from '../../../../core/plan/plan-run.js';
import { startRun } from '../../../../core/run/run-workflow.js';
import { FakeContainerRuntime } from '../../support/fake-container-runtime.js';
import { FAKE_WORKFLOW_FILE } from '../../support/run-on-fake.js';

const WORKFLOW = `
inputs:
  token: { secret: true, required: true }
steps:
  - id: gen
    image: busybox
    command: ["gen", "\${API_URL}"]
    cache: true
  - id: use
    image: busybox
    command: ["use", "\${steps.gen.outputs.version}"]
    environment: { TOKEN: "\${inputs.token}" }
    depends_on: [gen]
    cache: true
  - id: lint
    image: busybox
    command: ["lint"]
`;

void test('plan: stages, masked secrets, missing values listed, cache verdicts from the store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dagger-wf-plan-'));
  try {
    const runtime = new FakeContainerRuntime({ gen: { outputs: { version: '1.2' } } });
    const store = new CacheStore(dir);
    const options = {
      workflowFile: FAKE_WORKFLOW_FILE,
      text: WORKFLOW,
      store,
      imageDigest: (image: string) => runtime.imageId(image),
    };
    const missing = await planRun({ ...options, hostEnv: {} });
    assert.deepEqual(missing.missing.variables, ['API_URL']);
    assert.match(missing.missing.inputs.join(), /required input "token" is missing/);
    assert.deepEqual(missing.steps.gen?.command, ['gen', '${API_URL}']);

    const inputs = { token: 'secret-token-value' };
    const hostEnv = { API_URL: 'https://api' };
    const before = await planRun({ ...options, inputs, hostEnv });
    assert.deepEqual(before.stages, [['gen', 'lint'], ['use']]);
    assert.deepEqual(before.steps.gen?.cache, { verdict: 'miss', reason: 'no previous entry' });
    assert.deepEqual(before.steps.use?.cache, { verdict: 'unknown', reason: 'decided once gen has run' });
    assert.deepEqual(before.steps.use?.environment, { TOKEN: '***' });
    assert.deepEqual(before.steps.lint?.cache, { verdict: 'off' });

    const cache = new StepCache({
      store,
      workflowFile: FAKE_WORKFLOW_FILE,
      imageDigest: options.imageDigest,
    });
    const handle = startRun({ ...options, inputs, hostEnv, runtime, hooks: cache.hooks });
    handle.onEvent(cache.listener);
    assert.equal((await handle.result).status, 'succeeded');

    const after = await planRun({ ...options, inputs, hostEnv });
    assert.equal(after.steps.gen?.cache.verdict, 'hit');
    assert.equal(after.steps.use?.cache.verdict, 'hit', 'gen hit: its outputs are known, so use is decided');
    assert.deepEqual(after.steps.use?.command, ['use', '1.2']);
    const changed = await planRun({ ...options, inputs, hostEnv: { API_URL: 'https://staging' } });
    assert.deepEqual(changed.steps.gen?.cache, { verdict: 'miss', reason: 'command changed' });
    assert.equal(runtime.containers.length, 3, 'plans started no container (the run started three)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
