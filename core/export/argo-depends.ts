/** The results a `depends` operand may name (Argo's enhanced depends logic). */
export const TASK_RESULTS = ['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned'] as const;

/**
 * The task names a `depends` expression refers to, or a problem when it is not one: operands `task` or
 * `task.Result`, combined with `&&`, `||`, `!` and parentheses.
 */
export function dependsOperands(expression: string): { tasks: string[] } | { problem: string } {
  const tokens = expression.match(/\s+|&&|\|\||!|\(|\)|[A-Za-z0-9][-A-Za-z0-9]*(?:\.[A-Za-z]+)?|./g) ?? [];
  const tasks: string[] = [];
  let depth = 0;
  let expectOperand = true;
  for (const token of tokens) {
    if (/^\s+$/.test(token)) continue;
    if (token === '(' || token === '!') {
      if (!expectOperand) return { problem: `unexpected "${token}" in depends "${expression}"` };
      if (token === '(') depth++;
    } else if (token === ')') {
      if (expectOperand || --depth < 0) return { problem: `unbalanced ")" in depends "${expression}"` };
    } else if (token === '&&' || token === '||') {
      if (expectOperand) return { problem: `"${token}" without an operand in depends "${expression}"` };
      expectOperand = true;
    } else {
      const [task = '', result] = token.split('.');
      if (!expectOperand || !/^[A-Za-z0-9]/.test(task))
        return { problem: `unexpected "${token}" in depends "${expression}"` };
      if (result !== undefined && !(TASK_RESULTS as readonly string[]).includes(result))
        return { problem: `unknown task result "${result}" in depends "${expression}"` };
      tasks.push(task);
      expectOperand = false;
    }
  }
  if (expectOperand || depth !== 0) return { problem: `incomplete depends "${expression}"` };
  return { tasks };
}
