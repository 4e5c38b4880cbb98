// Each snippet, inserted where its description says with its placeholders at their defaults (as VS Code does
// when the user tabs through them), gives a workflow that validates clean.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { validateText } from '../../../core/validate/validate-workflow.js';
import { expandSnippet, insertAtMarker } from './expand-snippet.js';

interface Snippet {
  prefix: string[];
  description: string;
  body: string[];
}

const snippets = JSON.parse(
  readFileSync(resolve(__dirname, '../../../snippets/dagger-workflow.json'), 'utf8'),
) as Record<string, Snippet>;

/** A step `build` that writes the output `version`, for snippets that refer to a step. */
const BUILD = `  - id: build
    image: busybox:1.36
    command: ["sh", "-c", 'echo "version=1.2.3" >> "$DAGGER_OUTPUT"']`;

/** Where each snippet goes: a workflow with the line `#SNIPPET` at that place (its indentation counts). */
const HOSTS: Record<string, string[]> = {
  Step: [`name: host\nsteps:\n${BUILD}\n  #SNIPPET\n`, `steps:\n  #SNIPPET\n`],
  'Dependent step': [`name: host\nsteps:\n${BUILD}\n  #SNIPPET\n  - id: last\n    image: x\n`],
  'Output write': [`steps:\n  - id: build\n    image: busybox:1.36\n    #SNIPPET\n`],
  'Input declaration': [
    `inputs:\n  #SNIPPET\nsteps:\n  - { id: a, image: x, command: [echo, "\${inputs.name}"] }\n`,
  ],
  Volume: [
    `steps:\n${BUILD}\n    #SNIPPET\n`,
    `container_config:\n  image: busybox:1.36\n  #SNIPPET\nsteps:\n  - { id: a, command: [ls, /data] }\n`,
  ],
};

void test('the five snippets of the issue are there, each with a prefix and a description', () => {
  assert.deepEqual(Object.keys(snippets), Object.keys(HOSTS));
  for (const snippet of Object.values(snippets)) {
    assert.ok(snippet.prefix.length > 0 && snippet.description.length > 0);
  }
});

for (const [name, snippet] of Object.entries(snippets)) {
  for (const [index, host] of (HOSTS[name] ?? []).entries()) {
    void test(`snippet "${name}" at its defaults validates clean (place ${index + 1})`, () => {
      const text = insertAtMarker(host, expandSnippet(snippet.body.join('\n')));
      assert.deepEqual(validateText(text), [], text);
    });
  }
}
