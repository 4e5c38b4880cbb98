import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { CacheStore, type CacheEntry } from '../../core/cache/cache-store.js';
import { defaultCacheDir } from '../../core/cache/default-cache-dir.js';
import { DEFAULT_MAX_AGE_SECONDS, formatAge, parseMaxAge } from '../../core/cache/max-age.js';
import { parseCommandArgs, UsageError, type CliCommand } from '../command.js';

const HELP = `Usage: dagger-wf cache ls [--json]
       dagger-wf cache show KEY [--json]
       dagger-wf cache prune [--older-than AGE | --all]

The step cache holds the results of steps with cache: true (their outputs and log), keyed by what decides
them: the image digest, the command, the environment, the content of read-only volumes and the outputs
they consume.

  ls                 every entry, newest first: key, workflow, step, age, size, run that stored it
  show KEY           one entry (a unique key prefix is enough): what its key is made of, outputs, log
  prune              delete entries older than AGE (default 7d) and unreadable ones; --all: every entry

Options:
  --older-than AGE   e.g. 12h, 7d, 30m or seconds
  --all              with prune: empty the cache
  --json             print JSON on stdout
  --cache-dir DIR    the cache (default: $DAGGER_WF_CACHE_DIR, else $XDG_CACHE_HOME/dagger-wf/steps,
                     else ~/.cache/dagger-wf/steps)
  -h, --help         show this help`;

/** `dagger-wf cache ls|show|prune`: look into and clean the step cache. */
export const cacheCommand: CliCommand = {
  name: 'cache',
  summary: 'list, show and prune step cache entries',
  help: HELP,
  run(argv) {
    const { values, positionals } = parseCommandArgs('cache', argv, {
      json: { type: 'boolean' },
      'older-than': { type: 'string' },
      all: { type: 'boolean' },
      'cache-dir': { type: 'string' },
    });
    const store = new CacheStore(resolve(values['cache-dir'] ?? defaultCacheDir()));
    const [action, ...rest] = positionals;
    switch (action) {
      case 'ls':
        expectArguments(rest, 0, 'cache ls');
        return Promise.resolve(list(store, values.json ?? false));
      case 'show':
        expectArguments(rest, 1, 'cache show KEY');
        return Promise.resolve(show(store, rest[0] ?? '', values.json ?? false));
      case 'prune':
        expectArguments(rest, 0, 'cache prune');
        return Promise.resolve(prune(store, values['older-than'], values.all ?? false));
      default:
        throw new UsageError(
          action === undefined
            ? 'cache: expected ls, show or prune (see dagger-wf cache --help)'
            : `cache: unknown action "${action}" (use ls, show or prune)`,
        );
    }
  },
};

function expectArguments(rest: string[], count: number, usage: string): void {
  if (rest.length !== count) throw new UsageError(`cache: usage: dagger-wf ${usage}`);
}

function ageOf(entry: CacheEntry): string {
  return formatAge((Date.now() - Date.parse(entry.created_at)) / 1000);
}

function list(store: CacheStore, json: boolean): number {
  const { entries, corrupt } = store.list();
  if (json) {
    const rows = entries.map(({ entry, bytes }) => ({
      key: entry.key,
      workflow: entry.workflow,
      step: entry.step,
      created_at: entry.created_at,
      run_id: entry.run_id,
      bytes,
    }));
    process.stdout.write(`${JSON.stringify({ entries: rows, unreadable: corrupt }, null, 2)}\n`);
    return 0;
  }
  if (!entries.length && !corrupt.length) {
    process.stderr.write(`the step cache ${store.dir} is empty\n`);
    return 0;
  }
  const rows = entries.map(({ entry, bytes }) => [
    entry.key.slice(0, 12),
    entry.workflow,
    entry.step,
    ageOf(entry),
    formatSize(bytes),
    entry.run_id,
  ]);
  const table = [['KEY', 'WORKFLOW', 'STEP', 'AGE', 'SIZE', 'RUN'], ...rows];
  const widths =
    table[0]?.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of table)
    process.stdout.write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  for (const path of corrupt) process.stderr.write(`unreadable entry (a miss; prune removes it): ${path}\n`);
  return 0;
}

function show(store: CacheStore, prefix: string, json: boolean): number {
  if (!/^[0-9a-f]{4,64}$/.test(prefix))
    throw new UsageError(`cache: "${prefix}" is not a cache key (4 to 64 hex digits)`);
  const matches = store.list().entries.filter(({ entry }) => entry.key.startsWith(prefix));
  const [match, ...others] = matches;
  if (!match || others.length) {
    const why = match ? `${matches.length} entries start with ${prefix}: give more digits` : 'no entry';
    process.stderr.write(`dagger-wf: cache show ${prefix}: ${why}\n`);
    return 1;
  }
  const { entry } = match;
  if (json) {
    process.stdout.write(`${JSON.stringify(entry, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `key       ${entry.key}`,
    `step      ${entry.step} of ${entry.workflow}`,
    `stored    ${entry.created_at} (${ageOf(entry)} ago) by run ${entry.run_id}`,
    'made of',
    ...Object.entries(entry.components).map(([name, hash]) => `  ${name}: ${hash}`),
    'outputs',
    ...Object.entries(entry.outputs).map(([name, value]) => `  ${name}=${value}`),
    `log (${entry.log.length} characters)`,
    ...entry.log.split('\n').map((line) => `  | ${line}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function prune(store: CacheStore, olderThan: string | undefined, all: boolean): number {
  if (all && olderThan !== undefined) throw new UsageError('cache: give --older-than or --all, not both');
  const limit = olderThan === undefined ? DEFAULT_MAX_AGE_SECONDS : parseMaxAge(olderThan);
  if (limit === undefined)
    throw new UsageError(`cache: --older-than "${olderThan}" is not an age (e.g. 12h, 7d, 30m, seconds)`);
  const { entries, corrupt } = store.list();
  const now = Date.now();
  const old = entries.filter(({ entry }) => all || (now - Date.parse(entry.created_at)) / 1000 > limit);
  for (const { entry } of old) store.remove(entry.key);
  for (const path of corrupt) rmSync(path, { force: true });
  const kept = entries.length - old.length;
  process.stderr.write(
    `removed ${old.length} entr${old.length === 1 ? 'y' : 'ies'}${corrupt.length ? ` and ${corrupt.length} unreadable` : ''}; ${kept} kept\n`,
  );
  return 0;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
