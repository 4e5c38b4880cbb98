import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IntegrationTest } from './suite.js';
import { measurements, waitFor } from './suite.js';
import { EXTENSION_ID, extensionApi, languageOf, openWorkspaceFile, workspaceFile } from './workspace.js';

export const languageTests: IntegrationTest[] = [
  {
    name: 'the extension activates for a workspace that contains workflows, before any file is opened',
    async run() {
      const workflows = vscode.workspace.textDocuments.filter((d) => d.languageId === 'dagger-workflow');
      assert.deepEqual(workflows, [], 'no workflow is open yet: onLanguage cannot be what activated it');
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, 'the extension is loaded from its folder');
      await waitFor('activation (workspaceContains)', () => (extension.isActive ? true : undefined));
    },
  },
  {
    name: 'opening a *.dagger.yaml file activates the extension with the dagger-workflow language',
    async run() {
      const document = await openWorkspaceFile('pipeline.dagger.yaml');
      assert.equal(document.languageId, 'dagger-workflow');
      const api = await extensionApi();
      assert.ok(api.activation.activateMs > 0, 'activate() time is recorded');
      assert.ok(api.activation.codeLoadingMs > 0, 'code loading time is recorded (bundle banner/footer)');
      measurements.codeLoadingMs = api.activation.codeLoadingMs;
      measurements.activateMs = api.activation.activateMs;
      measurements.activationMs = api.activation.totalMs;
    },
  },
  {
    name: 'a .yaml file whose first line is "# dagger-workflow" is a workflow',
    async run() {
      assert.equal(await languageOf('marked.yaml', 'dagger-workflow'), 'dagger-workflow');
    },
  },
  {
    name: 'a file matched by the daggerWorkflows.files setting is a workflow',
    async run() {
      assert.equal(await languageOf('ci/build.yaml', 'dagger-workflow'), 'dagger-workflow');
    },
  },
  {
    name: 'the language server reports an unknown dependency with did-you-mean',
    async run() {
      await openWorkspaceFile('typo.dagger.yaml');
      const uri = workspaceFile('typo.dagger.yaml');
      const diagnostic = await waitFor('DW011 on typo.dagger.yaml', () =>
        vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'DW011'),
      );
      assert.match(diagnostic.message, /biuld/);
      assert.match(diagnostic.message, /build/);
      assert.equal(diagnostic.range.start.line, 10, 'on the depends_on entry (line 11)');
    },
  },
  {
    name: 'completion in depends_on offers the other step ids',
    async run() {
      const document = await openWorkspaceFile('typo.dagger.yaml');
      const line = document.lineAt(10).text;
      const position = new vscode.Position(10, line.indexOf('biuld'));
      const list = await waitFor('completion items', async () => {
        const result = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          document.uri,
          position,
        );
        return result.items.length ? result : undefined;
      });
      const labels = list.items.map((item) =>
        typeof item.label === 'string' ? item.label : item.label.label,
      );
      assert.ok(labels.includes('build'), `completion lists build: ${labels.join(', ')}`);
      assert.ok(labels.includes('package'), `completion lists package: ${labels.join(', ')}`);
      assert.ok(!labels.includes('test'), 'completion leaves out the step itself');
    },
  },
  {
    name: 'CodeLenses from the language server: Run/Debug Workflow and Show Graph above steps:, Run/Debug Step above each step',
    async run() {
      const document = await openWorkspaceFile('pipeline.dagger.yaml');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
        100,
      );
      const withCommand = (command: string): vscode.CodeLens[] =>
        lenses.filter((lens) => lens.command?.command === command);
      for (const command of ['runWorkflow', 'debugWorkflow', 'showGraph']) {
        const [lens, ...more] = withCommand(`daggerWorkflows.${command}`);
        assert.ok(lens && more.length === 0, `one ${command} lens`);
        assert.equal(document.lineAt(lens.range.start.line).text, 'steps:');
      }
      for (const command of ['runStep', 'debugStep']) {
        const perStep = withCommand(`daggerWorkflows.${command}`);
        assert.deepEqual(
          perStep.map((lens) => lens.command?.arguments?.[1] as string),
          ['build', 'lint', 'test', 'report'],
        );
        for (const lens of perStep) assert.match(document.lineAt(lens.range.start.line).text, /^\s*- id: /);
      }
    },
  },
];

/** A diagnostic's code, whether given plain or with a link (`{ value, target }`). */
function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
