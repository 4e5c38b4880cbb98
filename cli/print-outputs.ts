/**
 * The workflow outputs in the grammar steps write them in (docs/workflow-format.md "Outputs", GitHub's
 * `$GITHUB_OUTPUT`): `name=value`, and `name<<EOF` … `EOF` for a value with line breaks, which a plain
 * `name=value` line would leave ambiguous. The delimiter never occurs as a line of the value.
 */
export function formatOutputs(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
      const lines = new Set(value.split(/\r?\n/));
      let delimiter = 'EOF';
      for (let n = 1; lines.has(delimiter); n++) delimiter = `EOF_${n}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}
