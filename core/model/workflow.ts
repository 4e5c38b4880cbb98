import type { Document } from 'yaml';
import type { Located, Span } from './source.js';
import type { SourceText } from '../parse/source-text.js';
import type { StepItem } from '../parse/step-item.js';

/** A list of scalars that keeps each item's position (command, depends_on). */
export interface LocatedList {
  span: Span;
  keySpan: Span;
  /** True for `[a, b]`, false for a block list. */
  flow: boolean;
  items: Located<string>[];
}

/** A string map such as `environment`, keeping key and value positions. */
export interface LocatedMap {
  span: Span;
  keySpan: Span;
  entries: { key: Located<string>; value: Located<string> }[];
}

export interface Volume {
  span: Span;
  source?: Located<string>;
  target?: Located<string>;
}

export interface VolumeList {
  span: Span;
  keySpan: Span;
  items: Volume[];
}

export interface Resources {
  span: Span;
  keySpan: Span;
  cpu?: Located<string>;
  memory?: Located<string>;
}

/** Settings shared by a step and `container_config` (the defaults it overrides). */
export interface ContainerSettings {
  image?: Located<string>;
  environment?: LocatedMap;
  volumes?: VolumeList;
  timeoutSeconds?: Located<number>;
  retries?: Located<number>;
  retryDelay?: Located<number>;
  resources?: Resources;
}

export interface Step extends ContainerSettings {
  /** Position of the step in `steps`. */
  index: number;
  /** Span of the whole step mapping. */
  span: Span;
  id?: Located<string>;
  name?: Located<string>;
  command?: LocatedList;
  dependsOn?: LocatedList;
  allowFailure?: Located<boolean>;
}

export interface ContainerConfig extends ContainerSettings {
  span: Span;
  keySpan: Span;
}

export interface InputDeclaration {
  name: Located<string>;
  span: Span;
  description?: Located<string>;
  default?: Located<string>;
  required?: Located<boolean>;
  secret?: Located<boolean>;
}

export interface WorkflowOutput {
  span: Span;
  name?: Located<string>;
  description?: Located<string>;
  value?: Located<string>;
}

/** A YAML syntax problem found while parsing. */
export interface SyntaxProblem {
  message: string;
  span: Span;
  code: string;
}

/** How a workflow's text was read (core/parse/parse-workflow.ts). */
export interface WorkflowYaml {
  /**
   * Everything but the items of `steps` (there `steps:` holds nothing), with offsets in the whole text; the
   * whole file when `items` is undefined.
   */
  document: Document.Parsed;
  /** The items of `steps`, each read on its own, in order; undefined when the file was read in one piece. */
  items?: readonly StepItem[];
}

/**
 * The model of one workflow file. Built even from a broken document, as far as it goes,
 * so editor features keep working while someone types.
 */
export interface Workflow {
  /** The file's text and the means to turn offsets into line/character positions. */
  source: SourceText;
  /** The `yaml` the model was read from (schema validation walks it). */
  yaml: WorkflowYaml;
  name?: Located<string>;
  description?: Located<string>;
  /** Span of the `steps` sequence and its key, when present. */
  stepsSpan?: Span;
  stepsKeySpan?: Span;
  steps: Step[];
  containerConfig?: ContainerConfig;
  /** `undefined` when the workflow declares no `inputs:` (then any `${inputs.x}` is accepted). */
  inputs?: InputDeclaration[];
  inputsKeySpan?: Span;
  outputs: WorkflowOutput[];
  syntaxProblems: SyntaxProblem[];
}
