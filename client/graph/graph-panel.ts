import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GraphModel } from '../../protocol/graph-messages.js';
import type { RunStore } from '../views/run-store.js';
import { stepAtLine } from './graph-lookup.js';
import { layoutGraphOf } from './layout/structural-key.js';
import type { GraphLayout } from './layout/layout-types.js';
import { toWire } from './layout/layout-wire.js';
import { PanelLayout, type PanelLayoutOptions } from './layout/panel-layout.js';
import type { LayoutCache } from './layout/layout-cache.js';
import type { LayoutWorkerClient } from './layout/layout-worker-client.js';
import { breakpointsIn, rerunNode, revealNode, showNodeLogs, toggleNodeBreakpoint } from './node-actions.js';
import { RunStateFeed } from './run-state-feed.js';
import { saveSvg } from './save-svg.js';
import { graphPageHtml } from './webview-page.js';
import type { HostMessage, NodeAction, WebviewMessage } from './webview-messages.js';

/** After an edit, the graph asks the language server for the new model once typing pauses this long. */
const EDIT_DEBOUNCE_MS = 200;

/** What every graph panel shares. */
export interface GraphPanelServices {
  extensionUri: vscode.Uri;
  store: RunStore;
  languageClient: Promise<LanguageClient>;
  /** Sends the graph-model request (through the language client's bundle: load-graph-model-request.ts). */
  requestModel: (client: LanguageClient, uri: string) => Promise<GraphModel | null>;
  worker: LayoutWorkerClient;
  cache: LayoutCache;
  layoutOptions: PanelLayoutOptions;
}

/**
 * One workflow's graph panel: asks the language server for the model of the document as it is now (again after
 * each pause in typing), lays it out (PanelLayout), colours it by the run (RunStateFeed), marks the cursor's step,
 * breakpoints and the debugger's paused step, and carries out what the user asks of a node.
 */
export class GraphPanel implements vscode.Disposable {
  private model: GraphModel | undefined;
  private modelKey: string | undefined;
  /** The structure the webview shows, to send it a better layout rather than the whole graph. */
  private shownKey: string | undefined;
  private readonly layout: PanelLayout;
  private readonly feed: RunStateFeed;
  private readonly disposables: vscode.Disposable[] = [];
  private debounce: NodeJS.Timeout | undefined;
  private pausedLine: number | undefined;
  /** The step under the editor's cursor, as last sent. */
  private cursorStep: string | undefined;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly file: vscode.Uri,
    private readonly services: GraphPanelServices,
    private readonly onDispose: () => void,
  ) {
    panel.title = `Graph: ${basename(file.fsPath)}`;
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'client', 'media', 'dagger.svg');
    // The webview may read dist/graph-webview/ and nothing else.
    const mediaRoot = vscode.Uri.joinPath(services.extensionUri, 'dist', 'graph-webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [mediaRoot] };
    this.layout = new PanelLayout(
      file.toString(),
      services.worker,
      services.cache,
      services.layoutOptions,
      (layout) => this.showLayout(layout),
    );
    this.feed = new RunStateFeed(services.store, file.fsPath, (message) => this.post(message));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === this.file.toString()) this.scheduleRefresh();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document.uri.toString() !== this.file.toString()) return;
        const id = stepAtLine(this.model, event.selections[0]?.active.line ?? -1)?.id;
        if (id === this.cursorStep) return;
        this.cursorStep = id;
        this.post({ type: 'cursor', id });
      }),
      vscode.debug.onDidChangeBreakpoints(() => this.postBreakpoints()),
    );
    const webview = panel.webview;
    webview.html = graphPageHtml(
      {
        cspSource: webview.cspSource,
        asset: (name) => webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, name)).toString(),
      },
      file.toString(),
    );
    void this.refresh();
  }

  /** Colour the nodes by this run (the Runs tree's Show Graph). */
  pinRun(runId: string): void {
    this.feed.pin(runId);
  }

  /** The debugger paused on this 0-based line of the file (undefined: it runs on). */
  setPaused(line: number | undefined): void {
    this.pausedLine = line;
    this.post({ type: 'paused', id: line === undefined ? undefined : stepAtLine(this.model, line)?.id });
  }

  /** A node's action, from the webview or its context menu. */
  async act(action: NodeAction, id: string): Promise<void> {
    const node = this.model?.nodes.find((candidate) => candidate.id === id);
    if (!node) return;
    if (action === 'open') return revealNode(this.file, node);
    if (node.kind === 'missing') return;
    if (action === 'logs') return showNodeLogs(this.feed.run, id);
    if (action === 'rerun') return rerunNode(this.file, this.feed.run, id);
    toggleNodeBreakpoint(this.file, node);
  }

  post(message: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async receive(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A new page (first load, shown again, reloaded): everything it shows is sent again.
        this.shownKey = undefined;
        this.showModel();
        this.post({ type: 'cursor', id: this.cursorStep });
        this.feed.resend();
        this.postBreakpoints();
        this.setPaused(this.pausedLine);
        return;
      case 'action':
        return this.act(message.action, message.id);
      case 'exportSvg':
        return saveSvg(this.file, message.svg);
      case 'showProblems':
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        return;
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), EDIT_DEBOUNCE_MS);
  }

  /** Ask the language server for the model of the document's current version. */
  private async refresh(attempt = 0): Promise<void> {
    let model: GraphModel | null;
    try {
      const client = await this.services.languageClient;
      // The server knows only open documents: a graph restored after a reload opens its file (not an editor).
      await vscode.workspace.openTextDocument(this.file);
      const uri = client.code2ProtocolConverter.asUri(this.file);
      model = await this.services.requestModel(client, uri);
    } catch (error) {
      this.post({ type: 'notice', text: `The graph cannot be brought up to date: ${describe(error)}` });
      return;
    }
    if (this.disposed) return;
    if (!model) {
      // The document was opened a moment ago and the server has not heard of it yet.
      if (attempt < 20) setTimeout(() => void this.refresh(attempt + 1), 250);
      else this.post({ type: 'notice', text: 'The language server does not have this file open.' });
      return;
    }
    if (this.model && model.version < this.model.version) return;
    this.model = model;
    this.modelKey = this.layout.update(layoutGraphOf(model));
    this.post({ type: 'notice' });
    this.showModel();
    this.postBreakpoints();
    if (this.pausedLine !== undefined) this.setPaused(this.pausedLine);
  }

  /** Send the model when its structure has a layout (otherwise it goes with the layout, when that comes). */
  private showModel(): void {
    const key = this.modelKey;
    const layout = key === undefined ? undefined : this.layout.layoutFor(key);
    if (this.model && layout) this.postGraph(this.model, layout);
  }

  private showLayout(layout: GraphLayout): void {
    if (!this.model || layout.key !== this.modelKey) return;
    if (this.shownKey === layout.key) this.post({ type: 'layout', layout: toWire(layout) });
    else this.postGraph(this.model, layout);
  }

  private postGraph(model: GraphModel, layout: GraphLayout): void {
    this.shownKey = layout.key;
    this.post({ type: 'graph', model, layout: toWire(layout) });
  }

  private postBreakpoints(): void {
    const ids = (this.model?.nodes ?? [])
      .filter((node) => node.kind === 'step' && breakpointsIn(this.file, node).length > 0)
      .map((node) => node.id);
    this.post({ type: 'breakpoints', ids });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.debounce);
    this.layout.dispose();
    this.feed.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
