import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type {
  ContainerConfig,
  ContainerSettings,
  InputDeclaration,
  Step,
  Workflow,
  WorkflowOutput,
} from '../model/workflow.js';
import { findExcessiveNesting, MAX_FLOW_NESTING } from './nesting-depth.js';
import { SourceText } from './source-text.js';
import {
  readList,
  readMap,
  readNumber,
  readBoolean,
  readString,
  readResources,
  readVolumes,
  spanOf,
} from './read-nodes.js';

/**
 * Parse a workflow file into the model. Never throws for bad input: YAML syntax problems
 * become `syntaxProblems`, and the model holds whatever could be read.
 */
export function parseWorkflow(text: string): Workflow {
  const source = new SourceText(text);
  // No LineCounter: SourceText already indexes lines, and the parse is the hot path of every keystroke.
  // Text nested deeper than any workflow would be cut off before the parser sees it (see nesting-depth.ts).
  const tooDeep = findExcessiveNesting(text);
  const document = parseDocument(tooDeep === undefined ? text : text.slice(0, tooDeep), {
    prettyErrors: false,
    strict: false,
  });
  const workflow: Workflow = {
    source,
    document,
    steps: [],
    outputs: [],
    syntaxProblems: [...document.errors, ...document.warnings].map((problem) => ({
      message: problem.message.split('\n')[0],
      code: problem.code,
      span: { start: problem.pos[0], end: Math.max(problem.pos[1], problem.pos[0]) },
    })),
  };
  if (tooDeep !== undefined) {
    workflow.syntaxProblems.unshift({
      message: `brackets nested more than ${MAX_FLOW_NESTING} levels deep; the rest of the file is not read`,
      code: 'NESTING_TOO_DEEP',
      span: { start: tooDeep, end: tooDeep + 1 },
    });
  }
  const root = document.contents;
  if (!isMap(root)) return workflow;
  for (const pair of root.items) readTopLevel(workflow, pair);
  return workflow;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
}

function readTopLevel(workflow: Workflow, pair: Pair): void {
  const key = keyName(pair);
  const value = pair.value as Node | null;
  switch (key) {
    case 'name':
      workflow.name = readString(pair);
      break;
    case 'description':
      workflow.description = readString(pair);
      break;
    case 'steps':
      workflow.stepsKeySpan = spanOf(pair.key as Node);
      workflow.stepsSpan = value ? spanOf(value) : undefined;
      if (isSeq(value)) {
        value.items.forEach((item, index) => {
          if (isMap(item)) workflow.steps.push(readStep(item, index));
        });
      }
      break;
    case 'container_config':
      if (isMap(value)) workflow.containerConfig = readContainerConfig(pair, value);
      break;
    case 'inputs':
      workflow.inputsKeySpan = spanOf(pair.key as Node);
      workflow.inputs = isMap(value) ? readInputs(value) : [];
      break;
    case 'outputs':
      if (isSeq(value)) workflow.outputs = value.items.filter(isMap).map(readOutput);
      break;
  }
}

/** Reads the keys a step shares with `container_config`; returns false for any other key. */
function readContainerSetting(target: ContainerSettings, key: string | undefined, pair: Pair): boolean {
  switch (key) {
    case 'image':
      target.image = readString(pair);
      return true;
    case 'environment':
      target.environment = readMap(pair);
      return true;
    case 'volumes':
      target.volumes = readVolumes(pair);
      return true;
    case 'timeout_seconds':
      target.timeoutSeconds = readNumber(pair);
      return true;
    case 'retries':
      target.retries = readNumber(pair);
      return true;
    case 'retry_delay':
      target.retryDelay = readNumber(pair);
      return true;
    case 'resources':
      target.resources = readResources(pair);
      return true;
    case 'cache':
      target.cache = readBoolean(pair);
      return true;
    case 'max_age':
      target.maxAge = readString(pair);
      return true;
    default:
      return false;
  }
}

function readStep(node: YAMLMap, index: number): Step {
  const step: Step = { index, span: spanOf(node) };
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = keyName(pair);
    if (readContainerSetting(step, key, pair)) continue;
    switch (key) {
      case 'id':
        step.id = readString(pair);
        break;
      case 'name':
        step.name = readString(pair);
        break;
      case 'command':
        step.command = readList(pair);
        break;
      case 'depends_on':
        step.dependsOn = readList(pair);
        break;
      case 'allow_failure':
        step.allowFailure = readBoolean(pair);
        break;
    }
  }
  return step;
}

function readContainerConfig(pair: Pair, node: YAMLMap): ContainerConfig {
  const config: ContainerConfig = { span: spanOf(node), keySpan: spanOf(pair.key as Node) };
  for (const item of node.items) readContainerSetting(config, keyName(item), item);
  return config;
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
