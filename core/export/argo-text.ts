import { lexInterpolations } from '../interpolate/lex-interpolations.js';
import { resolveInterpolations } from '../interpolate/resolve-interpolations.js';

/** A piece of an interpolable value, as the export sees it: fixed now, or known only when Argo runs. */
export type TextPiece =
  | { kind: 'literal'; text: string }
  /** A non-secret `${inputs.x}`: a workflow parameter. */
  | { kind: 'input'; name: string }
  /** A `secret: true` input: read from a Kubernetes Secret, never written into the manifest. */
  | { kind: 'secret'; name: string }
  | { kind: 'step-output'; stepId: string; key: string };

/** What the pieces of a value are resolved against at export time. */
export interface SplitContext {
  /** Host variables over the `.env` file, as a run sees them. */
  env: Readonly<Record<string, string | undefined>>;
  secretInputs: ReadonlySet<string>;
  /** Told each host variable that is resolved into the manifest. */
  onHostVariable?(name: string): void;
}

/**
 * Split a value at its `${…}`: host variables are resolved now, as a run resolves them (with their defaults),
 * and become literal text; inputs and step outputs stay pieces for Argo to fill in. Adjacent literals merge.
 */
export function splitValue(text: string, context: SplitContext): TextPiece[] {
  const pieces: TextPiece[] = [];
  const addLiteral = (literal: string) => {
    const last = pieces.at(-1);
    if (last?.kind === 'literal') last.text += literal;
    else if (literal) pieces.push({ kind: 'literal', text: literal });
  };
  for (const piece of lexInterpolations(text)) {
    if (piece.kind === 'text') {
      addLiteral(piece.text);
      continue;
    }
    const { reference, expression } = piece.interpolation;
    if (reference.kind === 'input') {
      pieces.push(
        context.secretInputs.has(reference.name)
          ? { kind: 'secret', name: reference.name }
          : { kind: 'input', name: reference.name },
      );
    } else if (reference.kind === 'step-output') {
      pieces.push({ kind: 'step-output', stepId: reference.stepId, key: reference.key });
    } else {
      // A host variable: the run's own resolution, so defaults and empty values behave the same.
      if (reference.kind === 'env') context.onHostVariable?.(reference.name);
      const resolveContext = { env: context.env, inputs: {}, stepOutputs: {} };
      addLiteral(resolveInterpolations(`\${${expression}}`, resolveContext).value);
    }
  }
  return pieces;
}

/** The pieces' text when every piece is literal, else undefined. */
export function literalText(pieces: readonly TextPiece[]): string | undefined {
  if (pieces.some((piece) => piece.kind !== 'literal')) return undefined;
  return pieces.map((piece) => (piece.kind === 'literal' ? piece.text : '')).join('');
}

/** An environment variable of the container holding `{`, so that `{{` can be written without Argo reading it. */
export const LEFT_BRACE_VARIABLE = 'DAGGER_WF_LBRACE';

/** How the non-literal pieces of a container value are written. */
export interface ContainerTextWriter {
  /** `{{…}}` for an input or a step output (Argo replaces it before the pod starts). */
  placeholder(piece: Extract<TextPiece, { kind: 'input' | 'step-output' }>): string;
  /** The name of the container's environment variable holding a secret input. */
  secretVariable(name: string): string;
  /** Called when a literal needs LEFT_BRACE_VARIABLE. */
  needsLeftBrace(): void;
}

/**
 * A value for a container's `command`, `args` or `env` value. Two engines rewrite those before the process sees
 * them, and each literal is protected from both:
 * - Argo replaces `{{…}}`: a literal `{{` is written as `$(DAGGER_WF_LBRACE){` so Argo never sees it;
 * - Kubernetes expands `$(NAME)` from the container's environment and turns `$$` into `$`: a literal `$` before
 *   `$`, or before `(NAME)` (a shell's `$(date)` too), is written `$$`. A shell's `$(cmd arg)` cannot name a
 *   variable and stays as it is, so commands read as written.
 * Secret inputs become `$(VAR)` references to variables filled from the Secret.
 */
export function writeContainerText(pieces: readonly TextPiece[], writer: ContainerTextWriter): string {
  const written = pieces.map((piece) => {
    if (piece.kind === 'literal') return undefined;
    if (piece.kind === 'secret') return `$(${writer.secretVariable(piece.name)})`;
    return writer.placeholder(piece);
  });
  let out = '';
  pieces.forEach((piece, index) => {
    const fixed = written[index];
    if (fixed !== undefined || piece.kind !== 'literal') {
      out += fixed ?? '';
      return;
    }
    const following = written[index + 1]?.[0] ?? '';
    const text = piece.text;
    const raw = (i: number) => (i < text.length ? text[i] : following);
    // The first character written for position i: a `{` before `{` is written as `$(…)`.
    const first = (i: number) => (i < text.length && text[i] === '{' && raw(i + 1) === '{' ? '$' : raw(i));
    for (let i = 0; i < text.length; i++) {
      const character = text[i];
      const next = first(i + 1);
      if (character === '$' && (next === '$' || (next === '(' && mayNameVariable(text, i + 1)))) out += '$$';
      else if (character === '{' && raw(i + 1) === '{') {
        writer.needsLeftBrace();
        out += `$(${LEFT_BRACE_VARIABLE})`;
      } else out += character;
    }
  });
  return out;
}

/** Environment names Kubernetes may expand: what its `$(…)` could name. */
const VARIABLE_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Whether the `(` at `open` starts a `(NAME)` Kubernetes could expand (unsure, at the end of the text: yes). */
function mayNameVariable(text: string, open: number): boolean {
  const close = text.indexOf(')', open);
  return close === -1 || VARIABLE_NAME.test(text.slice(open + 1, close));
}
