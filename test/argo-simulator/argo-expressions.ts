// The three small languages of an exported manifest, evaluated as Argo's controller evaluates them. Written for
// the simulator from Argo's documented behaviour, independently of the exporter's code.

/** A DAG task's node phase (Argo's NodePhase). */
export type NodePhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Skipped' | 'Omitted';

type Token = string;

function tokenize(text: string, pattern: RegExp): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(pattern)) if (!/^\s+$/.test(match[0])) tokens.push(match[0]);
  if (tokens.join('').replace(/\s+/g, '') !== text.replace(/\s+/g, ''))
    throw new Error(`cannot read expression "${text}"`);
  return tokens;
}

/** A recursive-descent reader of `a || b`, `a && b`, `!a`, `(a)` over operands read by `operand`. */
function evaluateBoolean(tokens: Token[], operand: (tokens: Token[]) => boolean): boolean {
  const or = (): boolean => {
    let value = and();
    while (tokens[0] === '||') {
      tokens.shift();
      const right = and();
      value = value || right;
    }
    return value;
  };
  const and = (): boolean => {
    let value = not();
    while (tokens[0] === '&&') {
      tokens.shift();
      const right = not();
      value = value && right;
    }
    return value;
  };
  const not = (): boolean => {
    if (tokens[0] === '!') {
      tokens.shift();
      return !not();
    }
    if (tokens[0] === '(') {
      tokens.shift();
      const value = or();
      if (tokens.shift() !== ')') throw new Error('expected ")"');
      return value;
    }
    return operand(tokens);
  };
  const value = or();
  if (tokens.length) throw new Error(`unexpected "${tokens[0]}"`);
  return value;
}

/** The task names a `depends` expression reads. */
export function dependsTasks(depends: string): string[] {
  return tokenize(depends, /\s+|&&|\|\||!|\(|\)|[A-Za-z0-9][-A-Za-z0-9]*(\.[A-Za-z]+)?/g)
    .filter((token) => /^[A-Za-z0-9]/.test(token))
    .map((token) => token.split('.')[0] ?? token);
}

/**
 * Evaluate `depends` once every task it names is fulfilled. A bare name means
 * `(task.Succeeded || task.Skipped || task.Daemoned)` (docs/enhanced-depends-logic.md).
 */
export function evaluateDepends(depends: string, phaseOf: (task: string) => NodePhase): boolean {
  const tokens = tokenize(depends, /\s+|&&|\|\||!|\(|\)|[A-Za-z0-9][-A-Za-z0-9]*(\.[A-Za-z]+)?/g);
  return evaluateBoolean(tokens, (rest) => {
    const token = rest.shift() ?? '';
    const [task = '', result] = token.split('.');
    const phase = phaseOf(task);
    switch (result) {
      case undefined:
        return phase === 'Succeeded' || phase === 'Skipped';
      case 'Succeeded':
      case 'Failed':
      case 'Skipped':
      case 'Omitted':
        return phase === result;
      case 'Errored':
        return phase === 'Error';
      case 'Daemoned':
        return false;
      default:
        throw new Error(`unknown task result "${result}"`);
    }
  });
}

/**
 * Evaluate a `when` after substitution, as govaluate does with Argo's rule that bare words are strings:
 * comparisons `x == y` / `x != y` of quoted strings or words, combined with `&&`, `||`, `!` and parentheses.
 */
export function evaluateWhen(when: string): boolean {
  const tokens = tokenize(when, /\s+|&&|\|\||==|!=|!|\(|\)|'[^']*'|"[^"]*"|[^\s()!=&|'"]+/g);
  const word = (token: string | undefined): string => {
    if (token === undefined) throw new Error(`incomplete when "${when}"`);
    return /^['"]/.test(token) ? token.slice(1, -1) : token;
  };
  return evaluateBoolean(tokens, (rest) => {
    const left = word(rest.shift());
    const operator = rest.shift();
    const right = word(rest.shift());
    if (operator === '==') return left === right;
    if (operator === '!=') return left !== right;
    throw new Error(`expected == or != in when "${when}"`);
  });
}

/**
 * Evaluate a DAG output's `valueFrom.expression` of the form the exporter writes: string literals (JSON escapes),
 * `tasks['t'].outputs.parameters['k']` and `inputs.parameters['x']`, joined by `+`. Anything else throws, so a
 * manifest the simulator does not understand fails the test rather than passing it.
 */
export function evaluateOutputExpression(expression: string, scope: ReadonlyMap<string, string>): string {
  const pattern =
    /\s*("(?:[^"\\]|\\.)*"|tasks\['([^']+)'\]\.outputs\.parameters\['([^']+)'\]|inputs\.parameters\['([^']+)'\])\s*(\+|$)/y;
  let value = '';
  let at = 0;
  while (at < expression.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(expression);
    if (!match) throw new Error(`cannot evaluate expression "${expression}"`);
    const [whole, literal, task, key, input] = match;
    if (literal?.startsWith('"')) value += JSON.parse(literal) as string;
    else {
      const name =
        task !== undefined
          ? `tasks.${task}.outputs.parameters.${key ?? ''}`
          : `inputs.parameters.${input ?? ''}`;
      const found = scope.get(name);
      if (found === undefined) throw new Error(`expression reads unset ${name}`);
      value += found;
    }
    at += whole.length;
  }
  return value;
}
