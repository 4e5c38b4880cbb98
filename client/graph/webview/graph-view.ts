import type { GraphEdge, GraphModel } from '../../../protocol/graph-messages.js';
import type { StepRecord } from '../../views/run-record.js';
import { fromWire } from '../layout/layout-wire.js';
import { NODE_HEIGHT, NODE_WIDTH, type GraphLayout } from '../layout/layout-types.js';
import type { HostMessage, NodeAction, ShownRun, StateIcons } from '../webview-messages.js';
import { EdgeLayer, edgeTitle } from './edge-paths.js';
import { exportSvg } from './export-svg.js';
import { GraphIndex } from './graph-index.js';
import { nextNode } from './keyboard-moves.js';
import { NodeBox } from './node-elements.js';
import { PanZoom, type Area } from './pan-zoom.js';
import { createToolbar, type Toolbar } from './toolbar.js';
import type { VsCodeApi } from './vscode-api.js';

const ACTION_KEYS: Record<string, NodeAction> = {
  Enter: 'open',
  ' ': 'open',
  l: 'logs',
  r: 'rerun',
  b: 'breakpoint',
};

/** How near (in screen pixels) the pointer must be to an edge for its tooltip. */
const EDGE_HOVER_PIXELS = 6;

/** Below this zoom a box's 13px text is under 4.5 screen pixels high, and is not drawn. */
const FAR_SCALE = 0.35;

/** The drawn graph of one workflow: applies the host's messages to the DOM and turns input into requests. */
export class GraphView {
  private model: GraphModel | undefined;
  private layout: GraphLayout | undefined;
  private index = new GraphIndex([]);
  private readonly nodes = new Map<string, NodeBox>();
  private readonly states = new Map<string, StepRecord>();
  private run: ShownRun | undefined;
  private paused: string | undefined;
  private breakpoints = new Set<string>();
  private cursor: string | undefined;
  private focused: string | undefined;
  private readonly file: string;
  private readonly icons: StateIcons;
  private readonly canvas = document.createElement('div');
  private readonly layer = document.createElement('div');
  private readonly nodeLayer = document.createElement('div');
  private readonly edges = new EdgeLayer();
  private readonly toolbar: Toolbar;
  private readonly panZoom: PanZoom;
  private fitted: boolean;
  private far = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {
    this.file = root.dataset.file ?? '';
    this.icons = JSON.parse(root.dataset.icons ?? '{}') as StateIcons;
    this.toolbar = createToolbar({
      zoomIn: () => this.panZoom.zoom(1.25),
      zoomOut: () => this.panZoom.zoom(0.8),
      fit: () => this.fit(),
      exportSvg: () => this.exportSvg(),
      showProblems: () => api.postMessage({ type: 'showProblems' }),
    });
    this.canvas.className = 'canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'group');
    this.layer.className = 'layer';
    this.nodeLayer.className = 'nodes';
    this.layer.append(this.edges.svg, this.nodeLayer);
    this.canvas.append(this.layer);
    root.append(this.toolbar.element, this.canvas);
    const saved = api.getState();
    this.panZoom = new PanZoom(this.canvas, this.layer, (viewport) => {
      api.setState({ file: this.file, viewport });
      // Zoomed out so far that a box's text would be a few pixels high, boxes show only their state's colour:
      // laying out and painting 1,000 unreadable lines was a third of a large graph's first paint.
      this.far = viewport.scale < FAR_SCALE;
      root.classList.toggle('far', this.far);
      this.refreshOnScreen();
    });
    this.fitted = saved?.viewport !== undefined;
    if (saved?.viewport) this.panZoom.set(saved.viewport);
    // The file is in the state from the start, so VS Code can bring the panel back after a reload.
    else api.setState({ file: this.file });
    this.listen();
    setInterval(() => this.tick(), 1000);
  }

  receive(message: HostMessage): void {
    switch (message.type) {
      case 'graph':
        return this.showGraph(message.model, fromWire(message.layout));
      case 'layout':
        if (message.layout.key === this.layout?.key) this.place(fromWire(message.layout));
        return;
      case 'run':
        this.run = message.run;
        this.states.clear();
        for (const step of message.steps) this.states.set(step.id, step);
        this.toolbar.showRun(message.run);
        return this.refreshMarks();
      case 'steps':
        return this.applySteps(message.runId, message.steps);
      case 'paused':
        return this.mark('paused', message.id);
      case 'cursor':
        return this.mark('cursor', message.id);
      case 'breakpoints': {
        const changed = new Set([...this.breakpoints, ...message.ids]);
        this.breakpoints = new Set(message.ids);
        for (const id of changed) this.refreshMarks(id);
        return;
      }
      case 'command':
        if (message.command === 'fit') this.fit();
        else this.exportSvg();
        return;
      case 'notice':
        return this.toolbar.showNotice(message.text);
    }
  }

  /** Apply one batch of step state changes: classes and texts of those nodes only, never a relayout. */
  applySteps(runId: string, steps: readonly StepRecord[]): void {
    if (runId !== this.run?.runId) return;
    const now = Date.now();
    for (const step of steps) {
      this.states.set(step.id, step);
      this.refreshMarks(step.id, now);
    }
  }

  private showGraph(model: GraphModel, layout: GraphLayout): void {
    this.model = model;
    this.index = new GraphIndex(model.edges);
    // Fitted first, so the new boxes' parts are made only where the first view shows them.
    if (!this.fitted) {
      this.fitted = true;
      this.panZoom.fit(layout.width, layout.height);
    }
    const seen = new Set<string>();
    for (const node of model.nodes) {
      seen.add(node.id);
      const box = this.nodes.get(node.id);
      if (box) box.showModel(node);
      else this.nodes.set(node.id, new NodeBox(node, this.file));
    }
    for (const [id, box] of this.nodes) {
      if (seen.has(id)) continue;
      box.element.remove();
      this.nodes.delete(id);
    }
    // Keep YAML order in the DOM, so Tab and screen readers go through the steps as the file does. Boxes already
    // in that order stay where they are: moving one restyles it.
    const ordered = model.nodes.flatMap((node) => this.nodes.get(node.id)?.element ?? []);
    const children = this.nodeLayer.children;
    if (ordered.length !== children.length || ordered.some((element, i) => children[i] !== element))
      this.nodeLayer.append(...ordered);
    this.canvas.setAttribute(
      'aria-label',
      `Graph of ${model.name ?? 'the workflow'}: ${model.nodes.length} steps`,
    );
    this.toolbar.showModel(model);
    this.place(layout);
    this.refreshMarks();
  }

  /** Put every node and edge where `layout` says; moves glide once the first layout is on screen. */
  private place(layout: GraphLayout): void {
    const model = this.model;
    if (!model) return;
    const first = this.layout === undefined;
    this.layout = layout;
    for (const box of this.nodes.values()) box.place(layout.nodes[box.node.id]);
    this.edges.draw(model.edges, layout.edges, layout.width, layout.height);
    this.root.dataset.layout = layout.engine;
    // Boxes glide to a new layout, never to the first one (adding the class with the moves is enough: a transition
    // takes the transition properties of the style the move ends in).
    this.root.classList.toggle('animate', !first);
    if (!this.focused || !this.nodes.has(this.focused)) this.focus(model.nodes[0]?.id, false);
    this.refreshOnScreen();
  }

  private refreshMarks(only?: string, now = Date.now()): void {
    const ids = only === undefined ? [...this.nodes.keys()] : [only];
    const area = this.readableArea();
    for (const id of ids) {
      const state = this.states.get(id);
      this.nodes.get(id)?.showMarks(
        {
          state,
          paused: this.paused === id,
          breakpoint: this.breakpoints.has(id),
          cursor: this.cursor === id,
          spinning: state?.status === 'running' && this.shows(area, id),
        },
        this.icons,
        now,
      );
    }
  }

  /**
   * What only boxes on screen (and near enough to read) need. Their parts (text and icon) are made when they first
   * come near the screen: a batch of state changes then rewrites the text and icons of the boxes seen, not of all
   * 500. Running icons turn only on screen: each turning icon is a layer Chromium composites every frame, and
   * starting 500 of them took a batch 60 ms. Runs whenever the view or the layout moves.
   */
  private refreshOnScreen(): void {
    const area = this.readableArea();
    if (area) {
      // Half a screen around it, so panning rarely shows a box still making its parts.
      const width = area.right - area.left;
      const height = area.bottom - area.top;
      const near = {
        left: area.left - width / 2,
        right: area.right + width / 2,
        top: area.top - height / 2,
        bottom: area.bottom + height / 2,
      };
      for (const [id, box] of this.nodes) if (this.shows(near, id)) box.showParts();
    }
    for (const [id, state] of this.states)
      if (state.status === 'running') this.nodes.get(id)?.spin(this.shows(area, id));
  }

  /** The visible part of the drawing while boxes are near enough to read; none when zoomed too far out. */
  private readableArea(): Area | undefined {
    return this.far || !this.layout ? undefined : this.panZoom.visibleArea();
  }

  private shows(area: Area | undefined, id: string): boolean {
    const at = this.layout?.nodes[id];
    if (!area || !at) return false;
    return (
      at.x < area.right &&
      at.x + NODE_WIDTH > area.left &&
      at.y < area.bottom &&
      at.y + NODE_HEIGHT > area.top
    );
  }

  private mark(kind: 'paused' | 'cursor', id: string | undefined): void {
    const previous = this[kind];
    this[kind] = id;
    if (previous) this.refreshMarks(previous);
    if (id) this.refreshMarks(id);
    if (kind === 'paused' && id) this.revealNode(id);
  }

  /** Durations of running steps count up. */
  private tick(): void {
    for (const [id, state] of this.states) if (state.status === 'running') this.refreshMarks(id);
  }

  private fit(): void {
    if (this.layout) this.panZoom.fit(this.layout.width, this.layout.height);
  }

  /** The SVG has the near look (text, icons, the widget's background) at any zoom. */
  private exportSvg(): void {
    if (!this.model || !this.layout) return;
    for (const box of this.nodes.values()) box.showParts();
    this.root.classList.remove('far');
    const svg = exportSvg(this.model, this.layout, (id) => this.nodes.get(id)?.element, this.edges.lines);
    this.root.classList.toggle('far', this.far);
    this.api.postMessage({ type: 'exportSvg', svg });
  }

  private listen(): void {
    this.nodeLayer.addEventListener('click', (event) => {
      const id = nodeIdOf(event.target);
      if (id === undefined) return;
      this.focus(id, false);
      this.api.postMessage({ type: 'action', action: 'open', id });
    });
    // Before VS Code's own listener on the window, which reads the node's context as the menu opens.
    this.nodeLayer.addEventListener('contextmenu', (event) => {
      const id = nodeIdOf(event.target);
      if (id !== undefined) this.nodes.get(id)?.writeContext();
    });
    this.nodeLayer.addEventListener('mouseover', (event) => this.highlight(nodeIdOf(event.target)));
    this.nodeLayer.addEventListener('mouseout', () => this.highlight(undefined));
    this.nodeLayer.addEventListener('focusin', (event) => this.highlight(nodeIdOf(event.target)));
    this.canvas.addEventListener('pointermove', (event) => this.onPointerMove(event));
    this.canvas.addEventListener('pointerleave', () => this.showEdgeTip(undefined));
    this.canvas.addEventListener('focus', () => this.focus(this.focused, true));
    this.canvas.addEventListener('keydown', (event) => this.onKey(event));
  }

  private onKey(event: KeyboardEvent): void {
    const id = this.focused;
    const action = ACTION_KEYS[event.key];
    if (action && id !== undefined && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.api.postMessage({ type: 'action', action, id });
      return;
    }
    const zoom: Record<string, () => void> = {
      '+': () => this.panZoom.zoom(1.25),
      '=': () => this.panZoom.zoom(1.25),
      '-': () => this.panZoom.zoom(0.8),
      f: () => this.fit(),
    };
    const zoomAction = zoom[event.key];
    if (zoomAction) {
      event.preventDefault();
      zoomAction();
      return;
    }
    if (!this.model || !this.layout || id === undefined) return;
    const next = nextNode(event.key, id, this.model, this.layout, this.index);
    if (next === undefined) return;
    event.preventDefault();
    this.focus(next, true);
  }

  /** Make `id` the node Tab lands on (roving tabindex), and move the keyboard focus to it when asked. */
  private focus(id: string | undefined, move: boolean): void {
    if (this.focused !== undefined) this.nodes.get(this.focused)?.element.setAttribute('tabindex', '-1');
    this.focused = id;
    const element = id === undefined ? undefined : this.nodes.get(id)?.element;
    if (!element || id === undefined) return;
    element.tabIndex = 0;
    if (move) {
      element.focus({ preventScroll: true });
      this.revealNode(id);
    }
  }

  private revealNode(id: string): void {
    const at = this.layout?.nodes[id];
    if (at) this.panZoom.reveal({ ...at, width: NODE_WIDTH, height: NODE_HEIGHT });
  }

  /** Hovering or focusing a node lights it, its ancestors and descendants, and the edges between them. */
  private highlight(id: string | undefined): void {
    const related = id === undefined ? undefined : this.index.lineage(id);
    this.root.classList.toggle('highlighting', related !== undefined);
    for (const [nodeId, { element }] of this.nodes) {
      element.classList.toggle('related', related?.has(nodeId) ?? false);
      element.classList.toggle('hovered', nodeId === id);
    }
    this.edges.highlight(related);
  }

  /**
   * Over the background, the edge near the pointer (a few screen pixels, at any zoom) shows its tooltip. Chromium
   * sends pointer moves at most once a frame, and the look is a scan of boxes around routes: no throttle needed.
   */
  private onPointerMove(event: PointerEvent): void {
    if (event.target instanceof Element && event.target.closest('.node')) return this.showEdgeTip(undefined);
    const at = this.panZoom.toDrawing(event);
    this.showEdgeTip(this.edges.edgeAt(at, EDGE_HOVER_PIXELS / this.panZoom.current.scale));
  }

  private showEdgeTip(edge: GraphEdge | undefined): void {
    this.edges.hover(edge);
    const title = edge ? edgeTitle(edge) : '';
    if (this.canvas.title !== title) this.canvas.title = title;
  }
}

function nodeIdOf(target: EventTarget | null): string | undefined {
  return target instanceof Element ? target.closest<HTMLElement>('.node')?.dataset.id : undefined;
}
