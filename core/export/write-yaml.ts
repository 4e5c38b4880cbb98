/**
 * Block-style YAML of plain data (objects, arrays, strings, numbers, booleans), written directly: for a 2,000-step
 * workflow the manifest is megabytes, and building the `yaml` library's node tree for it took seconds where this
 * takes tens of milliseconds. The tests parse every output back with `yaml`, as YAML 1.2 and as YAML 1.1 (what
 * kubectl's parser reads), and require the data unchanged.
 *
 * Strings are plain when no YAML reader could take them for anything else, literal blocks when they span lines,
 * and JSON-quoted otherwise (a JSON string is a valid double-quoted YAML scalar). No anchors or aliases: many
 * readers cap how many aliases a document may hold.
 */
export function writeYaml(value: unknown, header: readonly string[] = []): string {
  const writer = new YamlWriter();
  for (const line of header) writer.line(line ? `# ${line}` : '#');
  if (header.length) writer.line('');
  writer.node(value, '', '');
  return writer.text;
}

class YamlWriter {
  text = '';
  /** Scalars come back again and again (keys, images, the splitter's script): each is rendered once. */
  private readonly scalars = new Map<string, string>();
  private readonly blocks = new Map<string, string>();

  line(text: string): void {
    this.text += `${text}\n`;
  }

  /** Write `value` after `lead` (a key and colon, a dash, or nothing), its lines indented by `indent`. */
  node(value: unknown, lead: string, indent: string): void {
    if (Array.isArray(value)) this.sequence(value, lead, indent);
    else if (value !== null && typeof value === 'object')
      this.mapping(value as Record<string, unknown>, lead, indent);
    else this.scalar(value, lead, indent);
  }

  private mapping(value: Record<string, unknown>, lead: string, indent: string): void {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    if (keys.length === 0) {
      this.line(`${lead}${lead ? ' ' : ''}{}`);
      return;
    }
    // After a dash the first entry stays on the dash's line ("- name: x"); after a key the mapping goes below.
    const inline = lead.endsWith('-');
    if (lead && !inline) this.line(lead);
    const inner = lead ? `${indent}  ` : indent;
    keys.forEach((key, index) => {
      const keyText = `${this.scalarText(key)}:`;
      this.node(value[key], inline && index === 0 ? `${lead} ${keyText}` : `${inner}${keyText}`, inner);
    });
  }

  private sequence(value: readonly unknown[], lead: string, indent: string): void {
    if (value.length === 0) {
      this.line(`${lead}${lead ? ' ' : ''}[]`);
      return;
    }
    if (lead) this.line(lead);
    const inner = lead ? `${indent}  ` : indent;
    for (const item of value) {
      if (Array.isArray(item) && item.length) {
        this.line(`${inner}-`);
        this.node(item, '', `${inner}  `);
      } else this.node(item, `${inner}-`, inner);
    }
  }

  private scalar(value: unknown, lead: string, indent: string): void {
    const space = lead ? ' ' : '';
    const block = typeof value === 'string' ? this.literalBlock(value, indent) : undefined;
    if (block !== undefined) this.text += `${lead}${space}${block}`;
    else this.line(`${lead}${space}${this.scalarText(value)}`);
  }

  /** `|` with its chomping and the indented lines, or undefined when a literal block would not keep the text. */
  private literalBlock(value: string, indent: string): string | undefined {
    const cacheKey = `${indent}\u0000${value}`;
    let block = this.blocks.get(cacheKey);
    if (block === undefined) {
      if (!isLiteralBlock(value)) return undefined;
      const chomp = value.endsWith('\n\n') ? '+' : value.endsWith('\n') ? '' : '-';
      const body = chomp === '-' ? value : value.slice(0, -1);
      block = `|${chomp}\n${body
        .split('\n')
        .map((line) => (line ? `${indent}  ${line}\n` : '\n'))
        .join('')}`;
      this.blocks.set(cacheKey, block);
    }
    return block;
  }

  private scalarText(value: unknown): string {
    if (typeof value !== 'string') return scalarText(value);
    let text = this.scalars.get(value);
    if (text === undefined) {
      text = scalarText(value);
      this.scalars.set(value, text);
    }
    return text;
  }
}

/** A scalar on one line: plain when unambiguous, else JSON-quoted. */
function scalarText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return 'null';
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** Words and numbers that YAML 1.2 or 1.1 (kubectl's go-yaml) would read as something other than a string. */
const AMBIGUOUS = /^(?:~|null|true|false|yes|no|on|off|y|n|=)$|^<</i;
const NUMBER_LIKE = /^[-+]?[0-9]|^[-+]?\.[0-9._]*(?:e[-+]?[0-9]+)?$|^[-+]?\.(?:inf|nan)$/i;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

function isPlainSafe(text: string): boolean {
  if (text === '' || text !== text.trim() || AMBIGUOUS.test(text) || NUMBER_LIKE.test(text)) return false;
  // An indicator may start a plain scalar only as "-x", "?x" or ":x" (not followed by a space).
  if (INDICATOR.test(text) && !/^[-?:][^\s]/.test(text)) return false;
  return !text.includes(': ') && !text.endsWith(':') && !text.includes(' #') && !NOT_PRINTABLE.test(text);
}

/** Line breaks, tabs and other characters YAML does not print as they are (C0 and C1 controls, separators). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_PRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/**
 * Multi-line text a literal block keeps exactly: printable lines without trailing blanks, the first one not
 * starting with a blank (its indentation sets the block's; later lines may be indented further).
 */
function isLiteralBlock(text: string): boolean {
  if (!text.includes('\n') || /^\s/.test(text) || / \n|\t\n|[ \t]$/.test(text)) return false;
  return !NOT_PRINTABLE.test(text.replace(/\n/g, ''));
}
