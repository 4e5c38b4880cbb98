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

/**
 * A node's box: created once per id, then updated in place (a state change never rebuilds or moves it). It keeps
 * its parts and what it last wrote to them: no lookup per update, and a write that would change nothing (which
 * still makes Chromium restyle and lay the box out again) is skipped.
 */
export class NodeBox {
  readonly element = document.createElement('div');
  private readonly icon = part('icon codicon');
  private readonly label = part('label');
  private readonly meta = part('meta');
  /** The texts are changed in place: replacing a text node costs Chromium more than editing its text. */
  private readonly labelText = this.label.appendChild(document.createTextNode(''));
  private readonly metaText = this.meta.appendChild(document.createTextNode(''));
  private stateClass = 'state-none';
  private written: Partial<Record<'transform' | 'icon' | 'meta' | 'aria' | 'title' | 'label', string>> = {};

  constructor(
    public node: GraphNode,
    file: string,
  ) {
    const element = this.element;
    element.className = 'node state-none';
    element.dataset.id = node.id;
    element.setAttribute('role', 'button');
    element.tabIndex = -1;
    // The webview's context menu (package.json `webview/context`) hands these to the node commands.
    element.dataset.vscodeContext = JSON.stringify({
      webviewSection: node.kind === 'step' ? 'step' : 'missing',
      file,
      stepId: node.id,
      preventDefaultContextMenuItems: true,
    });
    element.append(this.icon, this.label, this.meta, part('marker codicon codicon-debug-breakpoint'));
    this.showModel(node);
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
    this.write(
      'label',
      node.kind === 'missing' ? `? ${node.id}` : node.label,
      (text) => (this.labelText.data = text),
    );
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
    this.write('icon', `icon codicon ${status ? icons[status] : ''}`, (name) => (this.icon.className = name));
    const facts = stateFacts(marks.state, now);
    const meta = [this.node.kind === 'missing' ? 'unknown id' : this.node.id, ...facts].join(' · ');
    this.write('meta', meta, (text) => (this.metaText.data = text));
    this.write('aria', describeNode(this.node, marks, facts), (text) =>
      element.setAttribute('aria-label', text),
    );
  }

  /** Turn the running icon, or stop it (classList.toggle writes only a real change). */
  spin(on: boolean): void {
    this.element.classList.toggle('spinning', on);
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

function part(className: string): HTMLElement {
  const span = document.createElement('span');
  span.className = className;
  span.setAttribute('aria-hidden', 'true');
  return span;
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
