// The graph webview's script in Chromium: its real page (CSP, styles, dist/graph-webview/graph-webview.js) fed
// the messages a graph panel sends, with a stand-in for the panel that records what the script posts back.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { fallbackLayout } from '../../client/graph/layout/fallback-layout.js';
import { fromWire, toWire } from '../../client/graph/layout/layout-wire.js';
import { layoutGraphOf, structuralKey } from '../../client/graph/layout/structural-key.js';
import type { StepRecord } from '../../client/views/run-record.js';
import type { GraphModel } from '../../protocol/graph-messages.js';
import { modelOf, workflowText } from '../unit/client/graph/support/model-of.js';
import { launchChromium } from './support/browser.js';
import { openGraphPage, type GraphPage } from './support/graph-page.js';
import { CHROMIUM, REPO } from './support/paths.js';
import { existsSync } from 'node:fs';

const skip = existsSync(CHROMIUM)
  ? undefined
  : 'chromium is not installed: run scripts/ci/install-code-server.sh';

const DIAMOND = workflowText({ build: [], lint: [], test: ['build'], report: ['test', 'lint'] });

function graphMessage(model: GraphModel) {
  const graph = layoutGraphOf(model);
  return { type: 'graph' as const, model, layout: toWire(fallbackLayout(graph, structuralKey(graph))) };
}

function step(id: string, status: StepRecord['status'], extra: Partial<StepRecord> = {}): StepRecord {
  return { id, status, attempt: 1, maxAttempts: 1, exitCode: null, ...extra };
}

void describe('the graph webview in Chromium', { skip }, () => {
  let browser: Browser;
  let graph: GraphPage;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  async function open(model = modelOf(DIAMOND)): Promise<GraphPage> {
    graph = await openGraphPage(browser);
    await graph.send(graphMessage(model));
    await graph.page.locator('.node').first().waitFor();
    return graph;
  }

  // (Strings: this project's TypeScript has no DOM types; they run in the page.)
  const transforms = () =>
    graph.page.evaluate(
      `[...document.querySelectorAll('.node')].map((node) => [node.dataset.id, node.style.transform])`,
    );
  const style = (selector: string, property: string) =>
    graph.page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`);
  const idsOf = (selector: string) =>
    graph.page.evaluate<string[]>(
      `[...document.querySelectorAll(${JSON.stringify(selector)})].map((node) => node.dataset.id)`,
    );
  const layerTransform = () => graph.page.evaluate(`document.querySelector('.layer').style.transform`);

  void test('draws a node per step with its label and an aria label, and an edge per dependency', async () => {
    await open();
    assert.deepEqual(await idsOf('.node'), ['build', 'lint', 'test', 'report']);
    assert.equal(await graph.page.locator('.node[data-id="test"]').getAttribute('aria-label'), 'step test');
    assert.equal(await graph.page.locator('.edge.dependency').count(), 3);
    assert.match((await graph.page.locator('.canvas').getAttribute('aria-label')) ?? '', /4 steps/);
    assert.deepEqual(await graph.violations(), [], 'the page runs under its CSP without a violation');
  });

  void test('a batch of state changes sets classes, icons and facts, and moves nothing', async () => {
    await open();
    const placed = await transforms();
    await graph.send({
      type: 'run',
      run: { runId: 'r1', status: 'running', startedAt: new Date().toISOString() },
      steps: [],
    });
    const started = new Date(Date.now() - 2500).toISOString();
    await graph.send({
      type: 'steps',
      runId: 'r1',
      steps: [
        step('build', 'succeeded', { startedAt: started, finishedAt: new Date().toISOString(), exitCode: 0 }),
        step('lint', 'failed', { attempt: 2, maxAttempts: 2, exitCode: 3 }),
        step('test', 'running', { startedAt: started }),
      ],
    });
    const node = (id: string) => graph.page.locator(`.node[data-id="${id}"]`);
    assert.match((await node('build').getAttribute('class')) ?? '', /\bstate-succeeded\b/);
    assert.match((await node('lint').getAttribute('class')) ?? '', /\bstate-failed\b/);
    assert.match((await node('report').getAttribute('class')) ?? '', /\bstate-none\b/);
    assert.match(
      (await node('test').locator('.icon').getAttribute('class')) ?? '',
      /codicon-sync codicon-modifier-spin/,
    );
    assert.match(await node('lint').locator('.meta').innerText(), /lint · attempt 2\/2 · exit 3/);
    assert.match(
      (await node('lint').getAttribute('aria-label')) ?? '',
      /^step lint, failed, attempt 2\/2, exit 3$/,
    );
    assert.match(await node('test').locator('.meta').innerText(), /test · \d\.\ds/);
    const colour = await style('.node[data-id="build"]', 'borderLeftColor');
    assert.equal(colour, 'rgb(115, 201, 145)', "the theme's testing.iconPassed colour");
    assert.deepEqual(await transforms(), placed, 'no node moved');
    // A batch of another run (an old one still reporting) is ignored.
    await graph.send({ type: 'steps', runId: 'r0', steps: [step('build', 'failed')] });
    assert.match((await node('build').getAttribute('class')) ?? '', /\bstate-succeeded\b/);
  });

  /** Start recording every change under `selector`; the returned function stops and says how many there were. */
  const watchMutations = async (selector: string) => {
    await graph.page.evaluate(`(() => {
      window.__mutations = [];
      window.__observer = new MutationObserver((records) => window.__mutations.push(...records.map((r) => r.type + ' ' + (r.attributeName ?? ''))));
      window.__observer.observe(document.querySelector(${JSON.stringify(selector)}), { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    return () =>
      graph.page.evaluate<string[]>(
        `(() => { window.__mutations.push(...window.__observer.takeRecords().map((r) => r.type + ' ' + (r.attributeName ?? ''))); window.__observer.disconnect(); return window.__mutations; })()`,
      );
  };

  void test('a batch applies every change; a batch or mark that changes nothing leaves the DOM alone', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);
    await open(modelOf(workflowText(Object.fromEntries(ids.map((id, i) => [id, i ? [`s${i - 1}`] : []])))));
    await graph.send({
      type: 'run',
      run: { runId: 'r1', status: 'running', startedAt: new Date().toISOString() },
      steps: [],
    });
    const now = new Date().toISOString();
    const statuses = ['succeeded', 'failed', 'skipped', 'cancelled'] as const;
    const batch = ids.map((id, i) =>
      step(id, statuses[i % 4] ?? 'failed', { startedAt: now, finishedAt: now, exitCode: i % 2 ? 2 : 0 }),
    );
    await graph.send({ type: 'steps', runId: 'r1', steps: batch });
    // A 40-step chain opens zoomed far out, where boxes are made without text and icon. Zoomed in, the boxes that
    // come on screen get them, showing the batch that came while they were not there; the others stay empty.
    assert.equal(await graph.page.locator('#graph.far').count(), 1);
    assert.equal(await graph.page.locator('.node .meta').count(), 0, 'no text parts while zoomed far out');
    await graph.page.locator('.canvas').focus();
    while ((await graph.page.locator('#graph.far').count()) > 0) await graph.page.keyboard.press('+');
    await graph.page.keyboard.press('Home');
    const shown = await graph.page.evaluate<[string, string, string, string | null][]>(
      `[...document.querySelectorAll('.node')].map((node) => [node.dataset.id, node.className, node.getAttribute('aria-label'), node.querySelector('.meta')?.textContent ?? null])`,
    );
    assert.equal(shown.length, ids.length);
    const facts = (i: number) => (i % 2 ? '0.0s · exit 2' : '0.0s');
    for (const [i, [id, className, label, meta]] of shown.entries()) {
      assert.equal(id, `s${i}`);
      assert.match(className, new RegExp(`\\bstate-${statuses[i % 4]}\\b`), id);
      assert.equal(label, `step ${id}, ${statuses[i % 4]}, ${facts(i).replace(' · ', ', ')}`);
      if (meta !== null) assert.equal(meta, `${id} · ${facts(i)}`);
    }
    const made = shown.filter(([, , , meta]) => meta !== null).map(([id]) => id);
    assert.ok(
      made.includes('s0') && !made.includes('s39'),
      `parts made near the screen only: ${made.join(' ')}`,
    );
    await graph.page.keyboard.press('End');
    assert.equal(await graph.page.locator('.node[data-id="s39"] .meta').textContent(), `s39 · ${facts(39)}`);
    assert.match(
      (await graph.page.locator('.node[data-id="s1"] .icon').getAttribute('class')) ?? '',
      /codicon-error/,
      "a box's icon made after the batch shows its state",
    );
    await graph.send({ type: 'cursor', id: 's3' });
    const mutations = await watchMutations('.nodes');
    await graph.send({ type: 'steps', runId: 'r1', steps: batch });
    await graph.send({ type: 'cursor', id: 's3' });
    await graph.send({ type: 'breakpoints', ids: [] });
    assert.deepEqual(await mutations(), [], 'nothing written');
    // And a real change writes only what changed.
    const changed = await watchMutations('.nodes');
    await graph.send({
      type: 'steps',
      runId: 'r1',
      steps: [step('s0', 'failed', { startedAt: now, finishedAt: now, exitCode: 2 })],
    });
    assert.deepEqual((await changed()).sort(), [
      'attributes aria-label',
      'attributes class',
      'attributes class',
      'characterData ',
    ]);
  });

  void test('the same model and layout again rewrite neither boxes nor edges', async () => {
    const model = modelOf(DIAMOND);
    await open(model);
    const mutations = await watchMutations('.layer');
    await graph.send(graphMessage(model));
    assert.deepEqual(await mutations(), []);
  });

  void test("a click asks for the step's line; keys move along edges and act on the focused step", async () => {
    await open();
    await graph.page.locator('.node[data-id="test"]').click();
    await graph.page.locator('.canvas').focus();
    await graph.page.keyboard.press('ArrowRight');
    await graph.page.keyboard.press('Enter');
    await graph.page.keyboard.press('ArrowLeft');
    await graph.page.keyboard.press('ArrowLeft');
    await graph.page.keyboard.press('b');
    await graph.page.keyboard.press('l');
    await graph.page.keyboard.press('r');
    const actions = (await graph.received()).filter((m) => m.type === 'action');
    assert.deepEqual(actions, [
      { type: 'action', action: 'open', id: 'test' },
      { type: 'action', action: 'open', id: 'report' },
      { type: 'action', action: 'breakpoint', id: 'build' },
      { type: 'action', action: 'logs', id: 'build' },
      { type: 'action', action: 'rerun', id: 'build' },
    ]);
    assert.equal(await graph.page.evaluate('document.activeElement?.dataset.id'), 'build');
    // VS Code reads the context from the node when its context menu opens (its listener is on the window).
    const context = JSON.parse(
      await graph.page.evaluate<string>(`new Promise((resolve) => {
        window.addEventListener('contextmenu', (event) => { event.preventDefault(); resolve(event.target.closest('.node').dataset.vscodeContext ?? '{}'); }, { once: true });
        document.querySelector('.node[data-id="build"] .label').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
      })`),
    ) as Record<string, unknown>;
    assert.deepEqual(context, {
      webviewSection: 'step',
      file: 'file:///work/wf.dagger.yaml',
      stepId: 'build',
      preventDefaultContextMenuItems: true,
    });
  });

  void test('hovering a step lights it, its ancestors and its descendants', async () => {
    await open();
    await graph.page.locator('.node[data-id="test"]').hover();
    const related = await idsOf('.node.related');
    assert.deepEqual(related, ['build', 'test', 'report']);
    assert.equal(await graph.page.locator('.edge.related').count(), 2);
    assert.equal(await graph.page.locator('#graph.highlighting').count(), 1);
  });

  /** Where the middle of the drawn path of edge `from → to` is on the page. */
  const edgeMiddle = (from: string, to: string) =>
    graph.page.evaluate<[number, number]>(`(() => {
      const path = document.querySelector('.edge[data-from="${from}"][data-to="${to}"]');
      const at = path.getPointAtLength(path.getTotalLength() / 2);
      const matrix = path.getScreenCTM();
      return [at.x * matrix.a + matrix.e, at.y * matrix.d + matrix.f];
    })()`);
  const canvasTitle = () => graph.page.locator('.canvas').getAttribute('title');

  void test('cycle edges and edges from a missing id are red, with the cycle path as their tooltip', async () => {
    await open(modelOf(workflowText({ a: ['c'], b: ['a'], c: ['b'], d: ['typo'] })));
    assert.equal(await graph.page.locator('.edge.cycle').count(), 3);
    // Near the edge a → b (b depends on a), a few pixels off the line: its tooltip, and it is marked.
    const [x, y] = await edgeMiddle('a', 'b');
    await graph.page.mouse.move(x + 1, y + 3);
    await graph.page.waitForFunction(`document.querySelector('.canvas').title !== ''`);
    // a depends on c, c on b, b on a: the path reads as depends_on is written, and says so.
    assert.equal(await canvasTitle(), 'dependency cycle: a → c → b → a (each step depends on the next)');
    assert.equal(await graph.page.locator('.edge.hovered').getAttribute('data-to'), 'b');
    assert.equal(await graph.page.locator('.edge.missing').count(), 1);
    const [mx, my] = await edgeMiddle('typo', 'd');
    await graph.page.mouse.move(mx, my);
    await graph.page.waitForFunction(`document.querySelector('.canvas').title.includes('typo')`);
    assert.equal(await canvasTitle(), '"d" depends on "typo", which no step has as its id');
    assert.equal(await graph.page.locator('.node.missing[data-id="typo"] .label').innerText(), '? typo');
    const stroke = await style('.edge.cycle', 'stroke');
    assert.equal(stroke, 'rgb(248, 81, 73)', "the theme's error colour");
    // Away from every edge, no tooltip and no edge marked.
    await graph.page.mouse.move(5, 600);
    await graph.page.waitForFunction(`document.querySelector('.canvas').title === ''`);
    assert.equal(await graph.page.locator('.edge.hovered').count(), 0);
  });

  void test('a better layout for the same structure moves the nodes; one for another structure is ignored', async () => {
    const model = modelOf(DIAMOND);
    await open(model);
    const before = await transforms();
    const layout = fromWire(graphMessage(model).layout);
    const moved = {
      ...layout,
      engine: 'elk' as const,
      nodes: Object.fromEntries(
        Object.entries(layout.nodes).map(([id, at]) => [id, { x: at.x + 10, y: at.y }]),
      ),
    };
    await graph.send({ type: 'layout', layout: toWire({ ...moved, key: 'another structure' }) });
    assert.deepEqual(await transforms(), before);
    await graph.send({ type: 'layout', layout: toWire(moved) });
    assert.notDeepEqual(await transforms(), before);
    assert.equal(await graph.page.locator('#graph').getAttribute('data-layout'), 'elk');
  });

  void test('paused step, breakpoints and the cursor are marked', async () => {
    await open();
    await graph.send({ type: 'paused', id: 'test' });
    await graph.send({ type: 'breakpoints', ids: ['report'] });
    await graph.send({ type: 'cursor', id: 'lint' });
    assert.match(
      (await graph.page.locator('.node[data-id="test"]').getAttribute('class')) ?? '',
      /\bpaused\b/,
    );
    assert.match(
      (await graph.page.locator('.node[data-id="test"]').getAttribute('aria-label')) ?? '',
      /paused in the debugger/,
    );
    assert.ok(await graph.page.locator('.node[data-id="report"] .marker').isVisible());
    assert.match(
      (await graph.page.locator('.node[data-id="lint"]').getAttribute('class')) ?? '',
      /\bcursor\b/,
    );
    await graph.send({ type: 'paused' });
    assert.doesNotMatch(
      (await graph.page.locator('.node[data-id="test"]').getAttribute('class')) ?? '',
      /\bpaused\b/,
    );
  });

  void test('pan, zoom and fit change only the view; the viewport is kept in the webview state', async () => {
    await open();
    const fitted = await layerTransform();
    await graph.page.locator('.toolbar button[aria-label^="Zoom in"]').click();
    const zoomed = await layerTransform();
    assert.notEqual(zoomed, fitted);
    await graph.page.mouse.move(50, 300);
    await graph.page.mouse.down();
    await graph.page.mouse.move(120, 340, { steps: 4 });
    await graph.page.mouse.up();
    assert.notEqual(await layerTransform(), zoomed);
    await graph.page.locator('.toolbar button[aria-label^="Fit"]').click();
    assert.equal(await layerTransform(), fitted);
    const state = await graph.page.evaluate<{ viewport?: unknown } | undefined>(
      'acquireVsCodeApi().getState()',
    );
    assert.ok(state?.viewport, 'the viewport survives a reload of the webview');
  });

  void test('zoomed far out, boxes are filled with their state colour instead of text and icon; zooming back in shows them', async () => {
    await open();
    await graph.send({
      type: 'run',
      run: { runId: 'r1', status: 'running', startedAt: new Date().toISOString() },
      steps: [step('build', 'failed', { exitCode: 1 }), step('test', 'running')],
    });
    const label = graph.page.locator('.node[data-id="build"] .label');
    const icon = graph.page.locator('.node[data-id="build"] .icon');
    assert.ok(await label.isVisible());
    assert.ok(await icon.isVisible());
    await graph.page.locator('.canvas').focus();
    for (let i = 0; i < 8; i++) await graph.page.keyboard.press('-');
    assert.equal(await graph.page.locator('#graph.far').count(), 1);
    assert.ok(await label.isHidden());
    assert.ok(await icon.isHidden(), 'no icon a few pixels high');
    assert.equal(
      await style('.node[data-id="build"]', 'backgroundColor'),
      'rgb(241, 76, 76)',
      "the box is filled with the failed state's theme colour",
    );
    assert.equal(
      await style('.node[data-id="test"]', 'backgroundColor'),
      'rgb(14, 112, 192)',
      "a running box takes the progress bar's theme colour",
    );
    assert.equal(
      await style('.node[data-id="report"]', 'backgroundColor'),
      'rgb(32, 32, 32)',
      'a box without a state keeps the widget background',
    );
    assert.match(
      (await graph.page.locator('.node[data-id="build"]').getAttribute('aria-label')) ?? '',
      /failed/,
    );
    for (let i = 0; i < 8; i++) await graph.page.keyboard.press('+');
    assert.equal(await graph.page.locator('#graph.far').count(), 0);
    assert.ok(await label.isVisible());
    assert.ok(await icon.isVisible());
    assert.equal(await style('.node[data-id="build"]', 'backgroundColor'), 'rgb(32, 32, 32)');
  });

  void test('a running icon turns only while its box is on screen and near enough to see', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);
    await open(modelOf(workflowText(Object.fromEntries(ids.map((id, i) => [id, i ? [`s${i - 1}`] : []])))));
    const started = new Date().toISOString();
    await graph.send({
      type: 'run',
      run: { runId: 'r1', status: 'running', startedAt: started },
      steps: ids.map((id) => step(id, 'running', { startedAt: started })),
    });
    const turning = () =>
      graph.page.evaluate<string[]>(
        `[...document.querySelectorAll('.node .icon')].filter((icon) => getComputedStyle(icon).animationName === 'codicon-spin').map((icon) => icon.parentElement.dataset.id)`,
      );
    assert.equal(await graph.page.locator('#graph.far').count(), 1, 'a 40-step chain opens zoomed far out');
    assert.deepEqual(await turning(), [], 'no icon turns while boxes are too small to show one');
    await graph.page.locator('.canvas').focus();
    while ((await graph.page.locator('#graph.far').count()) > 0) await graph.page.keyboard.press('+');
    const near = await turning();
    assert.ok(
      near.length > 0 && near.length < ids.length,
      `only the boxes on screen turn: ${near.join(' ')}`,
    );
    assert.ok(!near.includes('s0'), 'the first step is off screen, at the left');
    assert.deepEqual(
      await idsOf('.node.spinning'),
      near,
      'the turning icons are those of the boxes marked spinning',
    );
    await graph.page.keyboard.press('Home');
    assert.ok((await turning()).includes('s0'), 'moving to the first step brings it on screen, turning');
    await graph.send({
      type: 'steps',
      runId: 'r1',
      steps: [step('s0', 'succeeded', { startedAt: started })],
    });
    assert.ok(!(await turning()).includes('s0'), 'a finished step stops turning');
  });

  void test('Export as SVG posts a standalone SVG of the graph', async () => {
    await open();
    await graph.page.locator('.toolbar button[aria-label="Export as SVG"]').click();
    const exported = (await graph.received()).find((m) => m.type === 'exportSvg');
    assert.ok(exported?.type === 'exportSvg');
    assert.match(exported.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const id of ['build', 'lint', 'test', 'report']) assert.ok(exported.svg.includes(`>${id}<`), id);
    assert.equal((exported.svg.match(/<path /g) ?? []).length, 3);
  });

  void test("the webview's own script stays under 150 KB", () => {
    const size = statSync(join(REPO, 'dist', 'graph-webview', 'graph-webview.js')).size;
    assert.ok(size < 150 * 1024, `${size} bytes`);
  });
});
