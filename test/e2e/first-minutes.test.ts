// The first minutes in the editor, in code-server through Chromium: the walkthrough from the Welcome page, New
// Workflow, a snippet, a run from the walkthrough; then image pulls you can see, against a registry on
// loopback slowed down by a proxy. Screenshots go to test-artifacts/ (scripts/e2e/update-readme-images.sh
// copies the walkthrough's and the README's).
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { missingE2eTools } from './support/paths.js';
import type { CodeServer } from './support/code-server.js';
import { useWorkbench } from './support/workbench-session.js';
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
import { expectNoProblems, goToLine } from './support/editing.js';
import { runContainers } from './support/docker.js';
import { pushRandomImage, startRegistry, startSlowProxy } from '../docker/loopback-registry.js';
import { freePort, isImagePresent, removeImagesLocally } from '../docker/registry-server.js';
import { IMAGE } from '../docker/run-helpers.js';
import { DEFAULT_TEMPLATE_IMAGE } from '../../core/templates/workflow-templates.js';

const skip = missingE2eTools();

/** Runs pull this much per image at this rate (per connection): about 20 s, time enough to watch. */
const PULLED_BYTES = 40_000_000;
const BYTES_PER_SECOND = 2_000_000;

/**
 * Clicks in the Welcome page: the page schedules a navigation of its own on a click, which playwright would
 * otherwise wait for until it times out.
 */
const WELCOME_CLICK = { noWaitAfter: true } as const;

/** The walkthrough's step `id` (package.json), as the Welcome page renders it. */
function walkthroughStep(page: Page, id: string) {
  return page.locator(`.getting-started-step[data-step-id$="#${id}"]`);
}

/** The text of every line the Output panel shows now (Monaco renders spaces as no-break spaces). */
async function outputLines(page: Page): Promise<string[]> {
  return (await outputText(page).innerText()).replace(/\u00a0/g, ' ').split('\n');
}

void describe(
  'the first minutes: walkthrough, New Workflow, snippets, pulls you can see',
  { skip, timeout: 900_000 },
  () => {
    let server: CodeServer;
    let page: Page;
    let taggedTemplateImage = false;

    before(() => {
      // The templates start from an image on Docker Hub, which machines running the tests cannot reach: the local
      // test image stands in for it (and is untagged again at the end, when this test made the tag).
      if (!isImagePresent(DEFAULT_TEMPLATE_IMAGE)) {
        execFileSync('docker', ['tag', IMAGE, DEFAULT_TEMPLATE_IMAGE]);
        taggedTemplateImage = true;
      }
    });
    const session = useWorkbench('first-minutes');
    before(() => {
      if (skip) return;
      page = session.page;
      server = session.server;
    });

    after(() => {
      if (taggedTemplateImage) execFileSync('docker', ['rmi', DEFAULT_TEMPLATE_IMAGE], { stdio: 'ignore' });
    });

    void test('the walkthrough opens from the Welcome page; its first step creates a workflow through New Workflow', async () => {
      await runCommand(page, 'Help: Welcome');
      await page
        .locator('.getting-started-category', { hasText: 'Get started with Dagger Workflows' })
        .first()
        .click(WELCOME_CLICK);
      const create = walkthroughStep(page, 'createWorkflow');
      await create.locator('.button-container a', { hasText: 'New Workflow' }).click(WELCOME_CLICK);
      const input = quickInput(page).locator('input');
      await quickInput(page).locator('.quick-input-title', { hasText: 'New Workflow (1/2)' }).waitFor();
      // A bad name is refused as it is typed, naming the problem.
      await input.fill('my workflow');
      await quickInput(page)
        .locator('.quick-input-message', { hasText: 'has characters a file name should not' })
        .waitFor();
      await input.fill('hello-ci');
      await input.press('Enter');
      await quickInput(page).locator('.quick-input-title', { hasText: 'New Workflow (2/2)' }).waitFor();
      await input.fill('Build');
      await quickInput(page)
        .locator('.monaco-list-row', { hasText: 'Build → test with outputs' })
        .first()
        .waitFor();
      await input.press('Enter');
      await page.locator('.tabs-container .tab[data-resource-name="hello-ci.dagger.yaml"]').waitFor();
      await page
        .locator('.codelens-decoration a', { hasText: 'Run Workflow' })
        .first()
        .waitFor({ timeout: 60_000 });
      const text = readFileSync(join(server.workspace, 'hello-ci.dagger.yaml'), 'utf8');
      assert.match(text, /^name: hello-ci$/m);
      assert.match(text, /- id: build\n[\s\S]*- id: test\n/);
      await screenshot(page, 'walkthrough-new-workflow');
      // The walkthrough ticks the step off.
      await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
      await create.locator('.codicon-getting-started-step-checked').waitFor();
      await screenshot(page, 'walkthrough');
    });

    void test('the created workflow has no problems', async () => {
      await openFile(page, 'hello-ci.dagger.yaml');
      await expectNoProblems(page);
    });

    void test('New Workflow refuses a file that exists, clearly', async () => {
      await runCommand(page, 'Dagger: New Workflow');
      const input = quickInput(page).locator('input');
      await input.fill('hello-ci');
      await quickInput(page)
        .locator('.quick-input-message', { hasText: 'hello-ci.dagger.yaml already exists in workspace' })
        .waitFor();
      await input.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden' });
    });

    void test('a snippet inserted among the steps yields no problems', async () => {
      await openFile(page, 'hello-ci.dagger.yaml');
      const lines = readFileSync(join(server.workspace, 'hello-ci.dagger.yaml'), 'utf8').split('\n');
      // The blank line between the last step and `outputs:`, indented as a step, where a person would add one.
      const blank = lines.indexOf('outputs:');
      assert.equal(lines[blank - 1], '', 'a blank line before outputs:');
      await goToLine(page, blank);
      await page.keyboard.insertText('  ');
      await runCommand(page, 'Snippets: Insert Snippet');
      await quickInput(page).locator('input').fill('step-after');
      await quickInput(page).locator('.monaco-list-row', { hasText: 'step-after' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.view-lines', { hasText: 'id: next-step' }).first().waitFor();
      await page.keyboard.press('Escape');
      await expectNoProblems(page);
      await screenshot(page, 'snippet-inserted');
      await page.keyboard.press('Control+S');
    });

    void test("the walkthrough's next steps run the workflow and open a step's output", async () => {
      await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
      const step = walkthroughStep(page, 'runWorkflow');
      await step.click(WELCOME_CLICK);
      // The step expands with an animation: a click on its button while it moves can land beside it.
      await page.locator('.getting-started-step.expanded[data-step-id$="#runWorkflow"]').waitFor();
      const button = step.locator('.button-container a', { hasText: 'Run Workflow' });
      // No workflow editor is active (the walkthrough is): Run Workflow asks which one.
      const pick = quickInput(page).filter({
        has: page.locator('.quick-input-title', { hasText: 'Run Workflow' }),
      });
      for (let attempt = 1; ; attempt++) {
        await button.click(WELCOME_CLICK);
        const asked = await pick
          .waitFor({ timeout: 15_000 })
          .then(() => true)
          .catch(() => false);
        if (asked) break;
        // The command never ran (the click was lost): it would have ticked the step off.
        assert.equal(await step.getAttribute('aria-checked'), 'false', 'Run Workflow ran but asked nothing');
        if (attempt === 3) throw new Error('Run Workflow in the walkthrough never asked for a workflow');
      }
      await pick.locator('input').fill('hello-ci');
      await quickInput(page)
        .locator('.monaco-list-row', { hasText: 'hello-ci.dagger.yaml' })
        .first()
        .waitFor();
      await page.keyboard.press('Enter');
      await showRunsView(page);
      for (const step of ['build', 'test', 'next-step']) await waitForTreeIcon(page, step, 'pass');
      await waitForTreeIcon(page, 'hello-ci', 'pass');
      await screenshot(page, 'walkthrough-run');
      await treeRow(page, 'build').first().click();
      await outputText(page).filter({ hasText: 'building version 1.2.3' }).waitFor();
      await screenshot(page, 'walkthrough-step-output');
    });

    void describe('image pulls you can see', () => {
      let workflowFile = '';
      let images: string[] = [];
      let unreachable = '';

      before(async () => {
        const registry = await startRegistry();
        const proxy = await startSlowProxy(registry, BYTES_PER_SECOND);
        images = ['fetch', 'use'].map((name) =>
          pushRandomImage(registry, `dagger-test/e2e-${name}:${process.pid}`, PULLED_BYTES).replace(
            registry.host,
            proxy.host,
          ),
        );
        // A loopback port nobody listens on: a refused connection, as on a machine that reaches no registry.
        // (Written here, early: Quick Open lists a file only once the workbench has noticed it.)
        unreachable = `localhost:${await freePort()}/dagger-test/unreachable:${process.pid}`;
        writeFileSync(
          join(server.workspace, 'down.dagger.yaml'),
          `name: Down\nsteps:\n  - { id: fetch-down, image: "${unreachable}", command: [echo, never] }\n` +
            `  - { id: local, image: "${IMAGE}", command: [echo, local] }\n`,
        );
        const [first, second] = images;
        workflowFile = join(server.workspace, 'pulls.dagger.yaml');
        writeFileSync(
          workflowFile,
          `name: Pulls\nsteps:\n  - { id: fetch, image: "${first}", command: [echo, fetched] }\n` +
            `  - { id: use, image: "${second}", command: [echo, used], depends_on: [fetch] }\n`,
        );
      });

      after(() => {
        removeImagesLocally(images);
      });

      void test("a run shows each step's pull with its progress, and a notification for the run's images", async () => {
        await openFile(page, 'pulls.dagger.yaml');
        await runCommand(page, 'Dagger: Run Workflow');
        await showRunsView(page);
        // Both images are pulled ahead: the second step shows its pull while the first one waits for its own.
        // The progress first, then the image: the side bar cuts long names off.
        for (const step of ['fetch', 'use']) {
          await treeRow(page, step)
            .locator('.label-description', {
              hasText: /^pulling \d+\/\d+ layers · [\d.]+ of [\d.]+ MB · localhost:\d+\/dagger-test\/e2e-/,
            })
            .first()
            .waitFor({ timeout: 60_000 });
          await waitForTreeIcon(page, step, 'cloud-download');
        }
        const toast = page.locator('.notification-toast', { hasText: 'Dagger: pulling images for Pulls' });
        await toast
          .locator('.notification-list-item-message', { hasText: /0 of 2 images · localhost:\d+/ })
          .first()
          .waitFor();
        await toast.locator('.monaco-progress-container').first().waitFor();
        await screenshot(page, 'pull-progress');
        await toast.first().waitFor({ state: 'visible', timeout: 1000 });
        for (const step of ['fetch', 'use']) await waitForTreeIcon(page, step, 'pass', 120_000);
        await toast.first().waitFor({ state: 'hidden' });
      });

      void test('the Runs channel says one line per image pulled and one when the pulls are over', async () => {
        await runCommand(page, 'Dagger: Show Run Summary');
        await runCommand(page, 'View: Toggle Maximized Panel');
        await outputText(page).filter({ hasText: 'images ready: 2 pulled' }).waitFor();
        const lines = await outputLines(page);
        const about = (image: string) => lines.filter((line) => line.includes(image));
        for (const image of images)
          assert.deepEqual(
            about(image).map((line) => line.replace(/.*(pulled \S+) .*/, '$1')),
            [`pulled ${image}`],
            `one line for ${image}: ${about(image).join(' / ')}`,
          );
        assert.equal(lines.filter((line) => line.includes('images ready: 2 pulled')).length, 1);
        assert.ok(!lines.some((line) => /Downloading|Extracting|Pull complete/.test(line)), lines.join('\n'));
        await runCommand(page, 'View: Toggle Maximized Panel');
      });

      void test('a pull from a registry nobody answers fails its step, says why, and the other step runs', async () => {
        await openFile(page, 'down.dagger.yaml');
        await runCommand(page, 'Dagger: Run Workflow');
        await showRunsView(page);
        await waitForTreeIcon(page, 'local', 'pass');
        // The pull is retried (a refused connection may pass) before it fails: a few seconds.
        await waitForTreeIcon(page, 'fetch-down', 'error', 120_000);
        await waitForTreeIcon(page, 'Down', 'error');
        await runCommand(page, 'Dagger: Show Run Summary');
        await runCommand(page, 'View: Toggle Maximized Panel');
        await outputText(page).filter({ hasText: 'image pulls over: 0 pulled, 1 failed' }).waitFor();
        const lines = (await outputLines(page)).filter((line) => line.includes(unreachable));
        await runCommand(page, 'View: Toggle Maximized Panel');
        assert.equal(lines.filter((line) => line.includes('could not pull')).length, 1, lines.join('\n'));
        assert.match(
          lines.join('\n'),
          /could not pull localhost:\d+\/dagger-test\/unreachable:\d+ for fetch-down: /,
        );
      });

      void test("the notification's Cancel cancels the run and stops the pulls", async () => {
        removeImagesLocally(images);
        await openFile(page, 'pulls.dagger.yaml');
        await runCommand(page, 'Dagger: Run Workflow');
        const toast = page
          .locator('.notification-toast', { hasText: 'Dagger: pulling images for Pulls' })
          .first();
        await toast.waitFor({ timeout: 60_000 });
        await toast.hover();
        await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
        await showRunsView(page);
        await waitForTreeIcon(page, 'Pulls', 'stop-circle');
        for (const step of ['fetch', 'use']) await waitForTreeIcon(page, step, 'stop-circle');
        assert.deepEqual(
          runContainers().filter((container) => container.stepId === 'fetch'),
          [],
        );
        assert.ok(
          images.every((image) => !isImagePresent(image)),
          'the pulls stopped before the images arrived',
        );
      });
    });
  },
);
