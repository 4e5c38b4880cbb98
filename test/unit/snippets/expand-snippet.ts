/**
 * A snippet body as VS Code inserts it when every placeholder keeps its default: `${1:x}` gives x (nested
 * ones too), `${1|a,b|}` its first choice, `$1` / `${1}` the default given to 1 elsewhere, `$0` nothing,
 * `\$`, `\}` and `\\` the character. A variable (`$NAME`) throws: in a workflow, `$DAGGER_OUTPUT` must be
 * written `\$DAGGER_OUTPUT`, or VS Code would replace it.
 */
export function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  const expand = (text: string): string => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (char === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1] ?? '')) {
        out += text[++i];
      } else if (char === '$') {
        const rest = text.slice(i + 1);
        const tabstop = /^(\d+)/.exec(rest);
        if (tabstop?.[1] !== undefined) {
          out += defaults.get(tabstop[1]) ?? '';
          i += tabstop[1].length;
        } else if (rest.startsWith('{')) {
          const end = closingBrace(text, i + 1);
          out += placeholder(text.slice(i + 2, end));
          i = end;
        } else throw new Error(`snippet variable at "${text.slice(i, i + 20)}": escape it as \\$`);
      } else out += char;
    }
    return out;
  };
  const placeholder = (inside: string): string => {
    const match = /^(\d+)(?::([\s\S]*)|\|([^|]*)\|)?$/.exec(inside);
    if (!match?.[1]) throw new Error(`not a placeholder: \${${inside}}`);
    const value =
      match[2] !== undefined
        ? expand(match[2])
        : match[3] !== undefined
          ? (match[3].split(',')[0] ?? '')
          : undefined;
    if (value !== undefined) defaults.set(match[1], value);
    return value ?? defaults.get(match[1]) ?? '';
  };
  return expand(body);
}

/** Where the `{` at `open` closes, skipping escapes and nested placeholders. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed placeholder in "${text}"`);
}

/**
 * `host` with its `#SNIPPET` line replaced by `inserted`, as VS Code inserts a multi-line snippet: at the
 * marker's column, every further line indented like the marker's line.
 */
export function insertAtMarker(host: string, inserted: string): string {
  const match = /^( *)#SNIPPET$/m.exec(host);
  if (!match) throw new Error('the host has no #SNIPPET line');
  const indent = match[1] ?? '';
  return host.replace(match[0], indent + inserted.split('\n').join(`\n${indent}`));
}
