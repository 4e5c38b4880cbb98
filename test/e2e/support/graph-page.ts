import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { graphPageHtml } from '../../../client/graph/webview-page.js';
import type { HostMessage, WebviewMessage } from '../../../client/graph/webview-messages.js';
import { REPO } from './paths.js';

/** A few colours of VS Code's Dark Modern theme, which a real webview gets as CSS variables. */
const THEME: Record<string, string> = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-editorWidget-border': '#454545',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-progressBar-background': '#0e70c0',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-testing-iconFailed': '#f14c4c',
  '--vscode-disabledForeground': '#808080',
  '--vscode-editorError-foreground': '#f85149',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorIndentGuide-activeBackground1': '#707070',
};

export interface GraphPage {
  page: Page;
  /** Post a message to the webview, as the extension host does. */
  send(message: HostMessage): Promise<void>;
  /** The messages the webview posted so far. */
  received(): Promise<WebviewMessage[]>;
  /** Content-Security-Policy violations the page reported. */
  violations(): Promise<string[]>;
}

/**
 * The graph webview's real page (graphPageHtml: its CSP, styles and dist/graph-webview/graph-webview.js) opened in
 * Chromium from a file, with a stand-in for the panel's `acquireVsCodeApi` that records what the script posts.
 */
export async function openGraphPage(
  browser: Browser,
  size = { width: 1000, height: 640 },
): Promise<GraphPage> {
  const media = join(REPO, 'dist', 'graph-webview');
  const html = graphPageHtml(
    { cspSource: 'file:', asset: (name) => pathToFileURL(join(media, name)).href },
    'file:///work/wf.dagger.yaml',
  );
  const file = join(mkdtempSync(join(tmpdir(), 'dagger-graph-page-')), 'graph.html');
  writeFileSync(file, html);
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  // Injected before the page's own scripts (and outside its CSP), as VS Code injects the real API.
  await page.addInitScript(
    `(() => {
      const theme = ${JSON.stringify(THEME)};
      window.__posted = [];
      window.__violations = [];
      let state;
      window.acquireVsCodeApi = () => ({
        postMessage: (message) => window.__posted.push(message),
        getState: () => state,
        setState: (next) => { state = next; },
      });
      document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
      document.addEventListener('DOMContentLoaded', () => {
        for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
      });
    })()`,
  );
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
  return {
    page,
    send: (message) =>
      page.evaluate(
        `window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`,
      ),
    received: () => page.evaluate<WebviewMessage[]>('window.__posted'),
    violations: () => page.evaluate<string[]>('window.__violations'),
  };
}
