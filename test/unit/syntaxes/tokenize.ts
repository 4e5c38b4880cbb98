// Loads our grammars the way VS Code does (vscode-textmate + the oniguruma wasm) so the tests see real tokens.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as textmate from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { REPO_ROOT } from '../../support/paths.js';

const root = REPO_ROOT;

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

/** A YAML grammar to inject into: VS Code provides source.yaml itself, so the tests borrow real ones. */
export interface YamlGrammar {
  name: string;
  /** Scope name → grammar file. */
  files: Record<string, string>;
}

const vscodeYamlFolder = join(
  root,
  '.tools/code-server/node_modules/code-server/lib/vscode/extensions/yaml/syntaxes',
);

/**
 * The YAML grammars available here: textmate/yaml.tmbundle as shipped by the `tm-grammars` package (always), and
 * VS Code's own built-in YAML grammar when the e2e setup has installed code-server (.tools/code-server).
 */
export function yamlGrammars(): YamlGrammar[] {
  const grammars: YamlGrammar[] = [
    {
      name: 'textmate/yaml.tmbundle',
      files: { 'source.yaml': require.resolve('tm-grammars/grammars/yaml.json') },
    },
  ];
  if (existsSync(join(vscodeYamlFolder, 'yaml.tmLanguage.json'))) {
    const files: Record<string, string> = { 'source.yaml': join(vscodeYamlFolder, 'yaml.tmLanguage.json') };
    for (const version of ['1.0', '1.1', '1.2', '1.3']) {
      files[`source.yaml.${version}`] = join(vscodeYamlFolder, `yaml-${version}.tmLanguage.json`);
    }
    files['source.yaml.embedded'] = join(vscodeYamlFolder, 'yaml-embedded.tmLanguage.json');
    grammars.push({ name: "VS Code's built-in YAML", files });
  }
  return grammars;
}

/** One token of a line: its text and its scopes, outermost first (the root scope left out). */
export interface Token {
  text: string;
  scopes: string[];
}

let onigLib: Promise<textmate.IOnigLib> | undefined;
const registries = new Map<string, textmate.Registry>();

function loadOnigLib(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

function registryFor(yaml: YamlGrammar): textmate.Registry {
  let registry = registries.get(yaml.name);
  if (registry) return registry;
  const ours = grammarsUnderTest();
  const files: Record<string, string> = { ...yaml.files };
  for (const grammar of ours) files[grammar.scopeName] = join(root, grammar.path);
  registry = new textmate.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: (scopeName) => {
      const file = files[scopeName];
      return Promise.resolve(file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null);
    },
    // What `injectTo` in package.json does inside VS Code.
    getInjections: (scopeName) =>
      ours.filter((grammar) => grammar.injectTo?.includes(scopeName)).map((grammar) => grammar.scopeName),
  });
  registries.set(yaml.name, registry);
  return registry;
}

/** Tokenize a whole document with the grammar of `rootScope`; one token array per line. */
export async function tokenize(yaml: YamlGrammar, rootScope: string, text: string): Promise<Token[][]> {
  const grammar = await registryFor(yaml).loadGrammar(rootScope);
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
 * The tokens that make up the first occurrence of `needle` (on the first line containing it), with their scopes.
 * Tokens that straddle the needle's edges are included.
 */
export async function scopesOf(
  yaml: YamlGrammar,
  rootScope: string,
  text: string,
  needle: string,
): Promise<Token[]> {
  const lines = await tokenize(yaml, rootScope, text);
  const sampleLines = text.split('\n');
  const lineIndex = sampleLines.findIndex((line) => line.includes(needle));
  const sampleLine = sampleLines[lineIndex];
  const lineTokens = lines[lineIndex];
  if (sampleLine === undefined) throw new Error(`"${needle}" is not in the sample`);
  if (lineTokens === undefined) throw new Error(`no tokens for line ${lineIndex + 1} of the sample`);
  const start = sampleLine.indexOf(needle);
  const end = start + needle.length;
  let offset = 0;
  const inside: Token[] = [];
  for (const token of lineTokens) {
    const tokenEnd = offset + token.text.length;
    if (tokenEnd > start && offset < end) inside.push(token);
    offset = tokenEnd;
  }
  return inside;
}
