import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Span } from '../../core/model/source.js';
import type { AnalyzedDocument } from '../documents/analyzed-document.js';
import { stepDetail } from './step-lookup.js';

/** The outline: a "steps" symbol holding each step (id, with name · image as detail), inputs and outputs. */
export function documentSymbols(document: AnalyzedDocument): DocumentSymbol[] {
  const { workflow, source } = document;
  // Node spans may run on to the next line's start; an outline entry should end with its last character.
  const trimmed = (span: Span): Span => {
    let end = span.end;
    while (end > span.start && /\s/.test(source.text.charAt(end - 1))) end--;
    return { start: span.start, end };
  };
  const symbol = (
    name: string,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    detail?: string,
    children?: DocumentSymbol[],
  ): DocumentSymbol => {
    const result: DocumentSymbol = {
      name: name || '(unnamed)',
      kind,
      range: source.rangeOf(trimmed(span)),
      selectionRange: source.rangeOf(selection),
    };
    if (detail) result.detail = detail;
    if (children) result.children = children;
    return result;
  };
  const symbols: DocumentSymbol[] = [];
  if (workflow.inputs && workflow.inputsKeySpan) {
    const inputs = workflow.inputs.map((input) =>
      symbol(input.name.value, SymbolKind.Variable, input.span, input.name.span, input.description?.value),
    );
    const end = workflow.inputs.at(-1)?.span.end ?? workflow.inputsKeySpan.end;
    symbols.push(
      symbol(
        'inputs',
        SymbolKind.Namespace,
        { start: workflow.inputsKeySpan.start, end },
        workflow.inputsKeySpan,
        undefined,
        inputs,
      ),
    );
  }
  if (workflow.stepsKeySpan) {
    const defaultImage = workflow.containerConfig?.image?.value;
    const steps = workflow.steps.map((step) =>
      symbol(
        step.id?.value ?? `#${step.index + 1}`,
        SymbolKind.Function,
        step.span,
        step.id?.span ?? step.span,
        stepDetail(step, defaultImage),
      ),
    );
    const end = workflow.stepsSpan?.end ?? workflow.stepsKeySpan.end;
    symbols.push(
      symbol(
        'steps',
        SymbolKind.Array,
        { start: workflow.stepsKeySpan.start, end },
        workflow.stepsKeySpan,
        `${steps.length} steps`,
        steps,
      ),
    );
  }
  const outputs = workflow.outputs.map((output) =>
    symbol(
      output.name?.value ?? '(unnamed)',
      SymbolKind.Property,
      output.span,
      output.name?.span ?? output.span,
      output.value?.value,
    ),
  );
  const [firstOutput] = workflow.outputs;
  const lastOutput = workflow.outputs.at(-1);
  if (firstOutput && lastOutput) {
    const first = firstOutput.span.start;
    const last = lastOutput.span.end;
    symbols.push(
      symbol(
        'outputs',
        SymbolKind.Array,
        { start: first, end: last },
        { start: first, end: first },
        undefined,
        outputs,
      ),
    );
  }
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line);
}
