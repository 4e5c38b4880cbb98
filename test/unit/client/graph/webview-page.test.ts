import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphPageHtml, stateColoursCss, stateIconClasses } from '../../../../client/graph/webview-page.js';
import { STEP_STATE_LOOKS } from '../../../../client/views/state-looks.js';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  asset: (name: string) => `vscode-resource:/media/${name}`,
};

function csp(html: string): string {
  return /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
}

void test("the page's CSP: nothing by default, the extension's files, and only the script with this page's nonce", () => {
  const html = graphPageHtml(resources, 'file:///w/wf.dagger.yaml');
  const policy = csp(html);
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
  assert.ok(nonce.length >= 20, 'a long random nonce');
  assert.match(policy, /^default-src 'none'; /);
  assert.match(policy, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}'`));
  assert.doesNotMatch(
    policy,
    /unsafe-(inline|eval)|\*|https?:\/\/(?!file\+)/,
    'no wildcard, no remote host, no eval',
  );
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1] ?? '');
  assert.equal(scripts.length, 1);
  assert.ok(
    scripts[0]?.includes(`nonce="${nonce}"`) &&
      scripts[0].includes('vscode-resource:/media/graph-webview.js'),
  );
  assert.doesNotMatch(html, /(src|href)="https?:/, 'no remote content');
});

void test('each page gets a fresh nonce', () => {
  const nonces = new Set(
    Array.from({ length: 20 }, () => /'nonce-([^']+)'/.exec(csp(graphPageHtml(resources, 'f')))?.[1]),
  );
  assert.equal(nonces.size, 20);
});

void test("the file name cannot break out of the page's markup", () => {
  const html = graphPageHtml(resources, 'file:///w/"><script>alert(1)</script>.yaml');
  assert.doesNotMatch(html, /<script>alert/);
});

void test("node colours and icons are the Runs tree's, as theme variables", () => {
  assert.match(
    stateColoursCss(),
    /\.node\.state-succeeded\{--state-color:var\(--vscode-testing-iconPassed\)\}/,
  );
  assert.match(stateColoursCss(), /\.node\.state-failed\{--state-color:var\(--vscode-testing-iconFailed\)\}/);
  assert.doesNotMatch(stateColoursCss(), /#[0-9a-f]{3,6}/i, 'no hard-coded colour');
  const icons = stateIconClasses();
  assert.deepEqual(Object.keys(icons).sort(), Object.keys(STEP_STATE_LOOKS).sort());
  assert.equal(icons.running, 'codicon-sync codicon-modifier-spin');
  assert.equal(icons.succeeded, 'codicon-pass');
});
