// Workspace Trust: in an untrusted (Restricted Mode) folder, editing works but Run refuses with a clear message.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { missingE2eTools } from './support/paths.js';
import { assertExtensionBuilt, packageVsix } from './support/build.js';
import { startCodeServer } from './support/code-server.js';
import { launchChromium, newWorkbenchPage, screenshot } from './support/browser.js';
import { openFile, runCommand } from './support/workbench.js';
import { runContainers } from './support/docker.js';

const skip = missingE2eTools();

void test(
  'in an untrusted workspace editing works and Run Workflow refuses',
  { skip, timeout: 300_000 },
  async () => {
    assertExtensionBuilt();
    // Workspace Trust stays on (no --disable-workspace-trust) and no trust prompt is answered for us.
    const server = await startCodeServer({ name: 'untrusted', vsix: packageVsix(), workspaceTrust: true });
    const browser = await launchChromium();
    try {
      const page = await newWorkbenchPage(browser);
      await page.goto(server.workbenchUrl());
      // code-server opens a folder it has never trusted in Restricted Mode (no trust prompt).
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
      await openFile(page, 'typo.dagger.yaml');
      // Editing features still work: the language server reports the typo.
      await runCommand(page, 'View: Focus Problems');
      await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'unknown step "biuld"' })
        .first()
        .waitFor({ timeout: 60_000 });
      const before = runContainers().length;
      await openFile(page, 'pipeline.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      const toast = page.locator('.notification-toast', { hasText: 'needs a trusted workspace' });
      await toast.first().waitFor();
      assert.match(await toast.first().innerText(), /Dagger Workflows: running a workflow starts containers/);
      await screenshot(page, 'untrusted-run-refused');
      assert.equal(runContainers().length, before, 'no container was started');
    } finally {
      await browser.close();
      await server.stop();
    }
  },
);
