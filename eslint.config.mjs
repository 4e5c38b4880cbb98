import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', '.tools', 'test-artifacts', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
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
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'core/ must stay free of vscode.' }],
          patterns: [
            { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'core/ has no LSP.' },
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
            {
              group: ['**/server/**', '**/client/**', '**/cli/**', '**/docker/**'],
              message: 'core/export/ depends on the model, the parser and the run preparation only.',
            },
          ],
        },
      ],
    },
  },
);
