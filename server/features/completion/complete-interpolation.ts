import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../../documents/analyzed-document.js';
import type { CursorContext } from '../cursor/cursor-context.js';
import { stepById, stepDetail, stepIdInText } from '../step-lookup.js';
import { stepOutputKeys } from './step-output-keys.js';

/** An unclosed `${` before the cursor on its line: the expression typed so far and where it starts. */
export function openInterpolation(
  text: string,
  lineStart: number,
  offset: number,
): { expression: string; start: number } | undefined {
  const before = text.slice(lineStart, offset);
  const open = before.lastIndexOf('${');
  if (open === -1 || before.indexOf('}', open) !== -1 || before[open - 1] === '$') return undefined;
  const expression = before.slice(open + 2);
  if (!/^[A-Za-z0-9_.-]*$/.test(expression)) return undefined;
  return { expression, start: lineStart + open + 2 };
}

/**
 * Completion inside `${…}`: after `steps.` the transitive dependencies of the step (every step in workflow
 * outputs), after `steps.<id>.outputs.` the keys that step writes, after `inputs.` the declared inputs, and
 * right after `${` all of these plus the variables of the `.env` beside the file.
 */
export function completeInterpolation(
  document: AnalyzedDocument,
  context: CursorContext,
  typed: { expression: string; start: number },
  offset: number,
): CompletionItem[] {
  const { source, workflow } = document;
  const text = source.text;
  const segments = typed.expression.split('.');
  const lastSegmentStart = typed.start + typed.expression.lastIndexOf('.') + 1;
  // The rest of the name under the cursor is replaced too.
  const rest = text.slice(offset);
  const restLength = rest.search(/[^A-Za-z0-9_-]/);
  const nameEnd = offset + (restLength === -1 ? rest.length : restLength);
  const closeAfter = text[nameEnd] === '}';
  const range = { start: source.positionAt(lastSegmentStart), end: source.positionAt(nameEnd) };
  const item = (
    label: string,
    kind: CompletionItemKind,
    detail: string,
    complete: boolean,
  ): CompletionItem => ({
    label,
    kind,
    detail,
    textEdit: { range, newText: complete && !closeAfter ? `${label}}` : label },
  });

  const ownId = context.stepItemStart === undefined ? undefined : stepIdInText(text, context.stepItemStart);
  const graph = document.graph();
  const visibleSteps =
    ownId === undefined ? graph.ids : graph.ids.filter((id) => graph.transitiveDependencies(ownId).has(id));
  const defaultImage = workflow.containerConfig?.image?.value;

  if (segments[0] === 'steps' && segments.length === 2) {
    return visibleSteps.map((id) =>
      item(id, CompletionItemKind.Reference, stepDetail(graph.steps.get(id), defaultImage), false),
    );
  }
  if (segments[0] === 'steps' && segments.length === 3)
    return [item('outputs', CompletionItemKind.Keyword, `outputs of ${segments[1]}`, false)];
  const [, stepId, section] = segments;
  if (segments[0] === 'steps' && segments.length === 4 && stepId !== undefined && section === 'outputs') {
    return stepOutputKeys(stepById(workflow, stepId)).map((key) =>
      item(key, CompletionItemKind.Property, `written by ${stepId} to $DAGGER_OUTPUT`, true),
    );
  }
  if (segments[0] === 'inputs' && segments.length === 2) {
    return (workflow.inputs ?? []).map((input) =>
      item(input.name.value, CompletionItemKind.Variable, input.description?.value ?? 'input', true),
    );
  }
  if (segments.length !== 1) return [];

  const whole = (label: string, kind: CompletionItemKind, detail: string): CompletionItem => ({
    ...item(label, kind, detail, true),
    filterText: label,
    textEdit: {
      range: { start: source.positionAt(typed.start), end: range.end },
      newText: closeAfter ? label : `${label}}`,
    },
  });
  const items: CompletionItem[] = [];
  for (const name of Object.keys(document.envFile()))
    items.push(whole(name, CompletionItemKind.Variable, 'from .env'));
  for (const input of workflow.inputs ?? [])
    items.push(
      whole(`inputs.${input.name.value}`, CompletionItemKind.Variable, input.description?.value ?? 'input'),
    );
  for (const id of visibleSteps) {
    for (const key of stepOutputKeys(graph.steps.get(id)))
      items.push(whole(`steps.${id}.outputs.${key}`, CompletionItemKind.Property, `output of ${id}`));
  }
  items.push({
    ...item('steps', CompletionItemKind.Keyword, 'outputs of earlier steps: steps.<id>.outputs.<key>', false),
    textEdit: { range, newText: 'steps.' },
  });
  items.push({
    ...item('inputs', CompletionItemKind.Keyword, 'inputs of the workflow: inputs.<name>', false),
    textEdit: { range, newText: 'inputs.' },
  });
  return items;
}
