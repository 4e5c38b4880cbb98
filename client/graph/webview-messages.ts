// The messages between a graph panel (the extension host) and its webview, declared once for both sides.
import type { GraphModel } from '../../protocol/graph-messages.js';
import type { StepRecord } from '../views/run-record.js';
import type { StepLookKey } from '../views/state-looks.js';
import type { WireLayout } from './layout/layout-wire.js';

/** The run the graph colours its nodes by. */
export interface ShownRun {
  runId: string;
  status: string;
  startedAt: string;
}

/** What a node can be asked to do (its context menu and its keys). */
export type NodeAction = 'open' | 'logs' | 'rerun' | 'breakpoint';

/** Extension host → webview. */
export type HostMessage =
  /** A model and the layout of its structure (`layout.key` is the model's key). */
  | { type: 'graph'; model: GraphModel; layout: WireLayout }
  /** A better layout (ELK's after the fallback) for the structure shown; ignored if the structure moved on. */
  | { type: 'layout'; layout: WireLayout }
  /** Another run to show: every step's state anew (no run: the states are cleared). */
  | { type: 'run'; run?: ShownRun; steps: StepRecord[] }
  /** Steps of the shown run that changed since the last batch. */
  | { type: 'steps'; runId: string; steps: StepRecord[] }
  /** The step a debug session is paused before, if any. */
  | { type: 'paused'; id?: string }
  /** Steps with a breakpoint in their lines. */
  | { type: 'breakpoints'; ids: string[] }
  /** The step under the editor's cursor. */
  | { type: 'cursor'; id?: string }
  | { type: 'command'; command: 'fit' | 'exportSvg' }
  /** A line to show above the graph when it cannot be drawn or brought up to date (none: clear it). */
  | { type: 'notice'; text?: string };

/** Webview → extension host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'action'; action: NodeAction; id: string }
  | { type: 'exportSvg'; svg: string }
  | { type: 'showProblems' };

/** What the webview keeps across reloads (vscode.setState), read back by the panel serializer. */
export interface WebviewState {
  /** The workflow file's URI. */
  file: string;
  viewport?: { x: number; y: number; scale: number };
}

/** The look of each state the webview needs: codicon classes. Colours come as CSS (webview-html.ts). */
export type StateIcons = Record<StepLookKey, string>;
