// The two rewrites a value goes through before a step's process sees it on a cluster: Argo's `{{…}}` tags, then
// Kubernetes' `$(VAR)` expansion of command, args and env values. Both follow the engines' own algorithms.

/**
 * Argo's simple tag replacement (util/template, fasttemplate with `{{` `}}`): each `{{tag}}` whose trimmed
 * name is in `values` is replaced; unknown tags are written back unchanged (allowUnresolved), as the controller
 * does when it builds a pod. A `{{` without `}}` is an error, as in fasttemplate.
 */
export function replaceArgoTags(text: string, values: ReadonlyMap<string, string>): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = text.indexOf('{{', at);
    if (start === -1) return out + text.slice(at);
    const end = text.indexOf('}}', start + 2);
    if (end === -1) throw new Error(`cannot find end tag "}}" in "${text}"`);
    const tag = text.slice(start + 2, end);
    if (tag.trim().startsWith('=')) throw new Error(`expression tag {{${tag}}} is not simulated`);
    const value = values.get(tag.trim());
    out += text.slice(at, start) + (value ?? `{{${tag}}}`);
    at = end + 2;
  }
}

/**
 * Kubernetes' expansion (third_party/forked/golang/expansion): `$(NAME)` becomes the variable's value when it is
 * defined, else stays as written; `$$` becomes `$`; any other `$` is kept.
 */
export function expandKubernetesVariables(text: string, variables: ReadonlyMap<string, string>): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < text.length; cursor++) {
    if (text[cursor] !== '$' || cursor + 1 >= text.length) continue;
    out += text.slice(checkpoint, cursor);
    const next = text[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = text.indexOf(')', cursor + 2);
      if (close === -1) out += '$(';
      else {
        const name = text.slice(cursor + 2, close);
        out += variables.get(name) ?? `$(${name})`;
        advance = close - cursor;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + text.slice(checkpoint);
}
