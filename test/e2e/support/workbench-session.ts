import { after, afterEach, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertExtensionBuilt, packageVsix } from './build.js';
import { launchChromium, newWorkbenchPage, screenshot } from './browser.js';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './code-server.js';
import { missingE2eTools } from './paths.js';
import { openWorkbench } from './workbench.js';

export interface WorkbenchSession {
  readonly page: Page;
  readonly server: CodeServer;
}

/**
 * One workbench for the UI tests of a file: the packaged .vsix installed in a fresh code-server, opened in
 * Chromium before the tests and closed after them. `session.page` is ready inside tests.
 *
 * After each test the page is saved as test-artifacts/after-<file>-<test>.png (what a failed test left on screen
 * is the first thing to look at), and whatever the test left open over the workbench (a context menu, the quick
 * input, a hover) is closed, so that one failure does not become the next test's failure too.
 */
export function useWorkbench(
  name: string,
  options: Omit<CodeServerOptions, 'name' | 'vsix'> = {},
): WorkbenchSession {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    if (missingE2eTools()) return;
    assertExtensionBuilt();
    server = await startCodeServer({ ...options, name, vsix: packageVsix() });
    browser = await launchChromium();
    page = await newWorkbenchPage(browser);
    await openWorkbench(page, server.workbenchUrl());
  });
  afterEach(async (context) => {
    if (!page) return;
    await screenshot(page, `after-${name}-${slug(context.name)}`).catch(() => undefined);
    await closeOverlays(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get page() {
      if (!page) throw new Error('the workbench is not open yet');
      return page;
    },
    get server() {
      if (!server) throw new Error('code-server is not started yet');
      return server;
    },
  };
}

/** Escape until no menu, quick input or context view covers the workbench (at most a few presses). */
async function closeOverlays(page: Page): Promise<void> {
  const overlay = page.locator(
    '.context-view .monaco-menu:visible, .quick-input-widget:visible, .context-view-block:visible',
  );
  for (let press = 0; press < 3 && (await overlay.count()) > 0; press++) {
    await page.keyboard.press('Escape');
    await overlay
      .first()
      .waitFor({ state: 'hidden', timeout: 2_000 })
      .catch(() => undefined);
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
