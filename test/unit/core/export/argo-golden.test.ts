// Golden exports: test/fixtures/export/<name>.argo.yaml for every example (and all-features.dagger.yaml).
// `UPDATE_GOLDEN=1 node scripts/run-tests.mjs unit` rewrites them; review every change, they are the spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportForTests, GOLDEN_DIR, goldenWorkflows } from './support/golden-exports.js';

const update = process.env.UPDATE_GOLDEN === '1';

for (const { name, file } of goldenWorkflows()) {
  void test(`golden export: ${name}`, () => {
    const { yaml } = exportForTests(file);
    const goldenPath = join(GOLDEN_DIR, `${name}.argo.yaml`);
    if (update) {
      writeFileSync(goldenPath, yaml);
      return;
    }
    assert.ok(
      existsSync(goldenPath),
      `${name}.argo.yaml is missing (run with UPDATE_GOLDEN=1, then review it)`,
    );
    assert.equal(yaml, readFileSync(goldenPath, 'utf8'));
  });
}
