import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { readServerOptions } from '../../../server/server-options.js';

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
};

void test('the diagnostics delay: one name for the setting and the option, its default from package.json', () => {
  const setting = manifest.contributes.configuration.properties['daggerWorkflows.diagnosticsDelay'];
  assert.equal(typeof setting?.default, 'number');
  assert.deepEqual(readServerOptions(undefined), {
    diagnosticsDelay: setting?.default,
    pullDiagnostics: false,
  });
  assert.equal(readServerOptions({ diagnosticsDelay: 0 }).diagnosticsDelay, 0);
  for (const wrong of [-1, '50', Number.NaN, null]) {
    assert.equal(
      readServerOptions({ diagnosticsDelay: wrong }).diagnosticsDelay,
      setting?.default,
      String(wrong),
    );
  }
  assert.equal(readServerOptions({ pullDiagnostics: true }).pullDiagnostics, true);
});
