import type { GraphNode } from '../../../protocol/graph-messages.js';
import { formatDuration, type StepRecord } from '../../views/run-record.js';
import type { Point } from '../layout/layout-types.js';
import type { StateIcons } from '../webview-messages.js';

/** What a node shows besides its model: the shown run's record of it and the debugger's and editor's marks. */
export interface NodeMarks {
  state?: StepRecord;
  paused: boolean;
  breakpoint: boolean;
  cursor: boolean;
}

const STATE_CLASSES = /\bstate-[a-z_]+\b/g;

/** A node's box: created once per id, then updated in place (a state change never rebuilds or moves it). */
export function createNodeElement(node: GraphNode, file: string): HTMLElement {
  const element = document.createElement('div');
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
  for (const part of ['icon codicon', 'label', 'meta', 'marker codicon codicon-debug-breakpoint']) {
    const span = document.createElement('span');
    span.className = part;
    span.setAttribute('aria-hidden', 'true');
    element.append(span);
  }
  return element;
}

/** Move a box to its place (a CSS transform, so a relayout can glide). */
export function placeNode(element: HTMLElement, point: Point | undefined): void {
  const { x, y } = point ?? { x: 0, y: 0 };
  element.style.transform = `translate(${x}px, ${y}px)`;
}

/** Write the model's part of a node: label, kind, problems. */
export function updateNodeModel(element: HTMLElement, node: GraphNode): void {
  const label = element.querySelector('.label');
  if (label) label.textContent = node.kind === 'missing' ? `? ${node.id}` : node.label;
  element.classList.toggle('missing', node.kind === 'missing');
  for (const severity of ['error', 'warning', 'info'])
    element.classList.toggle(`severity-${severity}`, node.severity === severity);
  element.title = [
    node.kind === 'missing' ? `"${node.id}": no such step` : `${node.label} (${node.id})`,
    node.image ? `image: ${node.image}` : '',
    ...node.problems,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Write the run's part of a node: state class and icon, duration, attempt, exit code, marks, aria label. */
export function updateNodeMarks(
  element: HTMLElement,
  node: GraphNode,
  marks: NodeMarks,
  icons: StateIcons,
  now: number,
): void {
  const status = marks.state?.status;
  const className = element.className.replace(STATE_CLASSES, `state-${status ?? 'none'}`);
  if (className !== element.className) element.className = className;
  element.classList.toggle('paused', marks.paused);
  element.classList.toggle('has-breakpoint', marks.breakpoint);
  element.classList.toggle('cursor', marks.cursor);
  const icon = element.querySelector('.icon');
  if (icon) icon.className = `icon codicon ${status ? icons[status] : ''}`;
  const meta = element.querySelector('.meta');
  const facts = stateFacts(marks.state, now);
  if (meta) meta.textContent = [node.kind === 'missing' ? 'unknown id' : node.id, ...facts].join(' · ');
  element.setAttribute('aria-label', describeNode(node, marks, facts));
}

/** `1.2s`, `attempt 2/3`, `exit 1`: what the run tells about a step. */
export function stateFacts(state: StepRecord | undefined, now: number): string[] {
  if (!state) return [];
  const facts: string[] = [];
  const duration = formatDuration(state.startedAt, state.finishedAt, now);
  if (duration) facts.push(duration);
  if (state.maxAttempts > 1 && state.attempt > 0) facts.push(`attempt ${state.attempt}/${state.maxAttempts}`);
  if (state.exitCode !== null && state.exitCode !== 0) facts.push(`exit ${state.exitCode}`);
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
