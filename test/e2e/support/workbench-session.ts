import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertExtensionBuilt, packageVsix } from './build.js';
import { launchChromium, newWorkbenchPage } from './browser.js';
import { startCodeServer, type CodeServer } from './code-server.js';
import { openWorkbench } from './workbench.js';

/**
 * One workbench for the UI tests of a file: the packaged .vsix installed in a fresh code-server, opened in
 * Chromium before the tests and closed after them. `session.page` is ready inside tests.
 */
export function useWorkbench(name: string): { readonly page: Page; readonly server: CodeServer } {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    assertExtensionBuilt();
    server = await startCodeServer({ name, vsix: packageVsix() });
    browser = await launchChromium();
    page = await newWorkbenchPage(browser);
    await openWorkbench(page, server.workbenchUrl());
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
