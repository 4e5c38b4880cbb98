import { must } from '../../support/must.js';

/** Random but replayable edits of YAML text, for the incremental-vs-full tests (and fuzzing). */

/** A small deterministic PRNG (mulberry32), so a failing seed replays. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  'x',
  'e',
  ' ',
  ':',
  '-',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '#',
  '${',
  '}',
  '\n',
  '  ',
  '\t',
  '    image: alpine\n',
  '  - id: added\n',
  '    depends_on: [step-1, step-2]\n',
  '      - step-3\n',
  '    imagee: typo\n',
  '    command: ["echo", "${steps.step-2.outputs.result}"]\n',
  '    retries: two\n',
  '\r\n',
  '\r',
  '  # dagger-ignore DW002\n',
  '    name: café 🚀\n',
  'outputs:\n',
  '  - id: step-1\n',
  'steps:\n',
  '|\n',
  '&a ',
  '*a',
  '---\n',
  '    name: "unclosed\n',
];

/** One of `items` (a list that is not empty), chosen by `random`. */
export function pickOne<T>(items: readonly T[], random: () => number): T {
  return must(items[Math.floor(random() * items.length)], 'a list to pick from');
}

export interface RandomEdit {
  text: string;
  /** The replaced span in the old text and what replaced it (an LSP change can be built from these). */
  start: number;
  end: number;
  insert: string;
}

/** Insert a snippet, delete a few characters or a line, or change a line's indentation. */
export function randomEdit(text: string, random: () => number): RandomEdit {
  const pick = <T>(items: readonly T[]): T => pickOne(items, random);
  const at = Math.floor(random() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const kind = random();
  let start = at;
  let end = at;
  let insert = '';
  if (kind < 0.45) insert = pick(SNIPPETS);
  else if (kind < 0.7) end = Math.min(text.length, at + 1 + Math.floor(random() * 4));
  else if (kind < 0.8) {
    start = lineStart;
    const next = text.indexOf('\n', at);
    end = next === -1 ? text.length : next + 1;
  } else if (kind < 0.9) {
    start = end = lineStart;
    insert = '  ';
  } else {
    start = lineStart;
    end = text.startsWith('  ', lineStart) ? lineStart + 2 : lineStart;
  }
  return { text: text.slice(0, start) + insert + text.slice(end), start, end, insert };
}
