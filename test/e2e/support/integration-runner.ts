import type { Page } from 'playwright-core';
import { launchChromium, newWorkbenchPage } from './browser.js';
import { startCodeServer } from './code-server.js';
import { REPO } from './paths.js';

export interface IntegrationRun {
  /** The exit code the workbench reported for the tests module. */
  exitCode: number;
  /** Console lines of the workbench page (the extension host's console is forwarded there). */
  console: string[];
}

/**
 * Run an integration tests module inside code-server's extension host: code-server with the smoke-test driver,
 * a headless Chromium as the client (an extension host only starts when a workbench connects), the extension
 * loaded from the repository folder (extensionDevelopmentPath, empty extensions folder) and the tests module
 * given as extensionTestsPath. Resolves with the code the workbench hands to `codeAutomationExit`.
 */
export async function runIntegrationTests(
  name: string,
  testsPath: string,
  env: Record<string, string> = {},
  timeoutMs = 240_000,
): Promise<IntegrationRun> {
  const server = await startCodeServer({ name, smokeTestDriver: true, env });
  const browser = await launchChromium();
  const lines: string[] = [];
  try {
    const page: Page = await newWorkbenchPage(browser);
    page.on('console', (message) => lines.push(message.text()));
    let settle: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO)],
      ['extensionTestsPath', remote(testsPath)],
    ]);
    // A busy machine (shared CI) can take far longer than playwright's default 30 s to load the workbench.
    await page.goto(server.workbenchUrl({ payload }), { timeout: 180_000 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the tests module did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const exitCode = await Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    return { exitCode, console: lines };
  } finally {
    await browser.close();
    await server.stop();
  }
}
