import * as vscode from 'vscode';

/** Ask where to save the graph's SVG (beside the workflow by default), write it, and offer to open it. */
export async function saveSvg(workflow: vscode.Uri, svg: string): Promise<void> {
  const suggested = workflow.with({ path: workflow.path.replace(/(\.dagger)?\.ya?ml$/i, '') + '.graph.svg' });
  const target = await vscode.window.showSaveDialog({
    defaultUri: suggested,
    filters: { 'SVG image': ['svg'] },
    title: 'Export Workflow Graph as SVG',
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Dagger Workflows: cannot write ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  const choice = await vscode.window.showInformationMessage(`Saved the graph to ${target.fsPath}.`, 'Open');
  if (choice) await vscode.commands.executeCommand('vscode.open', target);
}
