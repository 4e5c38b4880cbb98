import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IntegrationTest } from './suite.js';
import { waitFor } from './suite.js';
import { EXTENSION_ID, openWorkspaceFile, workspaceFile, workspaceFolder } from './workspace.js';

type ExportOutcome = { document: string } | { error: string } | undefined;

async function exportArgo(...args: unknown[]): Promise<ExportOutcome> {
  return vscode.commands.executeCommand<ExportOutcome>('daggerWorkflows.exportArgo', ...args);
}

/** The document the command opened (it must be the active editor's). */
function openedManifest(outcome: ExportOutcome): vscode.TextDocument {
  assert.ok(outcome && 'document' in outcome, `the export succeeded: ${JSON.stringify(outcome)}`);
  const editor = vscode.window.activeTextEditor;
  assert.equal(editor?.document.uri.toString(), outcome.document, 'the manifest is in the active editor');
  return editor.document;
}

export const exportTests: IntegrationTest[] = [
  {
    name: 'Export to Argo Workflows opens the manifest of the active workflow in a new untitled YAML editor',
    async run() {
      await openWorkspaceFile('pipeline.dagger.yaml');
      const manifest = openedManifest(await exportArgo());
      assert.equal(manifest.isUntitled, true, 'nothing is saved');
      assert.equal(manifest.languageId, 'yaml');
      const text = manifest.getText();
      assert.match(text, /^# Argo Workflows manifest exported by dagger-wf from pipeline\.dagger\.yaml/);
      assert.match(text, /^apiVersion: argoproj\.io\/v1alpha1\nkind: Workflow$/m);
      assert.match(text, /generateName: pipeline-/);
      assert.match(text, /secretKeyRef:\n\s+name: pipeline-inputs\n\s+key: token/);
      assert.doesNotMatch(text, /unsigned/, "the secret input's default never reaches the manifest");
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  },
  {
    name: 'the export reads the editor text, unsaved changes included',
    async run() {
      const document = await openWorkspaceFile('pipeline.dagger.yaml');
      const edit = new vscode.WorkspaceEdit();
      const line = document
        .getText()
        .split('\n')
        .findIndex((text) => text.includes('"lint ok"'));
      edit.replace(document.uri, document.lineAt(line).range, '    command: ["echo", "lint edited"]');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // The extension host hears of the edit asynchronously (code-server applies it in the workbench).
      await waitFor('the edit to reach the extension host', () =>
        document.getText().includes('lint edited') ? true : undefined,
      );
      try {
        const manifest = openedManifest(await exportArgo(document.uri));
        assert.match(manifest.getText(), /- lint edited/);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      } finally {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      assert.equal(document.isDirty, false);
    },
  },
  {
    name: 'a volume is mounted from the PersistentVolumeClaim given for its source',
    async run() {
      const outcome = await exportArgo(workspaceFile('export-volumes.dagger.yaml'), {
        volumeClaims: { './config': 'team-config' },
      });
      const text = openedManifest(outcome).getText();
      assert.match(text, /persistentVolumeClaim:\n\s+claimName: team-config/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  },
  {
    name: "an invalid workflow shows the CLI's one-line error and opens nothing",
    async run() {
      await openWorkspaceFile('typo.dagger.yaml');
      const before = vscode.window.activeTextEditor?.document.uri.toString();
      const outcome = await exportArgo();
      assert.ok(outcome && 'error' in outcome, 'the export failed');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), before, 'no editor was opened');
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const cli = spawnSync(
        process.execPath,
        ['--', join(extension.extensionPath, 'dist', 'cli.js'), 'export', 'argo', 'typo.dagger.yaml'],
        {
          cwd: workspaceFolder().fsPath,
          encoding: 'utf8',
          // The extension host may be Electron (VS Code desktop): run it as plain Node.
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        },
      );
      assert.equal(cli.status, 2);
      assert.equal(outcome.error, cli.stderr.trimEnd());
      assert.match(
        outcome.error,
        /^typo\.dagger\.yaml:11:18 - error DW011: step "test" depends on unknown step "biuld"/,
      );
    },
  },
];
