import type { Page } from 'playwright-core';
import { quickInput, runCommand } from './workbench.js';

/** Put the cursor at the start of `line` (1-based) of the active editor, through Go to Line (Ctrl+G). */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await quickInput(page).locator('input').fill(`:${line}:1`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** The Problems panel's rows holding `text`. */
function problemRows(page: Page, text: string) {
  return page.locator('.markers-panel .monaco-list-row', { hasText: text });
}

/**
 * Show that the language server finds nothing wrong with the active editor's document as it is now. Waiting
 * for an empty Problems panel alone proves nothing (the server may not have answered yet), so: add a first line
 * the server must flag, wait for exactly that problem (it has read this version), delete the line again, and
 * wait for none.
 */
export async function expectNoProblems(page: Page): Promise<void> {
  await runCommand(page, 'View: Focus Problems');
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  // At the very top nothing is indented automatically, and the line is removed as it was added.
  await page.keyboard.press('Control+Home');
  await page.keyboard.insertText('not_a_workflow_key: 1\n');
  const flagged = problemRows(page, 'not_a_workflow_key');
  await flagged.first().waitFor({ timeout: 60_000 });
  const messages = await page
    .locator(
      '.markers-panel .monaco-list-row .marker-message-details, .markers-panel .monaco-list-row .marker-message',
    )
    .allInnerTexts();
  const others = messages.filter((text) => text.trim() && !text.includes('not_a_workflow_key'));
  if (others.length > 0) throw new Error(`problems besides the one added: ${others.join(' | ')}`);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  await flagged.first().waitFor({ state: 'detached', timeout: 60_000 });
  await page.locator('.markers-panel', { hasText: 'No problems have been detected' }).first().waitFor();
}
