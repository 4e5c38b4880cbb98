/**
 * The three measurements of `npm run bench:lsp`, run the same way against any server (ours or the peer):
 * open → first diagnostics, edit → diagnostics (an edit in the middle that adds and removes a schema error),
 * and completion in a `depends_on` list in the middle.
 */
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver/node';
import type { BenchWorkflow } from './bench-workflow.js';
import { percentile, timed } from './latency.js';
import type { LspTestClient } from '../../test/lsp/support/lsp-test-client.js';
import { processCpuMs } from './process-cpu.js';

export interface ScenarioOptions {
  /** Shown in errors. */
  serverName: string;
  workflow: BenchWorkflow;
  /** A fresh document URI for each call (each open needs its own document). */
  nextUri: () => string;
  /** Samples per latency metric. */
  samples: number;
  warmups: number;
  /** Whether the server sets `version` on publishDiagnostics (ours does; yaml-language-server does not). */
  versionedDiagnostics: boolean;
  timeoutMs: number;
}

export interface ServerFigures {
  openMs: number;
  /** Mean CPU time the server process spent per open, edit and completion (its own work, whatever the load). */
  cpuMs: { open: number; edit: number; completion: number };
  editP50: number;
  editP95: number;
  completionP50: number;
  completionP95: number;
  /** Diagnostics on the untouched (valid) document: should be 0. */
  diagnosticsOnOpen: number;
  /** Labels offered in the depends_on list (for a sanity check by the caller). */
  completionLabels: string[];
}

/** Run all measurements on one server; throws when the server does not really validate. */
export async function measureServer(client: LspTestClient, options: ScenarioOptions): Promise<ServerFigures> {
  const { openMs, diagnosticsOnOpen, cpuMs: openCpu } = await measureOpen(client, options);
  const uri = options.nextUri();
  await openAndSettle(client, uri, options);
  const { p50: editP50, p95: editP95, cpuMs: editCpu } = await measureEdits(client, uri, options);
  const completion = await measureCompletion(client, uri, options);
  return {
    openMs,
    cpuMs: { open: openCpu, edit: editCpu, completion: completion.cpuMs },
    editP50,
    editP95,
    completionP50: completion.p50,
    completionP95: completion.p95,
    diagnosticsOnOpen,
    completionLabels: completion.labels,
  };
}

async function openAndSettle(
  client: LspTestClient,
  uri: string,
  options: ScenarioOptions,
): Promise<Diagnostic[]> {
  const since = client.published.length;
  await client.open(uri, options.workflow.text, 1);
  const published = await client.waitForDiagnostics(uri, options.versionedDiagnostics ? 1 : undefined, {
    since,
    timeoutMs: options.timeoutMs,
  });
  return published.diagnostics;
}

/** Median of several opens of the whole document, each in a fresh URI; the first open is a warm-up. */
async function measureOpen(
  client: LspTestClient,
  options: ScenarioOptions,
): Promise<{ openMs: number; diagnosticsOnOpen: number; cpuMs: number }> {
  const samples: number[] = [];
  let diagnosticsOnOpen = 0;
  // A third as many opens as other samples (each open costs a whole parse), at least 5, plus the warm-up.
  const opens = Math.max(5, Math.round(options.samples / 3)) + 1;
  let cpuAtStart = 0;
  for (let index = 0; index < opens; index++) {
    if (index === 1) cpuAtStart = processCpuMs(client.child.pid);
    const uri = options.nextUri();
    const { ms, result } = await timed(() => openAndSettle(client, uri, options));
    if (index > 0) samples.push(ms);
    diagnosticsOnOpen = result.length;
    await client.close(uri);
  }
  const cpuMs = (processCpuMs(client.child.pid) - cpuAtStart) / samples.length;
  return { openMs: percentile(samples, 50), diagnosticsOnOpen, cpuMs };
}

/**
 * Rename `image:` to `imagee:` in the middle step and back, alternately, waiting each time for the diagnostics
 * of that very edit, and check they show (or no longer show) the unknown property.
 */
async function measureEdits(
  client: LspTestClient,
  uri: string,
  options: ScenarioOptions,
): Promise<{ p50: number; p95: number; cpuMs: number }> {
  const imageLine = options.workflow.middle.imageLine;
  const samples: number[] = [];
  let cpuAtStart = 0;
  for (let index = 0; index < options.warmups * 2 + options.samples; index++) {
    if (index === options.warmups * 2) cpuAtStart = processCpuMs(client.child.pid);
    const addsError = index % 2 === 0;
    const edit = addsError
      ? {
          range: { start: { line: imageLine, character: 4 }, end: { line: imageLine, character: 9 } },
          text: 'imagee',
        }
      : {
          range: { start: { line: imageLine, character: 4 }, end: { line: imageLine, character: 10 } },
          text: 'image',
        };
    const since = client.published.length;
    const { ms, result } = await timed(async () => {
      const version = await client.change(uri, [edit]);
      return client.waitForDiagnostics(uri, options.versionedDiagnostics ? version : undefined, {
        since,
        timeoutMs: options.timeoutMs,
      });
    });
    const reported = result.diagnostics.some((diagnostic) => diagnostic.range.start.line === imageLine);
    if (reported !== addsError) {
      throw new Error(
        `${options.serverName}: after ${addsError ? 'adding' : 'removing'} "imagee:" on line ${imageLine + 1} its ` +
          `diagnostics ${reported ? 'still report' : 'do not report'} it: ${JSON.stringify(result.diagnostics)}`,
      );
    }
    if (index >= options.warmups * 2) samples.push(ms);
  }
  const cpuMs = (processCpuMs(client.child.pid) - cpuAtStart) / samples.length;
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), cpuMs };
}

/** Completion at the end of a half-typed entry (`- st|`) added to the middle step's depends_on. */
async function measureCompletion(
  client: LspTestClient,
  uri: string,
  options: ScenarioOptions,
): Promise<{ p50: number; p95: number; labels: string[]; cpuMs: number }> {
  const line = options.workflow.middle.lastDependencyLine + 1;
  const since = client.published.length;
  const version = await client.change(uri, [
    { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '      - st\n' },
  ]);
  await client.waitForDiagnostics(uri, options.versionedDiagnostics ? version : undefined, {
    since,
    timeoutMs: options.timeoutMs,
  });
  const params = { textDocument: { uri }, position: { line, character: 10 } };
  const samples: number[] = [];
  let labels: string[] = [];
  let cpuAtStart = 0;
  for (let index = 0; index < options.warmups + options.samples; index++) {
    if (index === options.warmups) cpuAtStart = processCpuMs(client.child.pid);
    const { ms, result } = await timed(() =>
      client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', params),
    );
    labels = (Array.isArray(result) ? result : (result?.items ?? [])).map((item) => item.label);
    if (index >= options.warmups) samples.push(ms);
  }
  const cpuMs = (processCpuMs(client.child.pid) - cpuAtStart) / samples.length;
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), labels, cpuMs };
}
