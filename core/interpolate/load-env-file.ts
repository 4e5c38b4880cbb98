import { readFileSync } from 'node:fs';

/** The variables of a `.env` file, and the lines it could not read. */
export interface EnvFile {
  variables: Record<string, string>;
  problems: string[];
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

/**
 * Parse `.env` text the way docker compose and dotenv read it: `NAME=value`, optional `export `,
 * `#` comments, single quotes literal, double quotes with `\n` `\t` `\"` `\\` escapes, unquoted values
 * trimmed and cut at ` #`. No interpolation inside the file.
 */
export function parseEnvFile(text: string): EnvFile {
  // A Map, so a variable named `__proto__` is kept like any other.
  const variables = new Map<string, string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*(#.*)?$/.test(line)) return;
    const [, name, raw] = LINE.exec(line) ?? [];
    if (name === undefined || raw === undefined) {
      problems.push(`line ${index + 1}: expected NAME=value`);
      return;
    }
    variables.set(name, readValue(raw));
  });
  return { variables: Object.fromEntries(variables), problems };
}

function readValue(raw: string): string {
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
    return raw.slice(1, -1).replace(/\\(.)/g, (whole, character: string) => escapes[character] ?? whole);
  }
  const comment = raw.search(/\s#/);
  return (comment >= 0 ? raw.slice(0, comment) : raw).trim();
}

/** Read and parse a `.env` file; throws the file system's error (ENOENT…) for the caller to word. */
export function loadEnvFile(path: string): EnvFile {
  return parseEnvFile(readFileSync(path, 'utf8'));
}
