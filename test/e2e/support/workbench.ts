import type { Locator, Page } from 'playwright-core';

/** Open the workbench and wait until it is interactive (explorer rendered). */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  // A busy machine (shared CI) can take far longer than playwright's default 30 s to load the workbench.
  await page.goto(url, { timeout: 180_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
}

/** The quick input widget (command palette, quick open, input boxes). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Run a command from the command palette (F1), as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = quickInput(page).locator('.monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await input.press('Enter');
  // The palette closes, or turns into the command's own input (an input box for the run's inputs).
  // (A string: this project's TypeScript has no DOM types; it runs in the page.)
  const typed = JSON.stringify(`>${title}`);
  await page.waitForFunction(
    `(() => {
      const widget = document.querySelector('.quick-input-widget');
      return !widget || widget.style.display === 'none' || widget.querySelector('input')?.value !== ${typed};
    })()`,
    undefined,
    { polling: 100 },
  );
}

/** Open a workspace file through Quick Open (Ctrl+P) and wait for its editor tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  const base = name.slice(name.lastIndexOf('/') + 1);
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // The first file search of a session can take longer than 30 s on a busy machine.
  await quickInput(page)
    .locator('.monaco-list-row', { hasText: base })
    .first()
    .waitFor({ state: 'visible', timeout: 90_000 });
  await input.press('Enter');
  await page.locator(`.tabs-container .tab[data-resource-name="${base}"]`).waitFor();
  // A visible editor: with a walkthrough or a graph open beside, the first editor on the page may be a hidden one.
  await page.locator('.editor-instance .monaco-editor .view-lines:visible').first().waitFor();
}

/** Show the Runs view by clicking its activity-bar icon, unless the side bar shows it already. */
export async function showRunsView(page: Page): Promise<void> {
  const title = page.locator('.part.sidebar .composite.title', { hasText: 'Dagger Workflows' });
  const item = page
    .locator('.part.activitybar .action-item')
    .filter({ has: page.locator('a[aria-label^="Dagger Workflows"]') })
    .first();
  // Clicking the icon of the side bar already shown hides it, and after a reload the workbench may still be
  // restoring it: click only while the icon is not the selected one.
  for (const deadline = Date.now() + 60_000; !(await title.isVisible());) {
    const selected =
      /\bchecked\b/.test((await item.getAttribute('class')) ?? '') ||
      (await item.getAttribute('aria-selected')) === 'true';
    // A workbench that has just loaded can take long to answer a click on a loaded machine.
    if (!selected) await item.locator('a').click({ timeout: 90_000 });
    if (Date.now() > deadline) throw new Error('the Dagger Workflows view never showed');
    await title.waitFor({ timeout: 2_000 }).catch(() => undefined);
  }
}

/** The rows of the Runs tree whose label is `label`. */
export function treeRow(page: Page, label: string): Locator {
  return page.locator('.monaco-list-row').filter({
    has: page.locator('.custom-view-tree-node-item .label-name', {
      hasText: new RegExp(`^${escape(label)}$`),
    }),
  });
}

/** Wait until the row `label` of the Runs tree shows the codicon `icon` (e.g. `pass`, `error`, `sync`). */
export async function waitForTreeIcon(
  page: Page,
  label: string,
  icon: string,
  timeout = 60_000,
): Promise<void> {
  await treeRow(page, label)
    .locator(`.custom-view-tree-node-item-icon.codicon-${icon}`)
    .first()
    .waitFor({ timeout });
}

/** The text the visible Output panel shows. */
export function outputText(page: Page): Locator {
  return page.locator('.output-view, .panel .output').locator('.view-lines').first();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
