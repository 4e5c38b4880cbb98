import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { languageClientModule } from '../language/load-language-client.js';
import { LANGUAGE_ID } from '../language/workflow-file-association.js';
import type { RunStore } from '../views/run-store.js';
import type { RunTreeNode } from '../views/run-tree-provider.js';
import type { GraphPanels, NodeContext } from './graph-panels.js';
import { loadGraph } from './load-graph.js';
import type { NodeAction, WebviewState } from './webview-messages.js';

/** The view type of graph panels (as graph-panels.ts; repeated here so activation does not load that bundle). */
const GRAPH_VIEW_TYPE = 'daggerWorkflows.graph';

/**
 * Register Show Graph (editor title, a run in the Runs tree, and the CodeLens of commands/workflow-code-lenses.ts),
 * the graph's node and toolbar commands and the serializer that brings graph panels back after a reload. The
 * graph's code (dist/graph.js) loads on the first of these.
 */
export function registerGraphCommands(
  context: vscode.ExtensionContext,
  store: RunStore,
  languageClient: Promise<LanguageClient>,
): void {
  let panels: GraphPanels | undefined;
  const graphPanels = (): GraphPanels => {
    if (!panels) {
      const { GraphPanels } = loadGraph(context.extensionPath);
      panels = new GraphPanels({
        extensionUri: context.extensionUri,
        workspaceState: context.workspaceState,
        store,
        languageClient,
        requestModel: (client, uri) =>
          languageClientModule(context.extensionPath).requestGraphModel(client, uri),
      });
      context.subscriptions.push(panels);
    }
    return panels;
  };
  const nodeCommand = (action: NodeAction) => (node?: NodeContext) => graphPanels().act(action, node);

  context.subscriptions.push(
    vscode.commands.registerCommand('daggerWorkflows.showGraph', (target?: vscode.Uri | RunTreeNode) => {
      const file = graphTarget(target);
      if (!file) return;
      graphPanels().show(file, target && !(target instanceof vscode.Uri) ? target.run.runId : undefined);
    }),
    vscode.commands.registerCommand('daggerWorkflows.graph.revealStep', nodeCommand('open')),
    vscode.commands.registerCommand('daggerWorkflows.graph.showStepLogs', nodeCommand('logs')),
    vscode.commands.registerCommand('daggerWorkflows.graph.rerunStep', nodeCommand('rerun')),
    vscode.commands.registerCommand('daggerWorkflows.graph.toggleBreakpoint', nodeCommand('breakpoint')),
    vscode.commands.registerCommand('daggerWorkflows.graph.fit', () => graphPanels().command('fit')),
    vscode.commands.registerCommand('daggerWorkflows.graph.exportSvg', () =>
      graphPanels().command('exportSvg'),
    ),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => {
        graphPanels().restore(panel, state as WebviewState | undefined);
        return Promise.resolve();
      },
    }),
  );
}

/** The workflow file Show Graph is about: its argument (a file, or a run of the Runs tree), else the active editor's. */
function graphTarget(target: vscode.Uri | RunTreeNode | undefined): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (target?.run) return vscode.Uri.file(target.run.workflowFile);
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === LANGUAGE_ID) return document.uri;
  void vscode.window.showWarningMessage(
    'Dagger Workflows: open a workflow file (*.dagger.yaml) to show its graph.',
  );
  return undefined;
}
