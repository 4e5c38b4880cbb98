import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { contributedGrammars, scopesOf, tokenize, yamlGrammars, type Token } from './tokenize.js';
import { must } from '../../support/must.js';

/** Each construct with the scope every piece of it must carry (besides meta.interpolation.dagger). */
const constructs: { sample: string; pieces: [string, string][] }[] = [
  {
    sample: '${HOME}',
    pieces: [
      ['${', 'punctuation.definition.interpolation.begin.dagger'],
      ['HOME', 'variable.other.env.dagger'],
      ['}', 'punctuation.definition.interpolation.end.dagger'],
    ],
  },
  {
    sample: '${A:-x}',
    pieces: [
      ['${', 'punctuation.definition.interpolation.begin.dagger'],
      ['A', 'variable.other.env.dagger'],
      [':-', 'keyword.other.default.dagger'],
      ['x', 'string.unquoted.default.dagger'],
      ['}', 'punctuation.definition.interpolation.end.dagger'],
    ],
  },
  {
    sample: '${inputs.k}',
    pieces: [
      ['${', 'punctuation.definition.interpolation.begin.dagger'],
      ['inputs', 'variable.language.inputs.dagger'],
      ['.', 'punctuation.accessor.dagger'],
      ['k', 'variable.other.input.dagger'],
      ['}', 'punctuation.definition.interpolation.end.dagger'],
    ],
  },
  {
    sample: '${steps.a.outputs.b}',
    pieces: [
      ['${', 'punctuation.definition.interpolation.begin.dagger'],
      ['steps', 'variable.language.steps.dagger'],
      ['.', 'punctuation.accessor.dagger'],
      ['a', 'variable.other.step.dagger'],
      ['.', 'punctuation.accessor.dagger'],
      ['outputs', 'variable.language.outputs.dagger'],
      ['.', 'punctuation.accessor.dagger'],
      ['b', 'variable.other.output.dagger'],
      ['}', 'punctuation.definition.interpolation.end.dagger'],
    ],
  },
];

/** YAML places a value can sit in, each with the YAML scope the interpolation must stay inside (if any). */
const contexts: { name: string; document: (value: string) => string; yamlScope?: string }[] = [
  {
    name: 'a plain scalar (value starts with it)',
    document: (value) => `steps:\n  - id: a\n    image: ${value}\n`,
  },
  {
    name: 'a plain scalar (in the middle)',
    document: (value) => `steps:\n  - id: a\n    environment:\n      URL: http://${value}/path\n`,
    yamlScope: 'string.unquoted.plain.out.yaml',
  },
  {
    name: 'a double-quoted scalar',
    document: (value) => `steps:\n  - id: a\n    environment:\n      URL: "pre ${value} post"\n`,
    yamlScope: 'string.quoted.double.yaml',
  },
  {
    name: 'a single-quoted scalar',
    document: (value) => `steps:\n  - id: a\n    environment:\n      URL: '${value}'\n`,
    yamlScope: 'string.quoted.single.yaml',
  },
  {
    name: 'a flow sequence (command: ["echo", "…"])',
    document: (value) => `steps:\n  - id: a\n    command: ["echo", "${value}"]\n`,
    yamlScope: 'string.quoted.double.yaml',
  },
  {
    name: 'a block sequence item',
    document: (value) => `steps:\n  - id: a\n    command:\n      - echo\n      - "${value}"\n`,
    yamlScope: 'string.quoted.double.yaml',
  },
  {
    name: 'a literal block scalar',
    document: (value) => `description: |\n  runs with ${value} set\nsteps: []\n`,
    yamlScope: 'string.unquoted.block.yaml',
  },
];

void test('package.json contributes the dagger-workflow grammar and injects ${…} highlighting into YAML', () => {
  const grammars = contributedGrammars();
  const base = grammars.find((grammar) => grammar.language === 'dagger-workflow');
  assert.equal(base?.scopeName, 'source.dagger-workflow');
  assert.equal(base?.path.replace(/^\.\//, ''), 'syntaxes/dagger-workflow.tmLanguage.json');
  const injection = grammars.find((grammar) => grammar.scopeName === 'dagger.interpolation.injection');
  assert.equal(injection?.path.replace(/^\.\//, ''), 'syntaxes/dagger-interpolation.tmLanguage.json');
  assert.ok(injection?.injectTo?.includes('source.yaml'), 'injected into plain YAML files too');
});

// source.dagger-workflow carries the injection itself (and may get it again through injectTo); source.yaml gets it
// through injectTo, as in VS Code.
const roots = ['source.dagger-workflow', 'source.yaml'];

function describeTokens(tokens: Token[]): string {
  return tokens.map((token) => `${JSON.stringify(token.text)} ${token.scopes.join(' ')}`).join('\n');
}

for (const yaml of yamlGrammars()) {
  for (const rootScope of roots) {
    void describe(`\${…} highlighting in ${rootScope} (YAML grammar: ${yaml.name})`, () => {
      for (const context of contexts) {
        for (const construct of constructs) {
          void it(`${construct.sample} in ${context.name}`, async () => {
            const tokens = await scopesOf(
              yaml,
              rootScope,
              context.document(construct.sample),
              construct.sample,
            );
            const shown = describeTokens(tokens);
            assert.deepEqual(
              tokens.map((token) => token.text),
              construct.pieces.map(([text]) => text),
              `token boundaries:\n${shown}`,
            );
            tokens.forEach((token, index) => {
              const [, expected] = must(construct.pieces[index], `the piece of ${token.text}`);
              assert.ok(
                token.scopes.includes('meta.interpolation.dagger'),
                `${token.text} not in meta:\n${shown}`,
              );
              assert.ok(token.scopes.includes(expected), `${token.text} lacks ${expected}:\n${shown}`);
              if (context.yamlScope) {
                assert.ok(
                  token.scopes.includes(context.yamlScope),
                  `${token.text} left ${context.yamlScope}:\n${shown}`,
                );
              }
            });
          });
        }

        void it(`$\${literal} in ${context.name} is an escape, not an interpolation`, async () => {
          const tokens = await scopesOf(yaml, rootScope, context.document('$${literal}'), '$${literal}');
          const shown = describeTokens(tokens);
          assert.equal(tokens[0]?.text, '$${', shown);
          assert.ok(tokens[0]?.scopes.includes('constant.character.escape.dagger'), shown);
          assert.ok(
            tokens.every((token) => !token.scopes.includes('meta.interpolation.dagger')),
            `the escaped text must not be highlighted:\n${shown}`,
          );
        });
      }

      void it('leaves the YAML string intact after an interpolation (closing quote, next key)', async () => {
        const [first, second] = await tokenize(yaml, rootScope, 'a: "${X}"\nb: 1\n');
        assert.ok(first && second, 'two lines of tokens');
        const closingQuote = first.at(-1);
        assert.equal(closingQuote?.text, '"');
        assert.ok(
          closingQuote?.scopes.includes('punctuation.definition.string.end.yaml'),
          describeTokens(first),
        );
        assert.ok(second[0]?.scopes.includes('entity.name.tag.yaml'), describeTokens(second));
      });

      void it('does not highlight ${…} inside a comment', async () => {
        const tokens = await scopesOf(yaml, rootScope, 'steps: [] # uses ${HOME}\n', '${HOME}');
        assert.ok(
          tokens.every((token) => !token.scopes.includes('meta.interpolation.dagger')),
          describeTokens(tokens),
        );
        assert.ok(
          tokens.every((token) => token.scopes.includes('comment.line.number-sign.yaml')),
          describeTokens(tokens),
        );
      });

      void it('leaves GitHub-Actions-style ${{ … }} alone', async () => {
        const tokens = await scopesOf(
          yaml,
          rootScope,
          'run: "echo ${{ github.sha }}"\n',
          '${{ github.sha }}',
        );
        assert.ok(
          tokens.every((token) => !token.scopes.includes('meta.interpolation.dagger')),
          describeTokens(tokens),
        );
      });

      void it('marks a malformed ${ bad } as invalid between its braces', async () => {
        const tokens = await scopesOf(yaml, rootScope, 'a: "x ${ bad } y"\n', '${ bad }');
        assert.deepEqual(
          tokens.map((token) => token.text),
          ['${', ' bad ', '}'],
        );
        assert.ok(tokens[1]?.scopes.includes('invalid.illegal.interpolation.dagger'), describeTokens(tokens));
      });

      void it('marks only the opening of an unclosed ${steps. and keeps the rest of the document', async () => {
        const text = 'a: "${steps."\nb: c\n';
        const [first, second] = await tokenize(yaml, rootScope, text);
        assert.ok(first && second, 'two lines of tokens');
        const opening = first.find((token) => token.text === '${');
        assert.ok(
          opening?.scopes.includes('invalid.illegal.unclosed-interpolation.dagger'),
          describeTokens(first),
        );
        const rest = first.find((token) => token.text.includes('steps.'));
        assert.ok(rest && !rest.scopes.includes('meta.interpolation.dagger'), describeTokens(first));
        assert.ok(second[0]?.scopes.includes('entity.name.tag.yaml'), describeTokens(second));
      });
    });
  }
}
