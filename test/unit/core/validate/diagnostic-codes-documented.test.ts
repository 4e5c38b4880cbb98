import { REPO_ROOT } from '../../../support/paths.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { canBeIgnored, DIAGNOSTIC_CODES } from '../../../../core/validate/codes.js';

const ROOT = REPO_ROOT;
const docs = readFileSync(resolve(ROOT, 'docs/diagnostics.md'), 'utf8');
const fixtures = readdirSync(resolve(ROOT, 'test/fixtures/validate'));

void test('every code has a row in docs/diagnostics.md, with its severity, and a golden fixture', () => {
  for (const [code, { severity }] of Object.entries(DIAGNOSTIC_CODES)) {
    assert.match(docs, new RegExp(`^\\| ${code} +\\| ${severity} +\\|`, 'm'), `${code} is not documented`);
    assert.ok(
      fixtures.some(
        (name) => name.startsWith(code.toLowerCase()) || name.includes(`-${code.toLowerCase()}-`),
      ),
      `${code} has no golden fixture in test/fixtures/validate`,
    );
  }
});

void test('the codes that cannot be ignored are the ones the documentation lists', () => {
  const listed = /Six codes cannot be hidden, because no run could start\s+with them: ([^.]+)\./.exec(docs);
  assert.ok(listed, 'docs/diagnostics.md lists the codes that cannot be ignored');
  const named = [...(listed[1] ?? '').matchAll(/DW\d{3}/g)].map((match) => match[0]);
  const never = Object.keys(DIAGNOSTIC_CODES).filter((code) => !canBeIgnored(code));
  assert.deepEqual(named, never);
});
