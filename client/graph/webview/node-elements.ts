import type { GraphNode } from '../../../protocol/graph-messages.js';
import { formatDuration, type StepRecord } from '../../views/run-record.js';
import type { Point } from '../layout/layout-types.js';
import { stepLookKey } from '../../views/state-looks.js';
import type { StateIcons } from '../webview-messages.js';

/** What a node shows besides its model: the shown run's record of it and the debugger's and editor's marks. */
export interface NodeMarks {
  state?: StepRecord;
  paused: boolean;
  breakpoint: boolean;
  cursor: boolean;
  /** A running step whose box is on screen and large enough to see: its icon turns (see graph.css). */
  spinning: boolean;
}

/** The parts inside a box, which show its text and icon: made only once boxes are near enough to show them. */
interface BoxParts {
  icon: HTMLElement;
  /** The texts are changed in place: replacing a text node costs Chromium more than editing its text. */
  label: Text;
  meta: Text;
}

type PartKey = keyof BoxParts;

/**
 * A node's box: created once per id, then updated in place (a state change never rebuilds or moves it). It keeps
 * its parts and what it last wrote to them: no lookup per update, and a write that would change nothing (which
 * still makes Chromium restyle and lay the box out again) is skipped.
 *
 * A box is made empty: its parts are made when it first comes on screen near enough to read (`showParts`, from
 * graph-view.ts), and until then it shows its state by its colour. Four parts fewer on each of 500 boxes was a
 * quarter of a large graph's first paint.
 */
export class NodeBox {
  readonly element = boxTemplate().cloneNode() as HTMLElement;
  private parts: BoxParts | undefined;
  /** What the parts show, kept while they are not made yet. */
  private readonly wanted: Record<PartKey, string> = { icon: 'icon codicon', label: '', meta: '' };
  private stateClass = 'state-none';
  private written: Partial<Record<'transform' | 'aria' | 'title' | PartKey, string>> = {};

  constructor(
    public node: GraphNode,
    private readonly file: string,
  ) {
    this.element.dataset.id = node.id;
    this.showModel(node);
  }

  /** Make the box's icon, label, meta line and breakpoint marker, once. */
  showParts(): void {
    if (this.parts) return;
    const element = this.element;
    element.append(partsTemplate().cloneNode(true));
    const [icon, label, meta] = element.children;
    this.parts = {
      icon: icon as HTMLElement,
      label: label?.firstChild as Text,
      meta: meta?.firstChild as Text,
    };
    for (const key of ['icon', 'label', 'meta'] as const) this.writePart(key, this.wanted[key]);
  }

  /**
   * What the webview's context menu (package.json `webview/context`) hands to the node commands. VS Code reads it
   * from `data-vscode-context` when the menu opens, so it is written then (graph-view.ts): a JSON attribute on
   * each of 500 boxes was a tenth of a first paint's script.
   */
  writeContext(): void {
    this.element.dataset.vscodeContext = JSON.stringify({
      webviewSection: this.node.kind === 'step' ? 'step' : 'missing',
      file: this.file,
      stepId: this.node.id,
      preventDefaultContextMenuItems: true,
    });
  }

  /** Move the box to its place (a CSS transform, so a relayout can glide). */
  place(point: Point | undefined): void {
    const { x, y } = point ?? { x: 0, y: 0 };
    this.write('transform', `translate(${x}px, ${y}px)`, (value) => (this.element.style.transform = value));
  }

  /** Write the model's part of the node: label, kind, problems. */
  showModel(node: GraphNode): void {
    this.node = node;
    const element = this.element;
    this.writePart('label', node.kind === 'missing' ? `? ${node.id}` : node.label);
    element.classList.toggle('missing', node.kind === 'missing');
    for (const severity of ['error', 'warning', 'info'])
      element.classList.toggle(`severity-${severity}`, node.severity === severity);
    const title = [
      node.kind === 'missing' ? `"${node.id}": no such step` : `${node.label} (${node.id})`,
      node.image ? `image: ${node.image}` : '',
      ...node.problems,
    ]
      .filter(Boolean)
      .join('\n');
    this.write('title', title, (text) => (element.title = text));
  }

  /** Write the run's part of the node: state class and icon, duration, attempt, exit code, marks, aria label. */
  showMarks(marks: NodeMarks, icons: StateIcons, now: number): void {
    const element = this.element;
    const status = marks.state && stepLookKey(marks.state);
    const stateClass = `state-${status ?? 'none'}`;
    if (stateClass !== this.stateClass) {
      element.classList.replace(this.stateClass, stateClass);
      this.stateClass = stateClass;
    }
    // classList.toggle writes (and restyles) only when the class really comes or goes.
    element.classList.toggle('paused', marks.paused);
    element.classList.toggle('has-breakpoint', marks.breakpoint);
    element.classList.toggle('cursor', marks.cursor);
    this.spin(marks.spinning);
    this.writePart('icon', `icon codicon ${status ? icons[status] : ''}`);
    const facts = stateFacts(marks.state, now);
    const meta = [this.node.kind === 'missing' ? 'unknown id' : this.node.id, ...facts].join(' · ');
    this.writePart('meta', meta);
    this.write('aria', describeNode(this.node, marks, facts), (text) =>
      element.setAttribute('aria-label', text),
    );
  }

  /** Turn the running icon, or stop it (classList.toggle writes only a real change). */
  spin(on: boolean): void {
    this.element.classList.toggle('spinning', on);
  }

  /** Write a part's text or class now if the part is made, else when it is. */
  private writePart(key: PartKey, value: string): void {
    this.wanted[key] = value;
    const parts = this.parts;
    if (!parts) return;
    this.write(key, value, (text) => {
      if (key === 'icon') parts.icon.className = text;
      else parts[key].data = text;
    });
  }

  private write<K extends keyof NodeBox['written']>(
    key: K,
    value: string,
    apply: (value: string) => void,
  ): void {
    if (this.written[key] === value) return;
    this.written[key] = value;
    apply(value);
  }
}

let box: HTMLElement | undefined;
let parts: DocumentFragment | undefined;

/** An empty box, built once: each box is a clone of it. */
function boxTemplate(): HTMLElement {
  if (box) return box;
  box = document.createElement('div');
  box.className = 'node state-none';
  box.setAttribute('role', 'button');
  box.tabIndex = -1;
  return box;
}

/** A box's parts, built once: each box's are a deep clone (one call, where building them one by one was 10). */
function partsTemplate(): DocumentFragment {
  if (parts) return parts;
  parts = document.createDocumentFragment();
  for (const className of ['icon codicon', 'label', 'meta', 'marker codicon codicon-debug-breakpoint']) {
    const span = document.createElement('span');
    span.className = className;
    span.setAttribute('aria-hidden', 'true');
    if (className === 'label' || className === 'meta') span.append(document.createTextNode(''));
    parts.append(span);
  }
  return parts;
}

/** `1.2s`, `attempt 2/3`, `exit 1`: what the run tells about a step. */
export function stateFacts(state: StepRecord | undefined, now: number): string[] {
  if (!state) return [];
  const facts: string[] = [];
  const duration = formatDuration(state.startedAt, state.finishedAt, now);
  if (duration) facts.push(duration);
  if (state.maxAttempts > 1 && state.attempt > 0) facts.push(`attempt ${state.attempt}/${state.maxAttempts}`);
  if (state.exitCode !== null && state.exitCode !== 0) facts.push(`exit ${state.exitCode}`);
  if (state.cached) facts.push('cached');
  return facts;
}

/** The sentence a screen reader says for a node: "step build (Build), failed, 1.2s, exit 1, 2 problems". */
function describeNode(node: GraphNode, marks: NodeMarks, facts: string[]): string {
  const parts = [
    node.kind === 'missing'
      ? `missing step ${node.id}`
      : `step ${node.id}${node.label !== node.id ? ` (${node.label})` : ''}`,
  ];
  if (marks.state) parts.push(marks.state.status.replace('_', ' '), ...facts);
  if (marks.paused) parts.push('paused in the debugger');
  if (marks.breakpoint) parts.push('breakpoint');
  if (node.problems.length)
    parts.push(`${node.problems.length} problem${node.problems.length > 1 ? 's' : ''}`);
  return parts.join(', ');
}
