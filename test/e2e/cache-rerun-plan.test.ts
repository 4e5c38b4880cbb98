// UI tests of the step cache, Rerun Failed Steps and Preview Plan: the packaged .vsix in code-server, driven
// through Chromium, running real containers on the Docker engine. code-server's HOME is a throwaway folder, so
// the step cache starts empty.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { missingE2eTools } from './support/paths.js';
import { useWorkbench } from './support/workbench-session.js';
import { screenshot } from './support/browser.js';
import {
  openFile,
  pickMenuItem,
  quickInput,
  runCommand,
  showRunsView,
  treeRow,
} from './support/workbench.js';

const skip = missingE2eTools();

/** The description the Runs tree shows beside the newest row labelled `label`. */
async function descriptionOf(page: Page, label: string): Promise<string> {
  return treeRow(page, label).first().locator('.label-description').innerText();
}

/** Wait until the newest (topmost) row labelled `label` shows the codicon `icon`. */
async function waitForNewestIcon(page: Page, label: string, icon: string, timeout = 120_000): Promise<void> {
  await treeRow(page, label)
    .first()
    .locator(`.custom-view-tree-node-item-icon.codicon-${icon}`)
    .waitFor({ timeout });
}

/** Type the secret input `name` into the input box, checking it is a password box. */
async function enterSecret(page: Page, name: string, value: string): Promise<void> {
  const input = quickInput(page).locator('input');
  await quickInput(page).locator('.quick-input-title', { hasText: name }).waitFor();
  assert.equal(await input.getAttribute('type'), 'password');
  await input.fill(value);
  await input.press('Enter');
}

void describe(
  'step cache, Rerun Failed Steps and Preview Plan in a real workbench',
  { skip, timeout: 600_000 },
  () => {
    let page: Page;
    const session = useWorkbench('cache-rerun-plan');
    before(() => {
      if (skip) return;
      page = session.page;
    });

    void test('a cache: true workflow run twice shows its steps as cached the second time', async () => {
      await openFile(page, 'cached.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      await showRunsView(page);
      await waitForNewestIcon(page, 'compile', 'pass');
      assert.doesNotMatch(await descriptionOf(page, 'fetch'), /cached/, 'the first run ran its containers');
      await openFile(page, 'cached.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      await showRunsView(page);
      // The newest run's rows come first; only a step taken from the cache has the history icon.
      await waitForNewestIcon(page, 'fetch', 'history');
      await waitForNewestIcon(page, 'compile', 'history');
      assert.match(await descriptionOf(page, 'fetch'), /^cached from run \S+ \(key [0-9a-f]{12}, /);
      await screenshot(page, 'run-tree-cached');
    });

    void test('Rerun Failed Steps asks the secret again, reuses the succeeded steps and runs the failed one and its dependents', async () => {
      await openFile(page, 'rerun-chain.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      await enterSecret(page, 'token', 'tok-123');
      await showRunsView(page);
      await waitForNewestIcon(page, 'deploy', 'error');
      await waitForNewestIcon(page, 'Rerun Chain', 'error');
      const failedRunRows = await treeRow(page, 'Rerun Chain').count();

      await treeRow(page, 'Rerun Chain').first().click({ button: 'right' });
      await pickMenuItem(page, 'Rerun Failed Steps');
      // Secret inputs are never stored: asked again.
      await enterSecret(page, 'token', 'tok-123');
      const deadline = Date.now() + 60_000;
      while ((await treeRow(page, 'Rerun Chain').count()) <= failedRunRows) {
        if (Date.now() > deadline) throw new Error('Rerun Failed Steps started no new run');
        await page.waitForTimeout(250);
      }
      await waitForNewestIcon(page, 'checkout', 'history');
      await waitForNewestIcon(page, 'configure', 'history');
      assert.match(await descriptionOf(page, 'checkout'), /^reused from run /);
      // The failed step ran again (and failed again); its dependent was skipped again, not reused.
      await waitForNewestIcon(page, 'deploy', 'error');
      await waitForNewestIcon(page, 'notify', 'circle-slash');
      assert.match(await descriptionOf(page, 'deploy'), /exit 4/);
      await screenshot(page, 'run-tree-rerun-failed');
    });

    void test('Preview Plan opens a read-only document listing the stages and steps', async () => {
      await openFile(page, 'rerun-chain.dagger.yaml');
      await runCommand(page, 'Dagger: Preview Plan');
      await page
        .locator('.tabs-container .tab', { hasText: 'rerun-chain.dagger.yaml (plan)' })
        .first()
        .waitFor();
      const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      await editor.filter({ hasText: 'stage 4: notify' }).waitFor({ timeout: 60_000 });
      const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
      assert.match(text, /^plan of Rerun Chain .*: 4 stage\(s\)$/m);
      assert.match(text, /^stage 1: checkout$/m);
      assert.match(text, /^ {4}image: {3}dagger-test\/busybox:latest$/m);
      assert.match(text, /inputs: .*token/, 'the missing secret input is listed, not fatal');
      await editor.click();
      await page.keyboard.type('x');
      await page.locator('.monaco-editor-overlaymessage', { hasText: 'read-only' }).first().waitFor();
      assert.doesNotMatch((await editor.innerText()).replace(/\u00a0/g, ' '), /x(plan|stage)/);
      await screenshot(page, 'preview-plan');
    });
  },
);
