// Loads our grammars the way VS Code does (vscode-textmate + the oniguruma wasm) so the tests see real tokens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as textmate from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const root = join(__dirname, '..', '..', '..');

/** A `contributes.grammars` entry of package.json. */
export interface GrammarContribution {
  scopeName: string;
  path: string;
  language?: string;
  injectTo?: string[];
}

/** The grammars package.json contributes (how VS Code finds ours and what it injects where). */
export function contributedGrammars(): GrammarContribution[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: GrammarContribution[] };
  };
  return manifest.contributes?.grammars ?? [];
}

/**
 * Where each scope's grammar comes from: ours as package.json contributes them; source.yaml is the TextMate YAML
 * grammar (textmate/yaml.tmbundle) as shipped by the `tm-grammars` package, since VS Code provides source.yaml itself.
 */
function grammarFiles(): Record<string, string> {
  const files: Record<string, string> = { 'source.yaml': require.resolve('tm-grammars/grammars/yaml.json') };
  for (const grammar of grammarsUnderTest()) files[grammar.scopeName] = join(root, grammar.path);
  return files;
}

/** package.json's grammars; while the manifest has none yet, ours as they are meant to be contributed. */
function grammarsUnderTest(): GrammarContribution[] {
  const contributed = contributedGrammars();
  if (contributed.length > 0) return contributed;
  return [
    {
      scopeName: 'source.dagger-workflow',
      path: 'syntaxes/dagger-workflow.tmLanguage.json',
      language: 'dagger-workflow',
    },
    {
      scopeName: 'dagger.interpolation.injection',
      path: 'syntaxes/dagger-interpolation.tmLanguage.json',
      injectTo: ['source.yaml', 'source.dagger-workflow'],
    },
  ];
}

/** One token of a line: its text and its scopes, outermost first (the root scope left out). */
export interface Token {
  text: string;
  scopes: string[];
}

let registry: Promise<textmate.Registry> | undefined;

function loadRegistry(): Promise<textmate.Registry> {
  registry ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const files = grammarFiles();
    return new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: (scopeName) => {
        const file = files[scopeName];
        return Promise.resolve(file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null);
      },
      // What package.json's `injectTo: ["source.yaml"]` does inside VS Code.
      getInjections: (scopeName) =>
        scopeName === 'source.yaml' ? ['dagger.interpolation.injection'] : undefined,
    });
  })();
  return registry;
}

/** Tokenize a whole document with the grammar of `rootScope`; one token array per line. */
export async function tokenize(rootScope: string, text: string): Promise<Token[][]> {
  const grammar = await (await loadRegistry()).loadGrammar(rootScope);
  if (!grammar) throw new Error(`no grammar for ${rootScope}`);
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes.slice(1),
    }));
  });
}

/**
 * The scopes of each token inside the first occurrence of `needle` on the line that contains it, keyed by the token
 * text (`${`, `HOME`, `}`…). Tokens that straddle the needle's edges are included.
 */
export async function scopesOf(rootScope: string, text: string, needle: string): Promise<Token[]> {
  const lines = await tokenize(rootScope, text);
  const lineIndex = text.split('\n').findIndex((line) => line.includes(needle));
  if (lineIndex === -1) throw new Error(`"${needle}" is not in the sample`);
  const start = text.split('\n')[lineIndex].indexOf(needle);
  const end = start + needle.length;
  let offset = 0;
  const inside: Token[] = [];
  for (const token of lines[lineIndex]) {
    const tokenEnd = offset + token.text.length;
    if (tokenEnd > start && offset < end) inside.push(token);
    offset = tokenEnd;
  }
  return inside;
}
