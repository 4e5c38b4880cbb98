import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../../support/paths.js';

interface OnEnterRule {
  beforeText: string;
  action: { indent: 'none' | 'indent' | 'outdent'; appendText?: string };
}

const configuration = JSON.parse(readFileSync(join(REPO_ROOT, 'language-configuration.json'), 'utf8')) as {
  comments: { lineComment: string };
  autoClosingPairs: { open: string; close: string }[];
  folding: { offSide: boolean; markers: { start: string; end: string } };
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: OnEnterRule[];
};

/** What VS Code does on Enter at the end of `line`: the first rule whose beforeText matches wins. */
function onEnter(line: string): OnEnterRule['action'] | undefined {
  return configuration.onEnterRules.find((rule) => new RegExp(rule.beforeText).test(line))?.action;
}

void test('Enter after a plain list item starts the next item', () => {
  for (const line of ['      - build', '  - fetch-data', '      - "quoted item"']) {
    assert.deepEqual(onEnter(line), { indent: 'none', appendText: '- ' }, line);
  }
});

void test('Enter after `- key: value` continues the same mapping item, aligned with its first key', () => {
  for (const line of ['  - id: build', '  - source: /tmp', '      - name: result # the output']) {
    assert.deepEqual(onEnter(line), { indent: 'none', appendText: '  ' }, line);
  }
});

void test('Enter after a `key:` line indents; after a complete `key: value` it keeps the indentation', () => {
  for (const line of ['steps:', '    depends_on:', '  - environment:', '    volumes:   # mounts']) {
    assert.deepEqual(onEnter(line), { indent: 'indent' }, line);
  }
  for (const line of [
    '    image: python:3.9-slim',
    '    command: ["python", "x.py"]',
    '# notes:',
    '',
    '   ',
  ]) {
    assert.equal(onEnter(line), undefined, line);
  }
});

void test('indentation rules: a `key:` line or an open bracket increases, a closing bracket decreases', () => {
  const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
  for (const line of ['steps:', '  - id:', '    environment:', '    command: [', '  -']) {
    assert.ok(increase.test(line), line);
  }
  for (const line of ['    image: alpine', '  - build', '# steps:', '    command: ["a"]']) {
    assert.ok(!increase.test(line), line);
  }
  assert.ok(decrease.test('    ]'));
  assert.ok(!decrease.test('    - a'));
});

void test('comments, `${` auto-closing and region folding', () => {
  assert.equal(configuration.comments.lineComment, '#');
  assert.ok(configuration.autoClosingPairs.some((pair) => pair.open === '${' && pair.close === '}'));
  assert.ok(configuration.folding.offSide, 'YAML folds by indentation');
  assert.ok(new RegExp(configuration.folding.markers.start).test('  # region build steps'));
  assert.ok(new RegExp(configuration.folding.markers.end).test('  # endregion'));
});
