import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WORKFLOW_SCHEMA } from '../../../core/validate/schema/compiled-schema.js';
import { SCHEMA_PATTERNS } from '../../../core/validate/schema/schema-patterns.js';

/** The schema node a `#/a/b/0` pointer names. */
function at(pointer: string): Record<string, unknown> | undefined {
  let node: unknown = WORKFLOW_SCHEMA;
  for (const part of pointer.slice(2).split('/'))
    node = (node as Record<string, unknown> | undefined)?.[part];
  return node as Record<string, unknown> | undefined;
}

void test('the schema states the rules of the code that enforces them, pattern for pattern', () => {
  for (const [pointer, pattern] of Object.entries(SCHEMA_PATTERNS)) {
    assert.equal(
      at(pointer)?.pattern,
      pattern,
      `schemas/workflow.schema.json ${pointer} must have "pattern": ${JSON.stringify(pattern)}`,
    );
    assert.doesNotThrow(() => new RegExp(pattern, 'u'), pointer);
  }
});

void test('the patterns use no class or anchor that other languages read differently', () => {
  for (const [pointer, pattern] of Object.entries(SCHEMA_PATTERNS)) {
    // \d, \w and \s are Unicode-wide in Python; there `$` also matches before a final line break.
    const outsideClasses = pattern
      .replace(/\\./g, (escape) => (/\\[dDwWsS]/.test(escape) ? escape : ''))
      .replace(/\[(?:\\.|[^\]\\])*\]/g, '');
    assert.doesNotMatch(outsideClasses, /\\[dDwWsS]|\$/, pointer);
    assert.doesNotMatch(pattern, /\\[dDwW]/, pointer);
  }
});
