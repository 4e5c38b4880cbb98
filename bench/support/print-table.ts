import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Print `measure | value | notes` rows as an aligned table (the closing output of the Docker benches). */
export function printTable(rows: readonly string[][]): void {
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ');
  console.log(line(['measure', 'value', 'notes']));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

/** The line a Docker bench starts with: engine, Node, CPUs and load, which its figures depend on. */
export function machineLine(): string {
  const engine = execFileSync('docker', ['version', '--format', '{{.Server.Version}}']).toString().trim();
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return `Docker engine ${engine}, Node ${process.version}, ${availableParallelism()} CPUs, load average ${load}\n`;
}
