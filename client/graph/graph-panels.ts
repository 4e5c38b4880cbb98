import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GraphModel } from '../../protocol/graph-messages.js';
import type { RunStore } from '../views/run-store.js';
import { watchPausedStep } from './debug-pause.js';
import { GraphPanel } from './graph-panel.js';
import { LayoutCache } from './layout/layout-cache.js';
import { LayoutWorkerClient } from './layout/layout-worker-client.js';
import type { NodeAction, WebviewState } from './webview-messages.js';

/** The view type of graph panels (package.json's `onWebviewPanel:` activation event and menus name it). */
export const GRAPH_VIEW_TYPE = 'daggerWorkflows.graph';

/**
 * Graph layout limits, from `npm run bench:graph` on a 2-core machine: ELK lays out up to 1,000 steps within the
 * budget; past that, or past 10 s, the fallback layout stays. A new structure waits at most 250 ms for ELK
 * before the fallback is shown.
 */
const LAYOUT_OPTIONS = { maxElkNodes: 1000, firstPaintMs: 250 };
const ELK_BUDGET_MS = 10_000;

/** What the extension hands the graph bundle when it loads. */
export interface GraphServices {
  extensionUri: vscode.Uri;
  workspaceState: vscode.Memento;
  store: RunStore;
  languageClient: Promise<LanguageClient>;
  requestModel: (client: LanguageClient, uri: string) => Promise<GraphModel | null>;
}

/** The node a webview context-menu command is about (the `data-vscode-context` of the node). */
export interface NodeContext {
  file?: string;
  stepId?: string;
}

/** The open graph panels, one per workflow file, and what they share: the layout worker and the layout cache. */
export class GraphPanels implements vscode.Disposable {
  private readonly panels = new Map<string, GraphPanel>();
  private readonly worker: LayoutWorkerClient;
  private readonly cache: LayoutCache;
  private readonly pauseWatch: vscode.Disposable;

  constructor(private readonly services: GraphServices) {
    const dist = vscode.Uri.joinPath(services.extensionUri, 'dist');
    this.worker = new LayoutWorkerClient({
      workerPath: vscode.Uri.joinPath(dist, 'graph-layout-worker.js').fsPath,
      elkPath: vscode.Uri.joinPath(dist, 'elk', 'elk.bundled.js').fsPath,
      budgetMs: ELK_BUDGET_MS,
    });
    this.cache = new LayoutCache(services.workspaceState);
    this.pauseWatch = watchPausedStep((paused) => {
      for (const panel of this.panels.values())
        panel.setPaused(paused && paused.file.toString() === panel.file.toString() ? paused.line : undefined);
    });
  }

  /** Show the graph of a workflow beside the editor (a new panel, or the one it has), coloured by `runId` if given. */
  show(file: vscode.Uri, runId?: string): GraphPanel {
    let panel = this.panels.get(file.toString());
    if (panel) panel.panel.reveal(undefined, true);
    else {
      const webviewPanel = vscode.window.createWebviewPanel(
        GRAPH_VIEW_TYPE,
        'Graph',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(this.services.extensionUri, 'dist', 'graph-webview')],
        },
      );
      panel = this.adopt(webviewPanel, file);
    }
    if (runId) panel.pinRun(runId);
    return panel;
  }

  /** Take back a panel VS Code restored after a reload (WebviewPanelSerializer). */
  restore(webviewPanel: vscode.WebviewPanel, state: WebviewState | undefined): void {
    if (!state?.file) {
      webviewPanel.dispose();
      return;
    }
    const file = vscode.Uri.parse(state.file);
    const existing = this.panels.get(file.toString());
    if (existing) {
      webviewPanel.dispose();
      existing.panel.reveal(undefined, true);
      return;
    }
    this.adopt(webviewPanel, file);
  }

  /** Carry out a node's context-menu command in the panel of its file. */
  act(action: NodeAction, context: NodeContext | undefined): Promise<void> | undefined {
    const panel = context?.file ? this.panels.get(context.file) : undefined;
    return context?.stepId === undefined ? undefined : panel?.act(action, context.stepId);
  }

  /** Send a toolbar command to the focused graph panel. */
  command(command: 'fit' | 'exportSvg'): void {
    for (const panel of this.panels.values())
      if (panel.panel.active) panel.post({ type: 'command', command });
  }

  private adopt(webviewPanel: vscode.WebviewPanel, file: vscode.Uri): GraphPanel {
    const key = file.toString();
    const panel = new GraphPanel(
      webviewPanel,
      file,
      { ...this.services, worker: this.worker, cache: this.cache, layoutOptions: LAYOUT_OPTIONS },
      () => {
        if (this.panels.get(key) === panel) this.panels.delete(key);
        // ELK's memory is given back while no graph is open.
        if (this.panels.size === 0) this.worker.stop();
      },
    );
    this.panels.set(key, panel);
    return panel;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.pauseWatch.dispose();
    this.worker.stop();
  }
}
