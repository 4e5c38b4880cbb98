// UI tests: the packaged .vsix installed in code-server, driven through Chromium as a person would.
// Screenshots of each asserted state go to test-artifacts/ (the best are copied to docs/images/).
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { missingE2eTools } from './support/paths.js';
import { screenshot } from './support/browser.js';
import {
  openFile,
  openMenu,
  pickMenuItem,
  openWorkbench,
  outputText,
  quickInput,
  runCommand,
  showRunsView,
  treeRow,
  waitForTreeIcon,
} from './support/workbench.js';
import { runContainers, waitForRunContainers } from './support/docker.js';
import { useWorkbench } from './support/workbench-session.js';
import { must } from '../support/must.js';

const skip = missingE2eTools();

void describe(
  'the extension in a real workbench (code-server + Chromium)',
  { skip, timeout: 600_000 },
  () => {
    const session = useWorkbench('ui');
    let page: Page;
    before(() => (page = session.page));

    void test('a typo in depends_on shows in the Problems panel', async () => {
      await openFile(page, 'typo.dagger.yaml');
      await runCommand(page, 'View: Focus Problems');
      const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown step "biuld"' });
      await problem.first().waitFor({ timeout: 60_000 });
      assert.match(await problem.first().innerText(), /did you mean "build"/);
      await screenshot(page, 'problems-typo');
    });

    void test('the completion widget in depends_on lists the step ids', async () => {
      await openFile(page, 'typo.dagger.yaml');
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await quickInput(page).locator('input').fill(':11:18');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+Shift+ArrowRight');
      await page.keyboard.press('Delete');
      const widget = page.locator('.editor-widget.suggest-widget');
      const labels = widget.locator('.monaco-list-row .label-name');
      // As a person would: ask for suggestions, and ask again if the busy language server answered nothing yet.
      const deadline = Date.now() + 60_000;
      for (;;) {
        await page.keyboard.press('Control+Space');
        const shown = await widget
          .locator('.monaco-list-row', { hasText: 'build' })
          .first()
          .waitFor({ timeout: 5_000 })
          .then(() => true)
          .catch(() => false);
        if (shown) break;
        if (Date.now() > deadline) throw new Error('the completion widget never listed "build"');
        await page.keyboard.press('Escape');
      }
      await widget.locator('.monaco-list-row', { hasText: 'package' }).first().waitFor();
      const texts = await labels.allInnerTexts();
      assert.ok(texts.includes('build') && texts.includes('package'), texts.join(', '));
      assert.ok(!texts.includes('test'), `the step itself is not offered: ${texts.join(', ')}`);
      await screenshot(page, 'completion-depends-on');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Z');
    });

    void test('Run Workflow: the tree shows every step reaching its final state', async () => {
      await openFile(page, 'pipeline.dagger.yaml');
      // The CodeLens above `steps:`.
      await page.locator('.codelens-decoration a', { hasText: 'Run Workflow' }).first().click();
      // The declared inputs: defaults filled in, the secret one in a password box.
      const input = quickInput(page).locator('input');
      await quickInput(page).locator('.quick-input-title', { hasText: 'audience' }).waitFor();
      assert.equal(await input.inputValue(), 'the team');
      await input.fill('the ops team');
      await input.press('Enter');
      await quickInput(page).locator('.quick-input-title', { hasText: 'token' }).waitFor();
      assert.equal(await input.getAttribute('type'), 'password');
      await input.fill('s3cret-value');
      await input.press('Enter');
      await showRunsView(page);
      for (const step of ['build', 'lint', 'test', 'report']) await waitForTreeIcon(page, step, 'pass');
      await waitForTreeIcon(page, 'Pipeline', 'pass');
      await screenshot(page, 'run-tree-succeeded');
    });

    void test("selecting a step opens its output channel with that container's output", async () => {
      await treeRow(page, 'build').first().click();
      const text = outputText(page);
      await text.filter({ hasText: 'building the app' }).waitFor();
      // Monaco renders spaces as no-break spaces.
      const shown = (await text.innerText()).replace(/\u00a0/g, ' ');
      assert.match(shown, /^building the app$/m);
      assert.match(shown, /^\[stderr\] compiler warning$/m, 'stderr lines carry a prefix');
      await screenshot(page, 'step-output');
      // Another step, another channel; the secret input is masked by the runner.
      await treeRow(page, 'report').first().click();
      await text.filter({ hasText: 'report for the ops team' }).waitFor();
      const report = (await text.innerText()).replace(/\u00a0/g, ' ');
      assert.match(report, /report for the ops team, signed with \*\*\*/);
      assert.doesNotMatch(report, /s3cret-value/);
    });

    void test("a step's context menu: Show Logs, Copy Equivalent docker run Command, Rerun Step each do their job", async () => {
      const menu = openMenu(page);
      /** Right-click the step `build` and pick `item` from its context menu. */
      const pick = async (item: string) => {
        await treeRow(page, 'build').first().click({ button: 'right' });
        await pickMenuItem(page, item);
      };
      // Another step's output first, so that Show Logs has something to change.
      await treeRow(page, 'lint').first().click();
      const text = outputText(page);
      await text.filter({ hasText: 'lint ok' }).waitFor();

      await treeRow(page, 'build').first().click({ button: 'right' });
      for (const item of ['Show Logs', 'Rerun Step', 'Copy Equivalent docker run Command']) {
        await menu.locator('.action-label', { hasText: item }).first().waitFor();
      }
      await screenshot(page, 'step-context-menu');
      await page.keyboard.press('Escape');

      await pick('Show Logs');
      await text.filter({ hasText: 'building the app' }).waitFor();

      await pick('Copy Equivalent docker run Command');
      await page
        .locator('.notification-toast', { hasText: 'Copied the docker run command of "build"' })
        .first()
        .waitFor();

      // A new run of that step alone, with the inputs of the run it came from (nothing asked): it becomes the
      // newest run, expanded, with `build` only; the run it came from folds away with its four steps.
      await pick('Rerun Step');
      for (const deadline = Date.now() + 60_000; ;) {
        const runs = await runsShown(page);
        if (runs.filter((run) => run.label === 'Pipeline').length === 2) {
          assert.deepEqual(
            runs[0],
            { label: 'Pipeline', steps: ['build'] },
            'the newest run ran build alone',
          );
          break;
        }
        if (Date.now() > deadline) throw new Error(`no second Pipeline run: ${JSON.stringify(runs)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await waitForTreeIcon(page, 'Pipeline', 'pass');
      await waitForTreeIcon(page, 'build', 'pass');
    });

    void test('the last input values are offered again; secrets are not remembered', async () => {
      await openFile(page, 'pipeline.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      const input = quickInput(page).locator('input');
      await quickInput(page).locator('.quick-input-title', { hasText: 'audience' }).waitFor();
      assert.equal(await input.inputValue(), 'the ops team');
      await input.press('Enter');
      await quickInput(page).locator('.quick-input-title', { hasText: 'token' }).waitFor();
      assert.equal(await input.inputValue(), '');
      await input.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden' });
    });

    void test('a failed run from the editor title button: error and skipped icons, the reason on the id: line', async () => {
      await openFile(page, 'failing.dagger.yaml');
      // The Run button in the editor title.
      await page.locator('.editor-actions .action-item a[aria-label*="Run Workflow"]').first().click();
      await waitForTreeIcon(page, 'broken', 'error');
      await waitForTreeIcon(page, 'after', 'circle-slash');
      await waitForTreeIcon(page, 'prepare', 'pass');
      await runCommand(page, 'View: Focus Problems');
      await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'step "broken" failed in the last run' })
        .first()
        .waitFor();
      await screenshot(page, 'run-failed');
    });

    void test('the status bar counts steps and leads to the tree; Cancel Run mid-run leaves no containers', async () => {
      await openFile(page, 'slow.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      await waitForTreeIcon(page, 'wait-a', 'sync');
      await waitForTreeIcon(page, 'wait-b', 'sync');
      await page
        .locator('.statusbar-item', { hasText: /Slow: \d\/4 steps/ })
        .first()
        .waitFor();
      const running = await waitForRunContainers((c) => c.stepId === 'wait-a' || c.stepId === 'wait-b');
      const runId = must(running[0], 'a container of the run').runId;
      await screenshot(page, 'run-in-progress');
      // The status-bar item leads to the Runs view.
      await page.locator('.part.activitybar .action-item a[aria-label^="Explorer"]').first().click();
      await page
        .locator('.statusbar-item', { hasText: /Slow: \d\/4 steps/ })
        .first()
        .click();
      await page.locator('.part.sidebar .composite.title', { hasText: 'Dagger Workflows' }).waitFor();
      await runCommand(page, 'Dagger: Cancel Run');
      await waitForTreeIcon(page, 'Slow', 'stop-circle');
      await waitForTreeIcon(page, 'wait-a', 'stop-circle');
      assert.deepEqual(
        runContainers().filter((c) => c.runId === runId),
        [],
        'docker ps -a --filter label=dagger-wf.run lists nothing of the run',
      );
      await screenshot(page, 'run-cancelled');
    });

    void test('Export to Argo Workflows, from the command palette and the editor title menu, opens the manifest', async () => {
      const manifestEditor = page.locator('.editor-instance .monaco-editor .view-lines', {
        hasText: 'argoproj.io/v1alpha1',
      });
      await openFile(page, 'pipeline.dagger.yaml');
      await runCommand(page, 'Dagger: Export to Argo Workflows');
      await page.locator('.tabs-container .tab.active[data-resource-name^="Untitled"]').waitFor();
      await manifestEditor.first().waitFor();
      await screenshot(page, 'export-argo');
      await runCommand(page, 'View: Revert and Close Editor');
      // The same command in the "…" menu of a workflow editor's title (the workflow's editor is active again).
      await page.locator('.tabs-container .tab.active[data-resource-name="pipeline.dagger.yaml"]').waitFor();
      await page.locator('.editor-actions .action-item a[aria-label="More Actions..."]').first().click();
      await pickMenuItem(page, 'Export to Argo Workflows');
      await manifestEditor.first().waitFor();
      await runCommand(page, 'View: Revert and Close Editor');
      await page.locator('.tabs-container .tab.active[data-resource-name="pipeline.dagger.yaml"]').waitFor();
    });

    void test('runs are kept across a reload of the window, with their states and logs', async () => {
      // Its own runs, so the test stands alone: a failed one, then a succeeded one.
      await openFile(page, 'failing.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      await showRunsView(page);
      await waitForTreeIcon(page, 'Failing', 'error');
      await openFile(page, 'greeting.dagger.yaml');
      await runCommand(page, 'Dagger: Run Workflow');
      await waitForTreeIcon(page, 'Greeting', 'pass');
      await waitForTreeIcon(page, 'greet', 'pass');

      await openWorkbench(page, page.url());
      await showRunsView(page);
      // After the reload the extension host starts again and activates the extension, which reads the history.
      await waitForTreeIcon(page, 'Greeting', 'pass', 180_000);
      await waitForTreeIcon(page, 'Failing', 'error');
      // A step log comes back from the history folder, of the newest run and of an older (folded) one.
      await treeRow(page, 'greet').first().click();
      await outputText(page).filter({ hasText: 'greeting:' }).waitFor();
      await treeRow(page, 'Failing').first().click();
      await treeRow(page, 'prepare').first().click();
      await outputText(page).filter({ hasText: 'prepared' }).waitFor();
    });
  },
);

/** The runs of the Runs tree, newest first, with the steps shown under each (none while it is folded). */
async function runsShown(page: Page): Promise<{ label: string; steps: string[] }[]> {
  // (A string: this project's TypeScript has no DOM types; it runs in the page.)
  const rows = await page.evaluate<[string | null, string][]>(
    `[...document.querySelectorAll('.part.sidebar .monaco-list-row')].map((row) => [
      row.getAttribute('aria-level'),
      row.querySelector('.custom-view-tree-node-item .label-name')?.textContent ?? '',
    ])`,
  );
  const runs: { label: string; steps: string[] }[] = [];
  for (const [level, label] of rows) {
    if (level === '1') runs.push({ label, steps: [] });
    else runs.at(-1)?.steps.push(label);
  }
  return runs;
}
