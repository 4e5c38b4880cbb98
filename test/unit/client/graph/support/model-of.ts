import type { GraphModel } from '../../../../../protocol/graph-messages.js';
import { WorkflowDocuments } from '../../../../../server/documents/workflow-documents.js';
import { graphModel } from '../../../../../server/features/graph-model.js';

/** The graph model the language server answers for a document holding `text`. */
export function modelOf(text: string, uri = 'file:///work/wf.dagger.yaml'): GraphModel {
  const documents = new WorkflowDocuments();
  documents.didOpen(uri, 1, text);
  const document = documents.analyze(uri);
  if (!document) throw new Error('the document is not open');
  return graphModel(document, documents.diagnostics(uri)?.diagnostics ?? []);
}

/** A workflow of `steps` given as `id: [dependencies]`, in that order, on the busybox image. */
export function workflowText(steps: Record<string, string[]>, extra: Record<string, string> = {}): string {
  const lines = ['name: Test', 'container_config:', '  image: busybox', 'steps:'];
  for (const [id, deps] of Object.entries(steps)) {
    lines.push(`  - id: ${id}`, `    command: ["echo", "${id}"]`);
    if (extra[id]) lines.push(`    ${extra[id]}`);
    if (deps.length) lines.push(`    depends_on: [${deps.join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}
