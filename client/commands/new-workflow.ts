import * as vscode from 'vscode';
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeFileError } from '../../core/parse/describe-file-error.js';
import { workflowTools } from '../workflow-tools/load-workflow-tools.js';

/** Answers given up front (the walkthrough's tests, other commands), instead of being asked. */
export interface NewWorkflowOptions {
  name?: string;
  /** A template id: `empty`, `diamond`, `gate` or `build-test`. */
  template?: string;
}

/** Register Dagger: New Workflow; it resolves to the new file's URI (undefined when refused or dismissed). */
export function registerNewWorkflowCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('daggerWorkflows.newWorkflow', newWorkflow));
}

/**
 * Ask for a name and a template, write `<name>.dagger.yaml` at the top of the workspace folder (never over
 * an existing file), and open it.
 */
async function newWorkflow(options: NewWorkflowOptions = {}): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder();
  if (!folder) return undefined;
  const tools = workflowTools();
  const problemOf = (typed: string) =>
    tools.workflowNameProblem(typed) ??
    (existsSync(join(folder.uri.fsPath, tools.workflowFileName(typed)))
      ? `${tools.workflowFileName(typed)} already exists in ${folder.name}: choose another name`
      : undefined);
  const name =
    options.name ??
    (await vscode.window.showInputBox({
      title: 'New Workflow (1/2): name',
      prompt: `Creates <name>${tools.WORKFLOW_FILE_SUFFIX} in ${folder.name}`,
      placeHolder: 'build',
      ignoreFocusOut: true,
      validateInput: problemOf,
    }));
  if (name === undefined) return undefined;
  const problem = problemOf(name);
  if (problem) return refuse(problem);
  const template = options.template
    ? tools.WORKFLOW_TEMPLATES.find((candidate) => candidate.id === options.template)
    : (
        await vscode.window.showQuickPick(
          tools.WORKFLOW_TEMPLATES.map((candidate) => ({
            label: candidate.label,
            detail: candidate.detail,
            template: candidate,
          })),
          { title: 'New Workflow (2/2): template', placeHolder: 'What to start from', ignoreFocusOut: true },
        )
      )?.template;
  if (!template) return options.template ? refuse(`there is no template "${options.template}"`) : undefined;

  const fileName = tools.workflowFileName(name);
  const uri = vscode.Uri.joinPath(folder.uri, fileName);
  const text = tools.renderTemplate(template, {
    name: tools.bareWorkflowName(name),
    image: tools.DEFAULT_TEMPLATE_IMAGE,
    header: [
      `${template.label}: ${template.detail}.`,
      'Run it with Run Workflow (in the editor title, or above `steps:`),',
      `or in a terminal: dagger-wf run ${fileName}`,
    ],
  });
  try {
    // `wx`: the file is created, never replaced, even if one appeared since the name was checked.
    await writeFile(uri.fsPath, text, { flag: 'wx' });
  } catch (error) {
    return refuse(`cannot create ${fileName} in ${folder.name}: ${describeFileError(error)}`);
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}

/** The workspace folder to create the file in: the only one, or the one picked; undefined (said why) when none. */
async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length === 0) {
    const open = 'Open Folder';
    void vscode.window
      .showErrorMessage(
        `Dagger Workflows: New Workflow creates <name>.dagger.yaml in a workspace folder: open a folder first.`,
        open,
      )
      .then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('workbench.action.files.openFolder');
      });
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'New Workflow: the folder to create it in' });
}

function refuse(message: string): undefined {
  void vscode.window.showErrorMessage(`Dagger Workflows: ${message}`);
  return undefined;
}
