// Every YAML example of the user's spec (workflow-definition.md) validates clean. The examples are copied
// verbatim into test/fixtures/seed/; partial ones (a bare step, an `environment:` snippet…) are wrapped
// minimally into a workflow, as the comment at the top of each file says. The spec's one non-YAML block
// (a Python request) has no fixture.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateText } from '../../../../core/validate/validate-workflow.js';
import { FIXTURES } from '../../../support/paths.js';

const SEED = join(FIXTURES, 'seed');
const files = readdirSync(SEED).filter((name) => name.endsWith('.yaml'));

void test('all 16 YAML examples of the seed spec have a fixture', () => {
  assert.equal(files.length, 16);
});

for (const file of files) {
  void test(`seed example ${file} validates clean`, () => {
    assert.deepEqual(validateText(readFileSync(join(SEED, file), 'utf8')), []);
  });
}
