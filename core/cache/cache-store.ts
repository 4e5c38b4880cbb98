import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyComponents } from './cache-key.js';
import { writeFileAtomically } from './write-atomically.js';

/** One cached step result. Outputs are raw (a step whose outputs hold a secret is not stored); the log masked. */
export interface CacheEntry {
  version: 1;
  key: string;
  /** The workflow's file name and the step id: which step's newest entry explains a later miss. */
  workflow: string;
  step: string;
  components: KeyComponents;
  outputs: Record<string, string>;
  log: string;
  /** ISO 8601. */
  created_at: string;
  run_id: string;
}

/** The newest entry of a step (its key and components), kept to explain the next miss. */
interface LatestEntry {
  key: string;
  components: KeyComponents;
  created_at: string;
}

export type EntryLookup =
  { found: true; entry: CacheEntry; bytes: number } | { found: false; corrupt?: string };

const SECRET_KEY_FILE = 'secret-key';

/**
 * The step cache on disk: `entries/<2 hex>/<key>.json`, `latest/<hash of workflow and step>.json`, and the
 * HMAC key for secrets (mode 0600). Every file is written atomically; an entry that cannot be read or parsed
 * is a miss, never a crash.
 */
export class CacheStore {
  constructor(readonly dir: string) {}

  /** The cache's HMAC key for secret values, created once (by whichever process gets there first). */
  secretKey(): Buffer {
    const path = join(this.dir, SECRET_KEY_FILE);
    this.ensureDir(this.dir);
    if (!existsSync(path)) {
      try {
        writeFileSync(path, randomBytes(32), { flag: 'wx', mode: 0o600 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return readFileSync(path);
  }

  read(key: string): EntryLookup {
    const path = this.entryPath(key);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return { found: false };
    }
    const entry = parseEntry(text);
    if (!entry || entry.key !== key)
      return { found: false, corrupt: `cache entry ${key.slice(0, 12)} is unreadable` };
    return { found: true, entry, bytes: Buffer.byteLength(text) };
  }

  write(entry: CacheEntry): void {
    const path = this.entryPath(entry.key);
    this.ensureDir(join(path, '..'));
    writeFileAtomically(path, `${JSON.stringify(entry)}\n`);
    const latest: LatestEntry = {
      key: entry.key,
      components: entry.components,
      created_at: entry.created_at,
    };
    this.ensureDir(join(this.dir, 'latest'));
    writeFileAtomically(this.latestPath(entry.workflow, entry.step), `${JSON.stringify(latest)}\n`);
  }

  /** The components of the step's newest entry (undefined when none or unreadable). */
  latestComponents(workflow: string, step: string): KeyComponents | undefined {
    try {
      const latest = JSON.parse(
        readFileSync(this.latestPath(workflow, step), 'utf8'),
      ) as Partial<LatestEntry>;
      return latest && typeof latest.components === 'object' && latest.components !== null
        ? latest.components
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** Every readable entry with its size, newest first; unreadable ones come back as their paths. */
  list(): { entries: { entry: CacheEntry; bytes: number; path: string }[]; corrupt: string[] } {
    const entries: { entry: CacheEntry; bytes: number; path: string }[] = [];
    const corrupt: string[] = [];
    const root = join(this.dir, 'entries');
    if (!existsSync(root)) return { entries, corrupt };
    for (const shard of readdirSync(root)) {
      const shardDir = join(root, shard);
      if (!statSync(shardDir).isDirectory()) continue;
      for (const name of readdirSync(shardDir)) {
        if (!name.endsWith('.json')) continue;
        const path = join(shardDir, name);
        const lookup = this.read(name.slice(0, -'.json'.length));
        if (lookup.found) entries.push({ entry: lookup.entry, bytes: lookup.bytes, path });
        else corrupt.push(path);
      }
    }
    entries.sort((a, b) => b.entry.created_at.localeCompare(a.entry.created_at));
    return { entries, corrupt };
  }

  /** Delete one entry (its file); true when there was one. */
  remove(key: string): boolean {
    const path = this.entryPath(key);
    if (!existsSync(path)) return false;
    rmSync(path, { force: true });
    return true;
  }

  private entryPath(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) return join(this.dir, 'entries', 'invalid', 'invalid.json');
    return join(this.dir, 'entries', key.slice(0, 2), `${key}.json`);
  }

  private latestPath(workflow: string, step: string): string {
    const name = createHash('sha256')
      .update(JSON.stringify([workflow, step]))
      .digest('hex');
    return join(this.dir, 'latest', `${name}.json`);
  }

  private ensureDir(path: string): void {
    // Logs and outputs are as private as the run folders.
    mkdirSync(path, { recursive: true, mode: 0o700 });
  }
}

function parseEntry(text: string): CacheEntry | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const entry = data as Partial<CacheEntry>;
  const valid =
    entry.version === 1 &&
    typeof entry.key === 'string' &&
    typeof entry.workflow === 'string' &&
    typeof entry.step === 'string' &&
    typeof entry.components === 'object' &&
    entry.components !== null &&
    typeof entry.outputs === 'object' &&
    entry.outputs !== null &&
    Object.values(entry.outputs).every((value) => typeof value === 'string') &&
    typeof entry.log === 'string' &&
    typeof entry.created_at === 'string' &&
    !Number.isNaN(Date.parse(entry.created_at)) &&
    typeof entry.run_id === 'string';
  return valid ? (entry as CacheEntry) : undefined;
}
