import * as vscode from 'vscode';
import type { GraphNode } from '../../protocol/graph-messages.js';
import type { RunRecord } from '../views/run-record.js';
import type { RunTreeNode } from '../views/run-tree-provider.js';

/** Put the cursor on a node's `- id:` line (its first mention, for a missing id) in an editor of the file. */
export async function revealNode(file: vscode.Uri, node: GraphNode): Promise<void> {
  const position = new vscode.Position(node.position.line, node.position.character);
  const visible = vscode.window.visibleTextEditors.find(
    (editor) => editor.document.uri.toString() === file.toString(),
  );
  const editor = await vscode.window.showTextDocument(file, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
    preserveFocus: false,
  });
  editor.revealRange(
    new vscode.Range(position, position),
    vscode.TextEditorRevealType.InCenterIfOutsideViewport,
  );
}

/** Open a step's output in the shown run (the Runs tree's Show Logs). */
export async function showNodeLogs(run: RunRecord | undefined, id: string): Promise<void> {
  const node = stepNode(run, id);
  if (!node) {
    void vscode.window.showInformationMessage(
      `Dagger Workflows: "${id}" has no output yet: run the workflow first.`,
    );
    return;
  }
  await vscode.commands.executeCommand('daggerWorkflows.showStepLogs', node);
}

/** Rerun a step (the Runs tree's Rerun Step), or run it with its dependencies when no run has it yet. */
export async function rerunNode(file: vscode.Uri, run: RunRecord | undefined, id: string): Promise<void> {
  const node = stepNode(run, id);
  if (node) await vscode.commands.executeCommand('daggerWorkflows.rerunStep', node);
  else await vscode.commands.executeCommand('daggerWorkflows.runStep', file, id);
}

/** Add a breakpoint on the step's `- id:` line, or remove the ones inside the step. */
export function toggleNodeBreakpoint(file: vscode.Uri, node: GraphNode): void {
  const inside = breakpointsIn(file, node);
  if (inside.length) {
    vscode.debug.removeBreakpoints(inside);
    return;
  }
  const location = new vscode.Location(
    file,
    new vscode.Position(node.position.line, node.position.character),
  );
  vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(location, true)]);
}

/** The source breakpoints inside a step's lines (a debug adapter moves them to its `- id:` line). */
export function breakpointsIn(file: vscode.Uri, node: GraphNode): vscode.SourceBreakpoint[] {
  return vscode.debug.breakpoints.filter(
    (breakpoint): breakpoint is vscode.SourceBreakpoint =>
      breakpoint instanceof vscode.SourceBreakpoint &&
      breakpoint.location.uri.toString() === file.toString() &&
      node.firstLine <= breakpoint.location.range.start.line &&
      breakpoint.location.range.start.line <= node.lastLine,
  );
}

function stepNode(run: RunRecord | undefined, id: string): RunTreeNode | undefined {
  const step = run?.steps.find((candidate) => candidate.id === id);
  return run && step ? { kind: 'step', run, step } : undefined;
}
