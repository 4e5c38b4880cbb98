import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', '.tools', 'test-artifacts', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The build and test scripts are type-checked as JavaScript (tsconfig.json: checkJs), which knows Node's globals.
    files: ['**/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Architecture: only client/ talks to VS Code (STYLE.md principle 2); core/ has no LSP connection either.
    files: ['core/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only client/ may import vscode.' }] },
      ],
    },
  },
  {
    // DAP types live in the adapter (debug-adapter/) and the extension's debug wiring (client/debug/) only.
    files: ['server/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only client/ may import vscode.' }],
          patterns: [
            { group: ['@vscode/debug*'], message: 'DAP stays in debug-adapter/ and client/debug/.' },
          ],
        },
      ],
    },
  },
  {
    // The CLI runs workflows with core/ alone: it never loads the language server's or the extension's code.
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only client/ may import vscode.' }],
          patterns: [
            { group: ['@vscode/debug*'], message: 'DAP stays in debug-adapter/ and client/debug/.' },
            {
              group: ['**/server/**', '**/client/**'],
              message: 'cli/ builds on core/: not on server/ or client/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    ignores: ['client/debug/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@vscode/debug*'], message: 'DAP stays in debug-adapter/ and client/debug/.' },
          ],
        },
      ],
    },
  },
  {
    // The adapter serves any DAP client: no VS Code API in it.
    files: ['debug-adapter/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'debug-adapter/ serves any DAP client: no vscode.' }] },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'core/ must stay free of vscode.' }],
          patterns: [
            { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'core/ has no LSP.' },
            { group: ['@vscode/debug*'], message: 'core/ has no DAP: debug-adapter/ translates.' },
            {
              group: ['**/server/**', '**/client/**', '**/cli/**', '**/serve/**', '**/protocol/**'],
              message: 'core/ depends on nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/docker/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'core/ must stay free of vscode.' },
            { name: 'dockerode', message: 'Only core/docker/ imports dockerode.' },
          ],
          patterns: [
            { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'core/ has no LSP.' },
            { group: ['@vscode/debug*'], message: 'core/ has no DAP: debug-adapter/ translates.' },
            {
              group: ['**/server/**', '**/client/**', '**/cli/**', '**/serve/**', '**/protocol/**'],
              message: 'core/ depends on nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The typed messages shared by the language server and the extension (protocol/*-messages.ts) depend on the
    // protocol library only: no side, and not core/ (whose fence keeps it from importing protocol/ in turn).
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'protocol/ is shared with the language server: no vscode.' }],
          patterns: [
            {
              group: ['**/core/**', '**/client/**', '**/server/**', '**/cli/**', '**/serve/**'],
              message: 'protocol/ depends on no side.',
            },
          ],
        },
      ],
    },
  },
  {
    // The graph's layouts run in a worker_threads worker and in the benchmark, the webview's script in a browser.
    files: ['client/graph/layout/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Layouts run in a worker thread: no vscode.' }] },
      ],
    },
  },
  {
    files: ['client/graph/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview script runs in a browser: no vscode.' }],
          patterns: [
            {
              group: ['node:*', 'vscode-languageclient*', 'elkjs*'],
              message: 'The webview script runs in a browser.',
            },
          ],
        },
      ],
    },
  },
  {
    // The REST server (dagger-wf serve) runs workflows through core/ only: no editor, no language server.
    files: ['serve/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'serve/ must stay free of vscode.' },
            { name: 'dockerode', message: 'Only core/docker/ imports dockerode.' },
          ],
          patterns: [
            { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'serve/ has no LSP.' },
            {
              group: ['**/server/**', '**/client/**', '**/cli/**'],
              message: 'serve/ builds on core/ only (cli/ starts it).',
            },
          ],
        },
      ],
    },
  },
  {
    // The Argo exporter writes a manifest: it talks to no engine (dockerode, core/docker/) and no editor.
    files: ['core/export/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'core/ must stay free of vscode.' },
            { name: 'dockerode', message: 'core/export/ talks to no engine.' },
          ],
          patterns: [
            { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'core/ has no LSP.' },
            { group: ['@vscode/debug*'], message: 'core/ has no DAP: debug-adapter/ translates.' },
            {
              group: ['**/server/**', '**/client/**', '**/cli/**', '**/docker/**'],
              message: 'core/export/ depends on the model, the parser and the run preparation only.',
            },
          ],
        },
      ],
    },
  },
  {
    // New Workflow's templates are text and names: no engine, no run, no files (the client writes the file).
    files: ['core/templates/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'core/ must stay free of vscode.' }],
          patterns: [
            {
              group: ['node:*', 'dockerode'],
              message: 'Templates are pure: the caller reads and writes files.',
            },
            {
              group: ['**/run/**', '**/docker/**', '**/debug/**'],
              message: 'Templates do not run anything.',
            },
            {
              group: ['**/server/**', '**/client/**', '**/cli/**'],
              message: 'core/ depends on nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The walkthrough opens through VS Code commands; it reaches neither the runner nor the engine.
    files: ['client/walkthrough/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/run/**', '**/core/docker/**'], message: 'The walkthrough runs nothing.' },
          ],
        },
      ],
    },
  },
);
