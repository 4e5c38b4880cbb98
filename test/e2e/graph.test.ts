// The graph panel in a real workbench: the packaged .vsix in code-server, driven through Chromium. A webview is
// an iframe (in an iframe): graphFrame() finds the graph's page. Screenshots go to test-artifacts/ (the README's
// picture is copied from there by scripts/e2e/update-readme-images.sh).
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { missingE2eTools } from './support/paths.js';
import { useWorkbench } from './support/workbench-session.js';
import { screenshot } from './support/browser.js';
import {
  openFile,
  openMenu,
  openWorkbench,
  outputText,
  pickMenuItem,
  quickInput,
  runCommand,
} from './support/workbench.js';

const skip = missingE2eTools();
const STEPS = ['fetch', 'compile', 'check', 'merge'];

/** The page inside the graph panel's webview. */
function graphFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The editor's cursor as the status bar shows it: `Ln 8, Col 5`. */
async function cursorPosition(page: Page): Promise<string> {
  return page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
}

/** Go to a 1-based line and column of the active editor (Ctrl+G). */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await quickInput(page).locator('input').fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Wait until the status bar shows the cursor on a 1-based line. */
async function waitForLine(page: Page, line: number): Promise<void> {
  await page.waitForFunction(
    `document.querySelector('.statusbar-item[id="status.editor.selection"]')?.innerText.startsWith('Ln ${line},')`,
  );
}

void describe(
  'the workflow graph in a real workbench (code-server + Chromium)',
  { skip, timeout: 600_000 },
  () => {
    let page: Page;
    const session = useWorkbench('graph');
    before(() => {
      if (skip) return;
      page = session.page;
    });

    void test('Show Graph (editor title) opens the graph of the diamond beside the editor', async () => {
      await openFile(page, 'diamond.dagger.yaml');
      await page.locator('.editor-actions .action-item a[aria-label*="Show Graph"]').first().click();
      const graph = graphFrame(page);
      for (const id of STEPS) await graph.locator(`.node[data-id="${id}"]`).waitFor({ timeout: 60_000 });
      assert.equal(await graph.locator('.edge.dependency').count(), 4);
      assert.equal(await graph.locator('.node[data-id="compile"] .label').innerText(), 'Compile');
      // The panel stands beside the editor: both are visible.
      await page.locator('.tabs-container .tab', { hasText: 'Graph: diamond.dagger.yaml' }).waitFor();
      assert.ok(await page.locator('.editor-instance .monaco-editor').first().isVisible());
      // ELK's layout replaces the first paint within moments.
      await graph.locator('#graph[data-layout="elk"]').waitFor({ timeout: 60_000 });
      await screenshot(page, 'graph-diamond');
    });

    void test("clicking a node puts the editor's cursor on that step's `- id:` line", async () => {
      const graph = graphFrame(page);
      await graph.locator('.node[data-id="merge"]').click();
      await waitForLine(page, 22);
      assert.equal(await cursorPosition(page), 'Ln 22, Col 5');
      await graph.locator('.node[data-id="compile"]').click();
      await waitForLine(page, 12);
      // The step under the cursor is marked in the graph.
      await graph.locator('.node.cursor[data-id="compile"]').waitFor();
    });

    void test('running the workflow colours each node by its state, ending with state-succeeded', async () => {
      await runCommand(page, 'Dagger: Run Workflow');
      const graph = graphFrame(page);
      await graph.locator('.node.state-running').first().waitFor({ timeout: 60_000 });
      await screenshot(page, 'graph-running');
      for (const id of STEPS)
        await graph.locator(`.node.state-succeeded[data-id="${id}"]`).waitFor({ timeout: 90_000 });
      assert.match((await graph.locator('.toolbar .run').innerText()) ?? '', /succeeded/);
      await screenshot(page, 'graph');
    });

    void test("a node's context menu shows its output and toggles a breakpoint on it", async () => {
      const graph = graphFrame(page);
      await graph.locator('.node[data-id="fetch"]').click({ button: 'right' });
      const menu = openMenu(page);
      for (const item of ['Go to Step', 'Show Logs', 'Rerun Step', 'Toggle Breakpoint'])
        await menu.locator('.action-label', { hasText: item }).first().waitFor();
      await screenshot(page, 'graph-context-menu');
      await pickMenuItem(page, 'Show Logs');
      await outputText(page).filter({ hasText: 'fetched' }).waitFor();
      await graph.locator('.node[data-id="check"]').click({ button: 'right' });
      await pickMenuItem(page, 'Toggle Breakpoint');
      await graph.locator('.node.has-breakpoint[data-id="check"]').waitFor();
      await graph.locator('.node[data-id="check"]').click({ button: 'right' });
      await pickMenuItem(page, 'Toggle Breakpoint');
      await graph.locator('.node.has-breakpoint').waitFor({ state: 'detached' });
    });

    void test('typing a cycle into the file draws red edges; fixing it takes them away', async () => {
      const graph = graphFrame(page);
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      // After the `command:` line of fetch, make it depend on merge.
      await goTo(page, 10, 200);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await waitForLine(page, 11);
      await page.keyboard.type('depends_on: [merge]', { delay: 20 });
      await page
        .locator('.editor-instance .monaco-editor .view-lines')
        .first()
        .filter({ hasText: 'depends_on: [merge]' })
        .waitFor();
      await graph.locator('.edge.cycle').first().waitFor({ timeout: 60_000 });
      assert.ok((await graph.locator('.edge.cycle').count()) >= 3);
      // The pointer near a cycle edge shows the cycle as the tooltip. The point is measured again on each try:
      // the layout that keeps the YAML order can land after the first drawing of the cycle and move the edges.
      // (A string evaluated in the graph's frame: an expression, so the function is called in it.)
      const cycleTip = graph.locator('.canvas[title^="dependency cycle: "]');
      for (let attempt = 1; !(await cycleTip.count()); attempt++) {
        if (attempt > 10) assert.fail('no cycle edge showed its tooltip under the pointer');
        const position = await graph.locator('.canvas').evaluate<
          { x: number; y: number } | null,
          undefined
        >(`(() => {
          // A point along a cycle edge that no step's box covers (over a box, the box has the pointer).
          const path = document.querySelector('.edge.cycle');
          const canvas = document.querySelector('.canvas').getBoundingClientRect();
          const matrix = path.getScreenCTM();
          for (const fraction of [0.5, 0.35, 0.65, 0.2, 0.8]) {
            const at = path.getPointAtLength(path.getTotalLength() * fraction);
            const x = at.x * matrix.a + matrix.e;
            const y = at.y * matrix.d + matrix.f;
            if (!document.elementFromPoint(x, y)?.closest('.node')) return { x: x - canvas.left, y: y - canvas.top };
          }
          return null;
        })()`);
        if (position) await graph.locator('.canvas').hover({ position, force: true });
        await cycleTip.waitFor({ timeout: 2_000 }).catch(() => undefined);
      }
      await graph.locator('.toolbar .problems.errors').waitFor();
      await screenshot(page, 'graph-cycle');
      await page.keyboard.press('Control+Shift+K');
      await graph.locator('.edge.cycle').first().waitFor({ state: 'detached', timeout: 30_000 });
      assert.equal(await graph.locator('.edge.dependency').count(), 4);
      await page.keyboard.press('Control+S');
    });

    void test('the graph panel comes back after a reload of the window', async () => {
      await openWorkbench(page, page.url());
      const graph = graphFrame(page);
      // A new extension host starts first (slow on a busy machine), then the panel is restored and redrawn.
      for (const id of STEPS) await graph.locator(`.node[data-id="${id}"]`).waitFor({ timeout: 180_000 });
      // The last run's states come back with it.
      await graph.locator('.node.state-succeeded[data-id="merge"]').waitFor({ timeout: 60_000 });
    });
  },
);
