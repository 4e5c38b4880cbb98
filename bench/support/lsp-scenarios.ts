/**
 * The measurements of `npm run bench:lsp`, run the same way against any server (ours or the peer): open → first
 * diagnostics; edit → diagnostics for an edit that adds or removes a schema error, and for one that leaves a YAML
 * syntax error inside a step; completion in a `depends_on` block list, and in a `depends_on: [` left unclosed
 * above the rest of its step. Edits go as ranges or as the whole text (`sync`), as different clients send them.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver/node';
import type { LspTestClient } from '../../test/lsp/support/lsp-test-client.js';
import type { BenchWorkflow } from './bench-workflow.js';
import { percentile, timed } from './latency.js';
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
  /** How edits are sent: as ranges, or as the whole new text. */
  sync: 'incremental' | 'full';
  timeoutMs: number;
}

/** Latencies of one kind of operation, and the server's mean CPU time per operation. */
export interface Latency {
  p50: number;
  p95: number;
  cpuMs: number;
}

export interface ServerFigures {
  /** Median of the opens (p50 = p95 = median), CPU per open. */
  open: Latency;
  edit: Latency;
  syntaxErrorEdit: Latency;
  completion: Latency;
  unclosedCompletion: Latency;
  /** Diagnostics on the untouched (valid) document: should be 0. */
  diagnosticsOnOpen: number;
  /** Diagnostics published for the version with the syntax error in one step. */
  diagnosticsWithSyntaxError: number;
  /** Labels offered in the `depends_on` block list (for a sanity check by the caller). */
  completionLabels: string[];
  /** Labels offered in the unclosed `depends_on: [`. */
  unclosedCompletionLabels: string[];
}

/** Run all measurements on one server; throws when the server does not really validate. */
export async function measureServer(client: LspTestClient, options: ScenarioOptions): Promise<ServerFigures> {
  const opened = await measureOpen(client, options);
  const document = new BenchDocument(client, options);
  await document.open();
  const edit = await measureEdits(document, options);
  const syntax = await measureSyntaxErrorEdits(document, options);
  const completion = await measureCompletion(document, options);
  const unclosed = await measureUnclosedCompletion(document, options);
  return {
    open: opened.latency,
    edit,
    syntaxErrorEdit: syntax.latency,
    completion: completion.latency,
    unclosedCompletion: unclosed.latency,
    diagnosticsOnOpen: opened.diagnostics,
    diagnosticsWithSyntaxError: syntax.diagnostics,
    completionLabels: completion.labels,
    unclosedCompletionLabels: unclosed.labels,
  };
}

/** One open document of the benchmark: its text and version as the server has them, edits sent per `sync`. */
class BenchDocument {
  readonly uri: string;
  private document: TextDocument;

  constructor(
    readonly client: LspTestClient,
    private readonly options: ScenarioOptions,
  ) {
    this.uri = options.nextUri();
    this.document = TextDocument.create(this.uri, 'yaml', 1, options.workflow.text);
  }

  get text(): string {
    return this.document.getText();
  }

  async open(): Promise<Diagnostic[]> {
    const since = this.client.published.length;
    await this.client.open(this.uri, this.text, 1);
    return (await this.diagnosticsOf(1, since)).diagnostics;
  }

  /** Replace `[start, end)` (offsets) by `insert` and wait for the diagnostics of that version. */
  async edit(start: number, end: number, insert: string): Promise<Diagnostic[]> {
    const since = this.client.published.length;
    const range = { start: this.document.positionAt(start), end: this.document.positionAt(end) };
    const next = TextDocument.update(this.document, [{ range, text: insert }], this.document.version + 1);
    const change = this.options.sync === 'full' ? { text: next.getText() } : { range, text: insert };
    const version = await this.client.change(this.uri, [change]);
    this.document = next;
    return (await this.diagnosticsOf(version, since)).diagnostics;
  }

  /** Completion labels at an offset. */
  async complete(offset: number): Promise<string[]> {
    const result = await this.client.request<CompletionItem[] | CompletionList | null>(
      'textDocument/completion',
      {
        textDocument: { uri: this.uri },
        position: this.document.positionAt(offset),
      },
    );
    return (Array.isArray(result) ? result : (result?.items ?? [])).map((item) => item.label);
  }

  lineOf(offset: number): number {
    return this.document.positionAt(offset).line;
  }

  private diagnosticsOf(version: number, since: number) {
    return this.client.waitForDiagnostics(this.uri, this.options.versionedDiagnostics ? version : undefined, {
      since,
      timeoutMs: this.options.timeoutMs,
    });
  }
}

/** Times one operation (wall clock and the server's CPU time); what runs outside it is not counted. */
type Measure = <T>(operation: () => Promise<T>) => Promise<T>;

/**
 * Run `action` `warmups + samples` times; each run measures its operation with `measure`, and the runs after the
 * warm-up give the latencies and the mean CPU time per operation.
 */
async function sample(
  client: LspTestClient,
  options: ScenarioOptions,
  action: (index: number, measure: Measure) => Promise<void>,
  samples = options.samples,
): Promise<Latency> {
  const measured: number[] = [];
  let cpuMs = 0;
  for (let index = 0; index < options.warmups + samples; index++) {
    const counted = index >= options.warmups;
    await action(index, async (operation) => {
      const cpuBefore = processCpuMs(client.child.pid);
      const { ms, result } = await timed(operation);
      if (counted) {
        measured.push(ms);
        cpuMs += processCpuMs(client.child.pid) - cpuBefore;
      }
      return result;
    });
  }
  return { p50: percentile(measured, 50), p95: percentile(measured, 95), cpuMs: cpuMs / measured.length };
}

/** Median of several opens of the whole document, each in a fresh URI. */
async function measureOpen(
  client: LspTestClient,
  options: ScenarioOptions,
): Promise<{ latency: Latency; diagnostics: number }> {
  let diagnostics = 0;
  // A third as many opens as other samples (each open reads the whole file), at least 5.
  const latency = await sample(
    client,
    { ...options, warmups: 1 },
    async (_index, measure) => {
      const document = new BenchDocument(client, options);
      diagnostics = (await measure(() => document.open())).length;
      await client.close(document.uri);
    },
    Math.max(5, Math.round(options.samples / 3)),
  );
  return { latency: { ...latency, p95: latency.p50 }, diagnostics };
}

/**
 * Rename `image:` to `imagee:` in the middle step and back, alternately, waiting each time for the diagnostics
 * of that very edit, and check they show (or no longer show) the unknown property.
 */
function measureEdits(document: BenchDocument, options: ScenarioOptions): Promise<Latency> {
  return sample(
    document.client,
    options,
    async (index, measure) => {
      const addsError = index % 2 === 0;
      const at = document.text.indexOf(
        addsError ? '    image:' : '    imagee:',
        middleStart(document, options),
      );
      const result = await measure(() =>
        addsError ? document.edit(at + 4, at + 9, 'imagee') : document.edit(at + 4, at + 10, 'image'),
      );
      const reported = result.some((diagnostic) => diagnostic.range.start.line === document.lineOf(at));
      if (reported !== addsError) {
        throw new Error(
          `${options.serverName}: after ${addsError ? 'adding' : 'removing'} "imagee:" its diagnostics ` +
            `${reported ? 'still report' : 'do not report'} it: ${JSON.stringify(result)}`,
        );
      }
    },
    // An even number of edits in all: the document ends as clean as it began.
    options.samples + ((options.warmups + options.samples) % 2),
  );
}

/**
 * Type `[` before the middle step's image (`image: [node…`, left unclosed), measured, then take it out again,
 * not measured: each measured edit leaves a syntax error inside one step of a file that was clean.
 */
async function measureSyntaxErrorEdits(
  document: BenchDocument,
  options: ScenarioOptions,
): Promise<{ latency: Latency; diagnostics: number }> {
  let diagnostics = 0;
  const latency = await sample(document.client, options, async (_index, measure) => {
    const at = document.text.indexOf('    image: ', middleStart(document, options)) + '    image: '.length;
    const result = await measure(() => document.edit(at, at, '['));
    if (result.length === 0) throw new Error(`${options.serverName}: no diagnostic for an unclosed "["`);
    diagnostics = result.length;
    const fixed = await document.edit(at, at + 1, '');
    if (fixed.length !== 0)
      throw new Error(`${options.serverName}: diagnostics left after removing "[": ${JSON.stringify(fixed)}`);
  });
  return { latency, diagnostics };
}

/** Completion at the end of a half-typed entry (`- st|`) added to the middle step's `depends_on` list. */
async function measureCompletion(
  document: BenchDocument,
  options: ScenarioOptions,
): Promise<{ latency: Latency; labels: string[] }> {
  const list =
    document.text.indexOf('    depends_on:\n', middleStart(document, options)) + '    depends_on:\n'.length;
  await document.edit(list, list, '      - st\n');
  const cursor = list + '      - st'.length;
  let labels: string[] = [];
  const latency = await sample(document.client, options, async (_index, measure) => {
    labels = await measure(() => document.complete(cursor));
  });
  return { latency, labels };
}

/**
 * A new step typed above the middle one, its `depends_on: [` still unclosed above its other keys (as someone
 * types without auto-pairs): completion there, whose valid ids are every other step, before and after it.
 */
async function measureUnclosedCompletion(
  document: BenchDocument,
  options: ScenarioOptions,
): Promise<{ latency: Latency; labels: string[] }> {
  const at = middleStart(document, options);
  const head = '  - id: new-step\n    depends_on: [';
  await document.edit(at, at, `${head}\n    image: busybox\n`);
  const cursor = at + head.length;
  let labels: string[] = [];
  const latency = await sample(document.client, options, async (_index, measure) => {
    labels = await measure(() => document.complete(cursor));
  });
  return { latency, labels };
}

/** Offset of the middle step's `- id:` line in the document's current text. */
function middleStart(document: BenchDocument, options: ScenarioOptions): number {
  const at = document.text.indexOf(`  - id: ${options.workflow.middle.id}\n`);
  if (at === -1) throw new Error(`the bench document lost its step ${options.workflow.middle.id}`);
  return at;
}
