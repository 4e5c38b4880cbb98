// A literal must reach the step's process unchanged after Argo's `{{…}}` replacement and Kubernetes' `$(VAR)`
// expansion. The simulator's implementations of both (test/argo-simulator) check the writer's escapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LEFT_BRACE_VARIABLE,
  splitValue,
  writeContainerText,
  type ContainerTextWriter,
  type TextPiece,
} from '../../../../core/export/argo-text.js';
import { expandKubernetesVariables, replaceArgoTags } from '../../../argo-simulator/argo-substitution.js';
import { randomString, seededRandom } from './support/seeded-random.js';

const context = { env: { HOME_DIR: '/home/me', EMPTY: '' }, secretInputs: new Set(['token']) };

function writer(): ContainerTextWriter & { leftBrace: boolean } {
  return {
    leftBrace: false,
    placeholder: (piece) =>
      piece.kind === 'input'
        ? `{{workflow.parameters.${piece.name}}}`
        : `{{inputs.parameters.${piece.stepId}_${piece.key}}}`,
    secretVariable: (name) => `DAGGER_WF_SECRET_${name}`,
    needsLeftBrace() {
      this.leftBrace = true;
    },
  };
}

/** What the process sees: Argo's replacement, then Kubernetes' expansion with the container's variables. */
function onCluster(written: string, tags: Record<string, string>, variables: Record<string, string>): string {
  return expandKubernetesVariables(
    replaceArgoTags(written, new Map(Object.entries(tags))),
    new Map(Object.entries({ [LEFT_BRACE_VARIABLE]: '{', ...variables })),
  );
}

void test('host variables are resolved now, as a run resolves them; inputs, secrets and step outputs stay pieces', () => {
  assert.deepEqual(splitValue('${HOME_DIR}/x ${MISSING:-d} ${EMPTY:-e} $${kept}', context), [
    { kind: 'literal', text: '/home/me/x d e ${kept}' },
  ]);
  assert.deepEqual(splitValue('a ${inputs.who} ${inputs.token} ${steps.s.outputs.k}', context), [
    { kind: 'literal', text: 'a ' },
    { kind: 'input', name: 'who' },
    { kind: 'literal', text: ' ' },
    { kind: 'secret', name: 'token' },
    { kind: 'literal', text: ' ' },
    { kind: 'step-output', stepId: 's', key: 'k' },
  ]);
});

void test('literals that Argo or Kubernetes would rewrite are escaped; plain shell reads as written', () => {
  const cases: [string, string][] = [
    ['echo "$HOME" $((1+2))', 'echo "$HOME" $((1+2))'],
    ['n=$(printf %s "$X" | wc -c)', 'n=$(printf %s "$X" | wc -c)'],
    ['today=$(date)', 'today=$$(date)'],
    ['pid=$$', 'pid=$$$'],
    ['docker inspect --format {{.Id}}', `docker inspect --format $(${LEFT_BRACE_VARIABLE}){.Id}}`],
    ['{{{', `$(${LEFT_BRACE_VARIABLE})$(${LEFT_BRACE_VARIABLE}){`],
  ];
  for (const [literal, written] of cases) {
    assert.equal(writeContainerText([{ kind: 'literal', text: literal }], writer()), written, literal);
    assert.equal(onCluster(written, {}, { X: 'x', HOME: '/root', date: 'TODAY' }), literal, literal);
  }
});

void test('escapes look across pieces: a "{" or "$" before a placeholder or a secret stays literal', () => {
  const pieces: TextPiece[] = [
    { kind: 'literal', text: 'cost: {' },
    { kind: 'input', name: 'amount' },
    { kind: 'literal', text: '} paid with $' },
    { kind: 'secret', name: 'token' },
  ];
  const w = writer();
  const written = writeContainerText(pieces, w);
  assert.equal(w.leftBrace, true);
  assert.equal(
    onCluster(written, { 'workflow.parameters.amount': '12' }, { DAGGER_WF_SECRET_token: 's3cr3t' }),
    'cost: {12} paid with $s3cr3t',
  );
});

void test('any literal survives Argo and Kubernetes (random strings of $ { } ( ) and letters)', () => {
  const alphabet = ['$', '{', '}', '(', ')', 'a', 'B', '_', ' ', '.', 'X'];
  const random = seededRandom(7);
  for (let round = 0; round < 3000; round++) {
    const literal = randomString(random, alphabet, 14);
    const pieces: TextPiece[] = [
      { kind: 'literal', text: literal },
      { kind: 'input', name: 'v' },
      { kind: 'literal', text: literal },
    ];
    const written = writeContainerText(pieces, writer());
    // Variables a container might define, named like fragments of the literal.
    const seen = onCluster(written, { 'workflow.parameters.v': 'V' }, { a: '!', X: '!', B: '!', 'a.B': '!' });
    assert.equal(seen, `${literal}V${literal}`, JSON.stringify(literal));
  }
});
