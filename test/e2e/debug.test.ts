// The debugger in a real workbench (code-server + Chromium): a breakpoint set in the gutter, F5 with no
// launch.json, the debug toolbar and the Variables view at the pause, Continue to the end, the run in the Runs tree.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { missingE2eTools } from './support/paths.js';
import { useWorkbench } from './support/workbench-session.js';
import { screenshot } from './support/browser.js';
import { openFile, showRunsView, waitForTreeIcon } from './support/workbench.js';
import { runContainers } from './support/docker.js';

const skip = missingE2eTools();
let page: Page;

/** The rendered editor line holding `text`. */
function editorLine(text: string) {
  return page.locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: text }).first();
}

void describe('the debugger in a real workbench (code-server + Chromium)', { skip, timeout: 600_000 }, () => {
  const session = useWorkbench('debug');
  before(() => {
    page = session.page;
  });

  void test('a gutter breakpoint, F5: the run pauses before the step with its environment in Variables; Continue ends it', async () => {
    await openFile(page, 'debug.dagger.yaml');
    // The gutter (glyph margin) of the `command:` line of step "release".
    await editorLine('echo releasing').waitFor();
    await page.locator('.editor-instance .monaco-editor .glyph-margin').first().waitFor();
    // The CodeLenses shift the lines when they appear: measure once they are there.
    await page.locator('.codelens-decoration', { hasText: 'Debug Step' }).nth(1).waitFor();
    const line = await editorLine('echo releasing').boundingBox();
    const margin = await page.locator('.editor-instance .monaco-editor .glyph-margin').first().boundingBox();
    assert.ok(line && margin, 'the editor is laid out');
    await page.mouse.click(margin.x + margin.width / 2, line.y + line.height / 2);
    const dot = page.locator('.editor-instance .codicon-debug-breakpoint').first();
    await dot.waitFor();
    const dotBox = await dot.boundingBox();
    assert.ok(
      dotBox && Math.abs(dotBox.y + dotBox.height / 2 - (line.y + line.height / 2)) < 10,
      'on the command: line',
    );

    await editorLine('echo releasing').click();
    await screenshot(page, 'debug-before-f5');
    await page.keyboard.press('F5');
    const toolbar = page.locator('.debug-toolbar');
    await toolbar.waitFor({ state: 'visible', timeout: 120_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'debug-no-toolbar');
      throw error;
    });
    // Paused before "release": the call stack names it, the breakpoint moved to its `- id:` line.
    await page
      .locator('.debug-call-stack .monaco-list-row', { hasText: 'release (paused before it starts)' })
      .first()
      .waitFor({ timeout: 120_000 });
    const idLineTop = (await editorLine('- id: release').boundingBox())?.y;
    const stoppedAt = await page.locator('.editor-instance .codicon-debug-stackframe').first().boundingBox();
    assert.ok(idLineTop !== undefined && stoppedAt, 'the editor shows where it paused');
    assert.ok(Math.abs(stoppedAt.y - idLineTop) < 10, 'paused on the - id: line of "release"');

    const variables = page.locator('.debug-pane .monaco-list-row');
    await variables.filter({ hasText: 'Environment' }).first().click();
    await variables.filter({ hasText: 'TAG' }).filter({ hasText: 'v7' }).first().waitFor();
    const secret = variables.filter({ hasText: 'SECRET_GREETING' }).first();
    await secret.waitFor();
    assert.match(await secret.innerText(), /\*\*\*/);
    assert.doesNotMatch(await secret.innerText(), /hello-from-the-env-file/);
    assert.ok(
      runContainers().every((container) => container.stepId !== 'release'),
      'the step has not started',
    );
    await screenshot(page, 'debug-paused');

    await page.keyboard.press('F5');
    await toolbar.waitFor({ state: 'hidden', timeout: 120_000 });
    await showRunsView(page);
    await waitForTreeIcon(page, 'release', 'pass');
    await waitForTreeIcon(page, 'Debuggable', 'pass');
    await screenshot(page, 'debug-run-finished');
  });
});
