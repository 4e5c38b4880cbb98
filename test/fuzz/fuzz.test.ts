/**
 * Fuzz test of the language server (issue 3): thousands of mutations of real workflows sent as incremental
 * didChange to ONE running server, with completion and hover at random positions between them (and now and then
 * the other requests it advertises). Passes when the process stays alive, every request is answered within
 * REQUEST_DEADLINE_MS (an error response is fine unless it is an internal error), nothing reports an exception
 * (stderr, window/logMessage), published diagnostics never go back to an older version, and every CHECK_EVERY
 * mutations each document's diagnostics equal those of a fresh open of the same text (incremental = full parse).
 *
 *   FUZZ_SEED=12345 FUZZ_ITERATIONS=2000 npm run test:fuzz      (replay / scale)
 *   FUZZ_BATCH=1 (one mutation at a time: the first failure is the culprit)  FUZZ_VERBOSE=1 (progress)
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, LogMessageParams, Position, ServerCapabilities } from 'vscode-languageserver/node';
import { generateWorkflow } from '../lsp/support/generate-workflow.js';
import { LspTestClient } from '../lsp/support/lsp-test-client.js';
import { pickOne, seededRandom } from '../lsp/support/random-edits.js';
import { mutate } from './mutations.js';
import { loadSeedDocuments } from './seed-documents.js';
import { REPO_ROOT } from '../support/paths.js';

const DEFAULT_SEED = 20261128;
const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const iterations = Number(process.env.FUZZ_ITERATIONS ?? 10_000);
const REQUEST_DEADLINE_MS = 10_000;
/** Mutations sent before waiting for the answers: pipelining keeps 10,000 of them within a few minutes. */
const BATCH = Number(process.env.FUZZ_BATCH ?? 25);
/** A document is set back to a fresh seed (a whole-text change) after this many mutations, so it stays workflow-like. */
const RESET_AFTER = 60;
const OPEN_DOCUMENTS = 3;
/** How often (in mutations) each document's diagnostics are compared with those of a fresh open of its text. */
const CHECK_EVERY = 100;
const INTERNAL_ERROR = -32603;
/** Where completion, hover, definition and rename have something to say. */
const INTERESTING = /\$\{|depends_on|- [\w-]+\s*$|id: |image: |\[\s*[\w-]/gm;
const EXCEPTION_TEXT = /failed with message|failed unexpectedly|uncaught|unhandled|\n\s+at .+:\d+:\d+/i;

interface FuzzDocument {
  uri: string;
  /** The seeds this document starts from and is reset to. */
  seeds: readonly { text: string }[];
  document: TextDocument;
  mutationsSinceReset: number;
  lastDiagnostics: Diagnostic[];
}

interface Failure {
  iteration: number;
  what: string;
  /** The document the request was about (for a didChange: the text after it). */
  text: string;
}

interface RequestContext {
  textDocument: { uri: string };
  position: Position;
  diagnostics: Diagnostic[];
  pick: <T>(items: readonly T[]) => T;
}

const atPosition = ({ textDocument, position }: RequestContext): unknown => ({ textDocument, position });
const wholeDocument = ({ textDocument }: RequestContext): unknown => ({ textDocument });

/** The optional requests, each sent only when the server advertises it. */
const occasionalRequests: {
  method: string;
  capability: keyof ServerCapabilities;
  probability: number;
  params: (context: RequestContext) => unknown;
}[] = [
  {
    method: 'textDocument/documentSymbol',
    capability: 'documentSymbolProvider',
    probability: 0.06,
    params: wholeDocument,
  },
  {
    method: 'textDocument/definition',
    capability: 'definitionProvider',
    probability: 0.06,
    params: atPosition,
  },
  {
    method: 'textDocument/codeAction',
    capability: 'codeActionProvider',
    probability: 0.06,
    params: ({ textDocument, position, diagnostics }) => ({
      textDocument,
      range: { start: position, end: position },
      context: { diagnostics },
    }),
  },
  {
    method: 'textDocument/references',
    capability: 'referencesProvider',
    probability: 0.03,
    params: ({ textDocument, position }) => ({
      textDocument,
      position,
      context: { includeDeclaration: true },
    }),
  },
  {
    method: 'textDocument/documentHighlight',
    capability: 'documentHighlightProvider',
    probability: 0.03,
    params: atPosition,
  },
  {
    method: 'textDocument/foldingRange',
    capability: 'foldingRangeProvider',
    probability: 0.03,
    params: wholeDocument,
  },
  {
    method: 'textDocument/prepareRename',
    capability: 'renameProvider',
    probability: 0.03,
    params: atPosition,
  },
  {
    method: 'textDocument/rename',
    capability: 'renameProvider',
    probability: 0.02,
    params: ({ textDocument, position, pick }) => ({
      textDocument,
      position,
      newName: pick(['build', 'step-2', 'x', '', 'a b', '${']),
    }),
  },
  {
    method: 'textDocument/diagnostic',
    capability: 'diagnosticProvider',
    probability: 0.03,
    params: wholeDocument,
  },
  {
    method: 'textDocument/codeLens',
    capability: 'codeLensProvider',
    probability: 0.03,
    params: wholeDocument,
  },
  {
    method: 'textDocument/selectionRange',
    capability: 'selectionRangeProvider',
    probability: 0.03,
    params: ({ textDocument, position }) => ({ textDocument, positions: [position] }),
  },
];

/** Diagnostics in a canonical order, as text, to compare two publications. */
function comparable(diagnostics: Diagnostic[]): string {
  return JSON.stringify(
    diagnostics
      .map(({ code, severity, message, range }) => JSON.stringify({ code, severity, message, range }))
      .sort(),
  );
}

/** shutdown/exit, but kill the server when it does not answer the shutdown (a server stuck in a loop never will). */
async function stopWithin(client: LspTestClient, timeoutMs: number): Promise<void> {
  const { child } = client;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  // stop() waits for the shutdown answer, which a stuck server never sends: the exit ends the wait too.
  await Promise.race([client.stop().catch(() => undefined), exited]);
  clearTimeout(timer);
}

/** Keep the documents of the first failures so they can be opened and replayed by hand. */
function writeFailedDocuments(failures: Failure[]): void {
  const folder = join(REPO_ROOT, 'test-artifacts', 'fuzz');
  mkdirSync(folder, { recursive: true });
  for (const failure of failures.slice(0, 20)) {
    writeFileSync(join(folder, `seed-${seed}-iteration-${failure.iteration}.yaml`), failure.text);
  }
  console.log(`fuzz: documents of the first failures written to ${folder}`);
}

void test(`language server survives ${iterations} random edits with requests in between (seed ${seed})`, async () => {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => pickOne(items, random);
  // 0 validates every version; a few ms lets edits of one batch supersede a pending validation (the debounce path).
  const diagnosticsDelay = pick([0, 2, 10]);
  console.log(
    `fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}), ${iterations} mutations, diagnosticsDelay ${diagnosticsDelay} ms`,
  );
  const seeds = loadSeedDocuments();
  const donorLines = seeds.flatMap((seedDocument) => seedDocument.text.split('\n'));
  const failures: Failure[] = [];
  const counts = new Map<string, number>();
  const count = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);

  const client = await LspTestClient.start({ initializationOptions: { diagnosticsDelay } });
  const capabilities = client.capabilities.capabilities;
  let stderr = '';
  client.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited: string | undefined;
  client.child.on('exit', (code, signal) => (exited = `server exited (code ${code}, signal ${signal})`));
  let iteration = 0;
  client.connection.onNotification('window/logMessage', (params: LogMessageParams) => {
    if (params.type === 1 && EXCEPTION_TEXT.test(params.message)) {
      failures.push({ iteration, what: `logged an exception: ${params.message}`, text: '' });
    }
  });

  // Document 0 is always a large plain workflow, where the server re-parses only the step an edit touched.
  const largeWorkflow = [{ text: generateWorkflow(60) }];
  const documents: FuzzDocument[] = [];
  for (let index = 0; index < OPEN_DOCUMENTS; index++) {
    const uri = `file:///fuzz/workflow-${index}.dagger.yaml`;
    const documentSeeds = index === 0 ? largeWorkflow : seeds;
    const text = pick(documentSeeds).text;
    await client.open(uri, text, 1);
    documents.push({
      uri,
      seeds: documentSeeds,
      document: TextDocument.create(uri, 'dagger-workflow', 1, text),
      mutationsSinceReset: 0,
      lastDiagnostics: [],
    });
  }
  const seenPublished = { count: 0 };
  const lastPublishedVersion = new Map<string, number>();
  /** Remember each document's diagnostics, and check that a stale result never follows a newer one. */
  const collectDiagnostics = (): void => {
    for (const published of client.published.slice(seenPublished.count)) {
      const target = documents.find((entry) => entry.uri === published.uri);
      if (target) target.lastDiagnostics = published.diagnostics;
      if (published.version === undefined || published.version === null) continue;
      const previous = lastPublishedVersion.get(published.uri) ?? 0;
      if (published.version < previous) {
        failures.push({
          iteration,
          what: `diagnostics of version ${published.version} of ${published.uri} published after those of ${previous}`,
          text: '',
        });
      }
      lastPublishedVersion.set(published.uri, Math.max(previous, published.version));
    }
    seenPublished.count = client.published.length;
  };

  /**
   * A random position in the document: a third of them near a place where features do something (an id, a
   * dependency, a `${`), the rest anywhere; now and then past the end of a line or of the document.
   */
  const randomPosition = (document: TextDocument): Position => {
    const roll = random();
    if (roll < 0.02) return { line: document.lineCount + Math.floor(random() * 5), character: 0 };
    if (roll < 0.05)
      return { line: Math.floor(random() * document.lineCount), character: 200 + Math.floor(random() * 50) };
    const text = document.getText();
    if (roll < 0.38) {
      const anchors = [...text.matchAll(INTERESTING)].map((match) => match.index);
      if (anchors.length > 0) return document.positionAt(pick(anchors) + Math.floor(random() * 14));
    }
    return document.positionAt(Math.floor(random() * (text.length + 1)));
  };

  const watch = (method: string, params: unknown, text: string): Promise<void> => {
    count(method);
    const at = iteration;
    return new Promise<void>((done) => {
      const timer = setTimeout(() => {
        failures.push({
          iteration: at,
          what: `${method} unanswered after ${REQUEST_DEADLINE_MS} ms: ${JSON.stringify(params)}`,
          text,
        });
        done();
      }, REQUEST_DEADLINE_MS);
      client.request<unknown>(method, params).then(
        (result) => {
          clearTimeout(timer);
          if (result !== null && !(Array.isArray(result) && result.length === 0))
            count(`${method} → answered with content`);
          done();
        },
        (error: unknown) => {
          clearTimeout(timer);
          const code = (error as { code?: unknown }).code;
          const message = error instanceof Error ? error.message : String(error);
          if (typeof code !== 'number' || code === INTERNAL_ERROR) {
            failures.push({
              iteration: at,
              what: `${method} failed (${String(code)}): ${message} ${JSON.stringify(params)}`,
              text,
            });
          } else {
            count(`${method} → error ${code}`);
          }
          done();
        },
      );
    });
  };

  let freshDocuments = 0;
  /**
   * The diagnostics the server published for a document's latest version (after many incremental edits) must be
   * those it gives the same text opened fresh (a full parse): incremental re-parsing may not change the answer.
   */
  const compareWithFreshOpen = async (entry: FuzzDocument): Promise<void> => {
    const text = entry.document.getText();
    const fresh = `file:///fuzz/fresh-${++freshDocuments}.dagger.yaml`;
    try {
      const latest = await client.waitForDiagnostics(entry.uri, entry.document.version, {
        timeoutMs: REQUEST_DEADLINE_MS,
      });
      const since = client.published.length;
      await client.open(fresh, text, 1);
      const opened = await client.waitForDiagnostics(fresh, 1, { since, timeoutMs: REQUEST_DEADLINE_MS });
      await client.close(fresh);
      const [edited, full] = [comparable(latest.diagnostics), comparable(opened.diagnostics)];
      count(`fresh-open comparisons (${latest.diagnostics.length > 0 ? 'with' : 'without'} diagnostics)`);
      if (latest.diagnostics.some((diagnostic) => diagnostic.code === 'DW001'))
        count('fresh-open comparisons with a syntax error');
      if (edited !== full) {
        failures.push({
          iteration,
          what: `diagnostics of ${entry.uri} after edits differ from a fresh open of the same text:\n  after edits: ${edited}\n  fresh open:  ${full}`,
          text,
        });
      }
    } catch (error) {
      failures.push({
        iteration,
        what: `diagnostics of ${entry.uri} v${entry.document.version}: ${String(error)}`,
        text,
      });
    }
  };

  const started = performance.now();
  while (iteration < iterations && !exited) {
    const pending: Promise<void>[] = [];
    for (let inBatch = 0; inBatch < BATCH && iteration < iterations; inBatch++, iteration++) {
      const entry = pick(documents);
      const version = entry.document.version + 1;
      if (entry.mutationsSinceReset >= RESET_AFTER) {
        const text = pick(entry.seeds).text;
        entry.document = TextDocument.update(entry.document, [{ text }], version);
        entry.mutationsSinceReset = 0;
        await client.change(entry.uri, [{ text }]);
        count('reset to a seed');
      } else {
        const text = entry.document.getText();
        const mutation = mutate(text, random, donorLines);
        const change = {
          range: {
            start: entry.document.positionAt(mutation.start),
            end: entry.document.positionAt(mutation.end),
          },
          text: mutation.insert,
        };
        entry.document = TextDocument.update(entry.document, [change], version);
        entry.mutationsSinceReset++;
        await client.change(entry.uri, [change]);
        count(`mutation: ${mutation.kind}`);
      }
      const text = entry.document.getText();
      const textDocument = { uri: entry.uri };
      if (random() < 0.005) {
        // Close and reopen (as an editor does when a tab is closed and opened again), keeping the version.
        await client.close(entry.uri);
        await client.open(entry.uri, text, entry.document.version);
        count('close and reopen');
      }
      if (random() < 0.7) {
        pending.push(
          watch('textDocument/completion', { textDocument, position: randomPosition(entry.document) }, text),
        );
      }
      if (random() < 0.6) {
        pending.push(
          watch('textDocument/hover', { textDocument, position: randomPosition(entry.document) }, text),
        );
      }
      for (const request of occasionalRequests) {
        if (random() >= request.probability || !capabilities[request.capability]) continue;
        const position = randomPosition(entry.document);
        const params = request.params({ textDocument, position, diagnostics: entry.lastDiagnostics, pick });
        pending.push(watch(request.method, params, text));
      }
    }
    await Promise.all(pending);
    collectDiagnostics();
    // A server that left a request unanswered for 10 s is stuck: more edits would only wait 10 s each.
    if (failures.some((failure) => failure.what.includes('unanswered'))) break;
    if (iteration % CHECK_EVERY < BATCH) {
      for (const entry of documents) await compareWithFreshOpen(entry);
    }
    if (iteration % 1000 < BATCH || process.env.FUZZ_VERBOSE) {
      console.log(`fuzz: ${iteration} mutations, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  const elapsed = (performance.now() - started) / 1000;

  if (!exited) {
    for (const entry of documents) await compareWithFreshOpen(entry);
  }
  const aliveAtEnd = !exited;
  await stopWithin(client, REQUEST_DEADLINE_MS);

  console.log(
    `fuzz: ${iteration} mutations in ${elapsed.toFixed(1)} s; ` +
      [...counts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key} ${value}`)
        .join(', '),
  );
  if (failures.length > 0) writeFailedDocuments(failures);
  assert.ok(aliveAtEnd, `${exited} (seed ${seed})\nstderr:\n${stderr}`);
  assert.doesNotMatch(
    stderr,
    /\b(uncaught|unhandled|TypeError|RangeError|ReferenceError|Error:)|^\s+at /im,
    `server stderr (seed ${seed})`,
  );
  assert.deepEqual(
    failures.slice(0, 10).map((failure) => `iteration ${failure.iteration}: ${failure.what}`),
    [],
    `${failures.length} failures (replay with FUZZ_SEED=${seed})`,
  );
  assert.ok(
    (counts.get('textDocument/completion → answered with content') ?? 0) > 0,
    'completion never offered anything: the server did not really read the documents',
  );
  // Syntax errors are read step by step now: the comparisons must include documents that hold some.
  if (iterations >= 1000) {
    assert.ok(
      (counts.get('fresh-open comparisons with a syntax error') ?? 0) >= 10,
      'few comparisons of documents with a syntax error',
    );
  }
});
