// The docs/ pages document what ships: every field of the schema, every CLI command and option, every setting
// (the diagnostic codes: test/unit/core/validate/diagnostic-codes-documented.test.ts); and their links stay inside
// the repository and lead to files that exist.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../../cli/command-list.js';

const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

/** Every key of every `properties` object in the schema. */
function schemaFields(node: unknown, found = new Set<string>()): Set<string> {
  if (node === null || typeof node !== 'object') return found;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'properties' && value !== null && typeof value === 'object')
      for (const name of Object.keys(value)) found.add(name);
    schemaFields(value, found);
  }
  return found;
}

void test('docs/workflow-format.md names every field of the schema', () => {
  const page = read('docs/workflow-format.md');
  const fields = schemaFields(JSON.parse(read('schemas/workflow.schema.json')));
  assert.ok(fields.size > 20);
  for (const field of fields)
    assert.ok(page.includes(`\`${field}\``), `docs/workflow-format.md lacks \`${field}\``);
});

void test('docs/cli.md documents every command and every option its --help lists', () => {
  const page = read('docs/cli.md');
  for (const command of COMMANDS) {
    assert.ok(page.includes(`## dagger-wf ${command.name}`), `no section for ${command.name}`);
    for (const [option] of command.help.matchAll(/--[a-z][a-z-]*/g))
      assert.ok(page.includes(`\`${option}`), `docs/cli.md lacks ${option} of ${command.name}`);
  }
});

void test('docs/settings.md documents every setting and launch attribute of package.json', () => {
  const page = read('docs/settings.md');
  const manifest = JSON.parse(read('package.json')) as {
    contributes: {
      configuration: { properties: Record<string, unknown> };
      debuggers: { configurationAttributes: { launch: { properties: Record<string, unknown> } } }[];
    };
  };
  const settings = Object.keys(manifest.contributes.configuration.properties);
  const attributes = manifest.contributes.debuggers.flatMap((debuggerType) =>
    Object.keys(debuggerType.configurationAttributes.launch.properties),
  );
  for (const name of [...settings, ...attributes, 'diagnosticsDelay', 'pullDiagnostics'])
    assert.ok(page.includes(`\`${name}\``), `docs/settings.md lacks ${name}`);
});

void test('the links of README.md, CONTRIBUTING.md and docs/ stay in the repository and lead to files', () => {
  const pages = ['README.md', 'CONTRIBUTING.md', 'examples/README.md'].concat(
    readdirSync(resolve(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  );
  for (const page of pages) {
    for (const [, target = ''] of read(page).matchAll(/\]\(([^)\s#]*)(?:#[^)]*)?\)/g)) {
      if (target === '' || /^https:\/\//.test(target)) continue;
      const file = resolve(ROOT, dirname(page), target);
      assert.ok(file.startsWith(`${ROOT}/`), `${page} links outside the repository: ${target}`);
      assert.ok(existsSync(file), `${page} links to ${target}, which does not exist`);
    }
  }
});
