// Golden fixtures: test/fixtures/validate/<case>.yaml in, <case>.expected.json out (code, severity, exact
// 0-based range, message, data). `UPDATE_GOLDEN=1 node scripts/run-tests.mjs unit` rewrites the expected files;
// review every change by eye, they are the spec.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateText } from '../../../../core/validate/validate-workflow.js';
import { FIXTURES as SHARED_FIXTURES } from '../../../support/paths.js';

const FIXTURES = join(SHARED_FIXTURES, 'validate');
const update = process.env.UPDATE_GOLDEN === '1';

for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.yaml'))) {
  const name = file.slice(0, -'.yaml'.length);
  void test(`golden: ${name}`, async () => {
    const actual = validateText(readFileSync(join(FIXTURES, file), 'utf8'));
    const expectedPath = join(FIXTURES, `${name}.expected.json`);
    if (update) {
      const prettier = await import('prettier');
      writeFileSync(expectedPath, await prettier.format(JSON.stringify(actual), { parser: 'json' }));
      return;
    }
    assert.ok(
      existsSync(expectedPath),
      `${name}.expected.json is missing (run with UPDATE_GOLDEN=1, then review it)`,
    );
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}
