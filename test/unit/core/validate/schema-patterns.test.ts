// The schema's patterns are the code's (core/validate/schema/schema-patterns.ts). After a rule changed,
// `UPDATE_GOLDEN=1 node --import tsx --test test/unit/validate/schema-patterns.test.ts` writes them into
// schemas/workflow.schema.json; review the diff.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { WORKFLOW_SCHEMA } from '../../../../core/validate/schema/compiled-schema.js';
import { SCHEMA_PATTERNS } from '../../../../core/validate/schema/schema-patterns.js';

const SCHEMA_FILE = resolve(__dirname, '../../../../schemas/workflow.schema.json');

/** The schema node a `#/a/b/0` pointer names. */
function at(schema: unknown, pointer: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const part of pointer.slice(2).split('/'))
    node = (node as Record<string, unknown> | undefined)?.[part];
  return node as Record<string, unknown> | undefined;
}

if (process.env.UPDATE_GOLDEN === '1') {
  void test("write the code's patterns into the schema", async () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as unknown;
    for (const [pointer, pattern] of Object.entries(SCHEMA_PATTERNS)) {
      const node = at(schema, pointer);
      assert.ok(node, `schemas/workflow.schema.json has no ${pointer}`);
      node.pattern = pattern;
    }
    // Indented first so that Prettier keeps every object on its own lines, as the file is written.
    const prettier = await import('prettier');
    const text = await prettier.format(JSON.stringify(schema, null, 2), { parser: 'json' });
    writeFileSync(SCHEMA_FILE, text);
  });
}

void test('the schema states the rules of the code that enforces them, pattern for pattern', () => {
  for (const [pointer, pattern] of Object.entries(SCHEMA_PATTERNS)) {
    assert.equal(
      at(WORKFLOW_SCHEMA, pointer)?.pattern,
      pattern,
      `schemas/workflow.schema.json ${pointer} differs from the code's pattern (UPDATE_GOLDEN=1 writes it)`,
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
