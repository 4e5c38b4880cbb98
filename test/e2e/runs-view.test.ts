// Issue 8, "In the editor": the Runs view's title buttons act on what their titles say whatever row is focused,
// Rerun and Refresh look different, an empty answer the run would refuse is refused in the input box, and the
// output channels can be told apart in the Output view's picker, and a dependency cycle reads the way depends_on
// was written. The packaged .vsix in code-server + Chromium.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { missingE2eTools } from './support/paths.js';
import { screenshot } from './support/browser.js';
import {
  openFile,
  outputText,
  quickInput,
  runCommand,
  showRunsView,
  treeRow,
  waitForTreeIcon,
} from './support/workbench.js';
import { runContainers, waitForRunContainers } from './support/docker.js';
import { useWorkbench } from './support/workbench-session.js';

const skip = missingE2eTools();

/** A button of the Runs view's title bar, by its tooltip. */
function titleButton(page: Page, title: string): Locator {
  return page.locator(`.part.sidebar .title-actions a.action-label[aria-label="${title}"]`).first();
}

/** The codicon class (`codicon-refresh`) of a button. */
async function codiconOf(button: Locator): Promise<string> {
  const classes = (await button.getAttribute('class')) ?? '';
  const codicon = classes.split(/\s+/).find((name) => name.startsWith('codicon-'));
  assert.ok(codicon, `no codicon on ${classes}`);
  return codicon;
}

/** Answer the run's input boxes, one after the other, by pressing Enter (the default filled in). */
async function acceptInputs(page: Page, titles: string[]): Promise<void> {
  for (const title of titles) {
    await quickInput(page).locator('.quick-input-title', { hasText: title }).waitFor();
    await quickInput(page).locator('input').press('Enter');
  }
}

void describe(
  'the Runs view and the inputs, as a person uses them (code-server + Chromium)',
  { skip, timeout: 600_000 },
  () => {
    const session = useWorkbench('runs-view');
    let page: Page;
    before(() => (page = session.page));

    void test('a dependency cycle in the Problems panel reads the way depends_on is written, and says so', async () => {
      // fetch depends on report, report on transform, transform on fetch.
      await openFile(page, 'cycle.dagger.yaml');
      await runCommand(page, 'View: Focus Problems');
      const problem = page.locator('.markers-panel .monaco-list-row', {
        hasText: 'dependency cycle: fetch → report → transform → fetch (each step depends on the next)',
      });
      await problem.first().waitFor({ timeout: 60_000 });
      await screenshot(page, 'problems-cycle');
    });

    void test('an input with no default: an empty answer is refused in the box, in the words of dagger-wf run', async () => {
      await openFile(page, 'asks.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      const box = quickInput(page);
      await box.locator('.quick-input-title', { hasText: 'target' }).waitFor();
      await box.locator('input').press('Enter');
      const message = box.locator('.quick-input-message', {
        hasText: 'input "target" is used but has no value or default',
      });
      await message.waitFor();
      await screenshot(page, 'input-refused-empty');
      assert.ok(
        await box.locator('.quick-input-title', { hasText: 'target' }).isVisible(),
        'the box stays open',
      );
      await box.locator('input').fill('production');
      await box.locator('input').press('Enter');
      await showRunsView(page);
      await waitForTreeIcon(page, 'Asks', 'pass');
      await treeRow(page, 'deploy').first().click();
      await outputText(page).filter({ hasText: 'deploying to production' }).waitFor();
    });

    void test('Cancel Run in the view title cancels the active run, though a row of an earlier run is selected', async () => {
      await openFile(page, 'pipeline.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      await acceptInputs(page, ['audience', 'token']);
      await showRunsView(page);
      await waitForTreeIcon(page, 'Pipeline', 'pass');
      await openFile(page, 'slow.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      await waitForTreeIcon(page, 'wait-a', 'sync');
      const running = await waitForRunContainers((c) => c.stepId === 'wait-a' || c.stepId === 'wait-b');
      const runId = running[0]?.runId;
      // The user looks at the earlier run: its row has the focus when the title button is clicked.
      await treeRow(page, 'Pipeline').first().click();
      await titleButton(page, 'Cancel Run').click();
      await waitForTreeIcon(page, 'Slow', 'stop-circle');
      await waitForTreeIcon(page, 'wait-a', 'stop-circle');
      assert.deepEqual(
        runContainers().filter((c) => c.runId === runId),
        [],
        'the active run is cancelled and its containers are gone',
      );
      assert.equal(
        await page.locator('.notification-toast', { hasText: 'no run is active' }).count(),
        0,
        'no "no run is active" while a run was active',
      );
      await screenshot(page, 'cancel-from-title');
    });

    void test('Rerun Latest Run and Refresh Runs have distinct icons side by side', async () => {
      const rerun = titleButton(page, 'Rerun Latest Run');
      const refresh = titleButton(page, 'Refresh Runs');
      await rerun.waitFor();
      await refresh.waitFor();
      const icons = [await codiconOf(rerun), await codiconOf(refresh)];
      assert.notEqual(icons[0], icons[1], `both show ${icons[0]}`);
      // And Rerun Latest Run reruns the latest run (Slow), not the focused row (Pipeline).
      await treeRow(page, 'Pipeline').first().click();
      await rerun.click();
      await waitForTreeIcon(page, 'wait-a', 'sync');
      await titleButton(page, 'Cancel Run').click();
      await page.waitForFunction(
        `document.querySelectorAll('.custom-view-tree-node-item-icon.codicon-sync').length === 0`,
        undefined,
        { polling: 200, timeout: 60_000 },
      );
    });

    void test("the Output view's channel picker shows each step's name first", async () => {
      await runCommand(page, 'Output: Focus on Output View');
      const picker = page.locator('.panel select.monaco-select-box').first();
      await picker.waitFor();
      const labels = await picker.locator('option').allInnerTexts();
      assert.deepEqual(labels.filter((label) => label.includes('Dagger: Pipeline')).sort(), [
        'build · Dagger: Pipeline',
        'lint · Dagger: Pipeline',
        'report · Dagger: Pipeline',
        'test · Dagger: Pipeline',
      ]);
      // The closed picker shows the chosen channel cut to its width: the step still comes first.
      await picker.selectOption({ label: 'report · Dagger: Pipeline' });
      await outputText(page).filter({ hasText: 'report for' }).waitFor();
      await picker.click();
      await screenshot(page, 'output-channel-picker');
      await page.keyboard.press('Escape');
    });
  },
);
