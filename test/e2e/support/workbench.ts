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

/**
 * Open a workspace file through Quick Open (Ctrl+P) and wait until its editor is the active one. The file is typed
 * as an absolute path, which Quick Open looks up on disk: its file search may not list a file written by a test
 * moments ago ("No matching results"). Quick Open first lists recently opened files and filters as it is typed:
 * Enter goes only once the focused row is the file asked for, and the call returns only once that file's tab is
 * the active tab of the active group (a tab of the file may already exist while another editor is in front).
 */
export async function openFile(page: Page, name: string): Promise<void> {
  const base = name.split('/').pop() ?? name;
  // The workbench is opened on `?folder=<workspace>` (see workbenchUrl).
  const folder = new URL(page.url()).searchParams.get('folder');
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(folder ? `${folder}/${name}` : name);
  // The first file search of a session can take longer than 30 s on a busy machine.
  await quickInput(page)
    .locator('.monaco-list-row.focused', { hasText: base })
    .first()
    .waitFor({ state: 'visible', timeout: 90_000 });
  await input.press('Enter');
  const group = page.locator('.editor-group-container.active');
  await group.locator(`.tabs-container .tab.active[data-resource-name="${base}"]`).waitFor();
  await group.locator('.monaco-editor .view-lines').first().waitFor();
}

/** The context menu (or "…" menu) open now. */
export function openMenu(page: Page): Locator {
  return page.locator('.context-view .monaco-menu');
}

/**
 * Pick `label` from the menu open now, and wait until the menu has closed. A menu item listens for mouse-up only
 * some 100 ms after it is drawn (later on a busy machine), so a click that comes too soon is dropped and the menu
 * stays open. The item is hovered until it has the keyboard focus, and Enter runs it, as from the keyboard.
 */
export async function pickMenuItem(page: Page, label: string): Promise<void> {
  const menu = openMenu(page);
  const item = menu
    .locator('.action-item', { has: page.locator('.action-label', { hasText: label }) })
    .first();
  await item.waitFor();
  // The menu marks the item it would run on Enter with the class `focused`.
  const focused = async () => /\bfocused\b/.test((await item.getAttribute('class')) ?? '');
  for (const deadline = Date.now() + 30_000; !(await focused());) {
    if (Date.now() > deadline) throw new Error(`the menu item "${label}" never took the focus`);
    await item.hover();
    await page.waitForTimeout(100);
  }
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
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
