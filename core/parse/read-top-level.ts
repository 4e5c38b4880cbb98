import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { InputDeclaration, Workflow, WorkflowOutput } from '../model/workflow.js';
import { readBoolean, readString, spanOf } from './read-nodes.js';
import { keyName, readContainerConfig } from './step-fields.js';

/** The parts of the model that top-level keys other than the items of `steps` fill. */
export type TopLevel = Pick<
  Workflow,
  | 'name'
  | 'description'
  | 'stepsKeySpan'
  | 'stepsSpan'
  | 'containerConfig'
  | 'inputs'
  | 'inputsKeySpan'
  | 'outputs'
>;

/** Read the top-level keys of a workflow (the items of `steps` are read apart, one by one). */
export function readTopLevel(root: unknown): TopLevel {
  const top: TopLevel = { outputs: [] };
  if (!isMap(root)) return top;
  for (const pair of root.items) {
    const value = pair.value as Node | null;
    switch (keyName(pair)) {
      case 'name':
        top.name = readString(pair);
        break;
      case 'description':
        top.description = readString(pair);
        break;
      case 'steps':
        top.stepsKeySpan = spanOf(pair.key as Node);
        top.stepsSpan = value ? spanOf(value) : undefined;
        break;
      case 'container_config':
        if (isMap(value)) top.containerConfig = readContainerConfig(pair, value);
        break;
      case 'inputs':
        top.inputsKeySpan = spanOf(pair.key as Node);
        top.inputs = isMap(value) ? readInputs(value) : [];
        break;
      case 'outputs':
        if (isSeq(value)) top.outputs = value.items.filter(isMap).map(readOutput);
        break;
    }
  }
  return top;
}

function readInputs(node: YAMLMap): InputDeclaration[] {
  const inputs: InputDeclaration[] = [];
  for (const pair of node.items) {
    const name = keyName(pair);
    if (name === undefined) continue;
    const keySpan = spanOf(pair.key as Node);
    const declaration: InputDeclaration = {
      name: { value: name, span: keySpan },
      span: pair.value ? { start: keySpan.start, end: spanOf(pair.value as Node).end } : keySpan,
    };
    if (isMap(pair.value)) {
      for (const field of pair.value.items) {
        const fieldName = keyName(field);
        if (fieldName === 'description') declaration.description = readString(field);
        else if (fieldName === 'default') declaration.default = readString(field);
        else if (fieldName === 'required') declaration.required = readBoolean(field);
        else if (fieldName === 'secret') declaration.secret = readBoolean(field);
      }
    }
    inputs.push(declaration);
  }
  return inputs;
}

function readOutput(node: YAMLMap): WorkflowOutput {
  const output: WorkflowOutput = { span: spanOf(node) };
  for (const pair of node.items) {
    const key = keyName(pair);
    if (key === 'name') output.name = readString(pair);
    else if (key === 'description') output.description = readString(pair);
    else if (key === 'value') output.value = readString(pair);
  }
  return output;
}
