import type { EffectiveStep } from '../model/effective-step.js';
import { OUTPUT_FILE_IN_CONTAINER } from '../run/run-step.js';
import { imageReferenceProblem } from '../model/image-reference.js';
import type { Container, EnvVar, Parameter, ResourceList, VolumeMount } from './argo-types.js';
import {
  LEFT_BRACE_VARIABLE,
  literalText,
  splitValue,
  writeContainerText,
  type ContainerTextWriter,
  type TextPiece,
} from './argo-text.js';
import { taskOf, type ExportContext } from './export-context.js';
import { cpuQuantity, memoryQuantity } from './kubernetes-quantities.js';
import { OUTPUT_DIR } from './output-splitter.js';

/** A step's own container as Argo runs it, and the parameters its task passes in. */
export interface StepContainer {
  stepId: string;
  task: string;
  container: Container;
  /** The template's input parameters: the outputs of other steps it reads. */
  inputs: Parameter[];
  /** The task's arguments that feed them (`{{tasks.<task>.outputs.parameters.<key>}}`). */
  arguments: Parameter[];
}

/** Environment names Kubernetes accepts (C identifiers, plus `-` and `.`). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const SECRET_VARIABLE_PREFIX = 'DAGGER_WF_SECRET_';

/**
 * Translate a step's image, argv, environment, resources and volumes (with `container_config` already applied).
 * The argv becomes `command` (argv[0]) + `args`, exactly Docker's Entrypoint + Cmd of a run: no shell around it.
 * Problems (a secret in the image, an invalid variable name…) go to `context.problems`.
 */
export function translateStep(step: EffectiveStep, context: ExportContext): StepContainer {
  const stepId = step.id;
  const task = taskOf(context, stepId);
  const parameters = new Map<string, Parameter>();
  const helpers = new Map<string, EnvVar>();
  const problem = (text: string) => context.problems.push(`step "${stepId}": ${text}`);
  const split = (text: string) => splitValue(text, context);

  const writer: ContainerTextWriter = {
    placeholder(piece) {
      if (piece.kind === 'input') {
        context.inputsUsed.add(piece.name);
        return `{{workflow.parameters.${piece.name}}}`;
      }
      const producer = taskOf(context, piece.stepId);
      // Task names hold no `_`, so `<task>_<key>` is unique.
      const name = `${producer}_${piece.key}`;
      context.uses.use(piece.stepId, piece.key);
      parameters.set(name, {
        name,
        value: `{{tasks.${producer}.outputs.parameters.${piece.key}}}`,
      });
      return `{{inputs.parameters.${name}}}`;
    },
    secretVariable(name) {
      const variable = `${SECRET_VARIABLE_PREFIX}${name}`;
      if (!helpers.has(variable)) helpers.set(variable, secretEnv(variable, name, context));
      return variable;
    },
    needsLeftBrace() {
      helpers.set(LEFT_BRACE_VARIABLE, { name: LEFT_BRACE_VARIABLE, value: '{' });
    },
  };

  const image = imageText(split(step.image?.value ?? ''), writer, problem);
  const argv = step.step.command?.items.map((item) => writeContainerText(split(item.value), writer));
  const userEnv: EnvVar[] = [];
  for (const [name, value] of step.environment) {
    // A run sets DAGGER_OUTPUT itself, over the step's own (core/run/run-step.ts): so does the export.
    if (name === 'DAGGER_OUTPUT') continue;
    if (!ENV_NAME.test(name)) problem(`environment variable "${name}" is not a valid name in Kubernetes`);
    else if (name === LEFT_BRACE_VARIABLE || name.startsWith(SECRET_VARIABLE_PREFIX))
      problem(`environment variable "${name}" is reserved by the export`);
    const pieces = split(value.value);
    const only = pieces.length === 1 ? pieces[0] : undefined;
    userEnv.push(
      only?.kind === 'secret'
        ? secretEnv(name, only.name, context)
        : { name, value: writeContainerText(pieces, writer) },
    );
  }
  const container: Container = {
    image,
    ...(argv?.length ? { command: argv.slice(0, 1), args: argv.slice(1) } : {}),
    env: [...helpers.values(), ...userEnv, { name: 'DAGGER_OUTPUT', value: OUTPUT_FILE_IN_CONTAINER }],
  };
  const resources = resourceLimits(step, problem);
  if (resources) container.resources = { limits: resources, requests: { ...resources } };
  const mounts = volumeMounts(step, context, problem);
  if (mounts.length) container.volumeMounts = mounts;
  return {
    stepId,
    task,
    container,
    inputs: [...parameters.keys()].map((name) => ({ name })),
    arguments: [...parameters.values()],
  };
}

function secretEnv(variable: string, input: string, context: ExportContext): EnvVar {
  context.secretsUsed.add(input);
  return { name: variable, valueFrom: { secretKeyRef: { name: context.secretName, key: input } } };
}

/** The image: no Kubernetes expansion applies to it, so neither a secret nor a literal `{` can be carried. */
function imageText(
  pieces: TextPiece[],
  writer: ContainerTextWriter,
  problem: (text: string) => void,
): string {
  const literal = literalText(pieces);
  if (literal !== undefined) {
    const why = imageReferenceProblem(literal);
    if (why) problem(why);
    return literal;
  }
  let image = '';
  for (const piece of pieces) {
    if (piece.kind === 'secret') problem(`its image uses the secret input "${piece.name}"`);
    else if (piece.kind === 'literal') {
      if (piece.text.includes('{')) problem(`its image "${piece.text}…" contains "{"`);
      image += piece.text;
    } else image += writer.placeholder(piece);
  }
  return image;
}

function resourceLimits(step: EffectiveStep, problem: (text: string) => void): ResourceList | undefined {
  const limits: ResourceList = {};
  for (const [field, text, convert] of [
    ['cpu', step.cpu?.value, cpuQuantity],
    ['memory', step.memory?.value, memoryQuantity],
  ] as const) {
    if (text === undefined) continue;
    const converted = convert(text);
    if ('problem' in converted) problem(converted.problem);
    else limits[field] = converted.quantity;
  }
  return Object.keys(limits).length ? limits : undefined;
}

/** The step's volumes as mounts of the cluster volumes given for their sources. */
function volumeMounts(
  step: EffectiveStep,
  context: ExportContext,
  problem: (text: string) => void,
): VolumeMount[] {
  const mounts: VolumeMount[] = [];
  for (const volume of step.volumes) {
    if (!volume.source || !volume.target) continue;
    const source = literalText(splitValue(volume.source.value, context));
    const target = literalText(splitValue(volume.target.value, context));
    if (source === undefined || target === undefined) {
      problem(`a volume uses an input or a step output; the export needs fixed paths to map to the cluster`);
      continue;
    }
    if (`${source}${target}`.includes('{{')) {
      problem(`volume "${source}:${target}" holds "{{", which Argo would read as a template tag`);
      continue;
    }
    if (target === OUTPUT_DIR || target.startsWith(`${OUTPUT_DIR}/`)) {
      problem(`volume target "${target}" is where the export keeps DAGGER_OUTPUT (${OUTPUT_DIR})`);
      continue;
    }
    const name = context.volumes.volumeFor(step.id, source);
    if (name) mounts.push({ name, mountPath: target });
  }
  return mounts;
}
