import { basename } from 'node:path';
import type { Workflow } from '../model/workflow.js';
import { MissingVariablesError } from '../run/run-errors.js';
import { prepareWorkflow } from '../run/prepare-run.js';
import type { ArgoWorkflow, Parameter, Template, Volume } from './argo-types.js';
import { assignTaskNames, NameAllocator } from './argo-names.js';
import { checkArgoManifest } from './check-argo-manifest.js';
import { dagTemplates } from './dag-template.js';
import { ExportError, InvalidExportError } from './export-errors.js';
import type { ExportContext } from './export-context.js';
import { exportNotes } from './export-notes.js';
import { checkExportOptions, workflowSlug } from './export-options.js';
import { manifestYaml } from './manifest-yaml.js';
import { OUTPUT_VOLUME } from './output-splitter.js';
import { translateStep, type StepContainer } from './step-container.js';
import { StepOutputUses } from './step-output-uses.js';
import { stepTemplate } from './step-template.js';
import { VolumeMapper, type VolumeClaim } from './volume-mapping.js';
import { workflowOutputs } from './workflow-outputs.js';

/** What to export and how (the `dagger-wf export argo` flags, or the editor's command). */
export interface ArgoExportOptions {
  /** Absolute path: the file's folder anchors relative volume sources and the `.env` file. */
  workflowFile: string;
  /** The document text when it is open unsaved in an editor. */
  text?: string;
  /** Default: `.env` beside the workflow, when present (as for a run). */
  envFile?: string;
  /** Default: process.env. */
  hostEnv?: Record<string, string | undefined>;
  /** metadata.name; default: a generateName from the file name. */
  name?: string;
  namespace?: string;
  volumeClaims?: readonly VolumeClaim[];
  allowHostPath?: boolean;
  /** The Kubernetes Secret holding the secret inputs; default `<workflow>-inputs`. */
  secretName?: string;
  /** The image of the container that splits `$DAGGER_OUTPUT`; default busybox. */
  outputImage?: string;
  /** Timeout of steps that set none; default 3600, as a run. */
  defaultTimeoutSeconds?: number;
  /** Where relative `--volume-claim` sources are read from; default process.cwd(). */
  cwd?: string;
}

export interface ArgoExport {
  manifest: ArgoWorkflow;
  /** The manifest as YAML, with a header saying what it needs on the cluster. */
  yaml: string;
  /** The same requirements, one line each, for a terminal or a notification. */
  notes: string[];
}

/**
 * Export a workflow as an Argo Workflows `Workflow` with one DAG template. The workflow is checked as a run
 * checks it (same errors: InvalidWorkflowError, MissingVariablesError, WorkflowFileError); what cannot be
 * exported as asked throws ExportError; and the manifest is checked against Argo's rules before it is returned
 * (InvalidExportError: a bug, never a file).
 */
export function exportArgo(options: ArgoExportOptions): ArgoExport {
  const prepared = prepareWorkflow(options);
  if (prepared.missingVariables.length) throw new MissingVariablesError(prepared.missingVariables);
  const { workflow, stepIds, steps } = prepared;
  const slug = workflowSlug(options.workflowFile);
  const settings = checkExportOptions(options, slug);
  const taskNames = assignTaskNames(stepIds);
  const fromEnvFile = new Set<string>();
  const context: ExportContext = {
    env: prepared.env,
    secretInputs: new Set((workflow.inputs ?? []).filter((i) => i.secret?.value).map((i) => i.name.value)),
    onHostVariable: (name) => {
      // The run's precedence: the host wins over the .env file.
      if (
        Object.hasOwn(prepared.envFileVariables, name) &&
        !Object.hasOwn(options.hostEnv ?? process.env, name)
      )
        fromEnvFile.add(name);
    },
    taskNames,
    secretName: settings.secretName,
    uses: new StepOutputUses(),
    volumes: new VolumeMapper({
      claims: settings.volumeClaims,
      allowHostPath: options.allowHostPath ?? false,
      workflowDir: prepared.workflowDir,
      cwd: options.cwd ?? process.cwd(),
    }),
    defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
    inputsUsed: new Set(),
    secretsUsed: new Set(),
    problems: [],
  };

  const translated = new Map<string, StepContainer>();
  for (const id of stepIds) {
    const step = steps.get(id);
    if (step) translated.set(id, translateStep(step, context));
  }
  const outputs = workflowOutputs(workflow, context);
  const unused = context.volumes
    .unusedClaims()
    .map(
      (claim) =>
        `--volume-claim ${claim.source}=${claim.claim}: no volume of the workflow has the source "${claim.source}"`,
    );
  const problems = [...context.problems, ...context.volumes.problems, ...unused];
  if (problems.length) throw new ExportError(problems);

  const names = new NameAllocator(taskNames.values());
  const { dag, gate } = dagTemplates(
    { stepIds, steps, dependencies: prepared.dependencies, translated, outputs },
    context,
    names,
  );
  const templates: Template[] = [dag];
  for (const id of stepIds) {
    const step = steps.get(id);
    const container = translated.get(id);
    if (step && container) templates.push(stepTemplate(step, container, context, settings.outputImage));
  }
  if (gate) templates.push(gate);

  const volumes: Volume[] = [...context.volumes.volumes(), { name: OUTPUT_VOLUME, emptyDir: {} }];
  const parameters = workflowParameters(workflow, context);
  const manifest: ArgoWorkflow = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      ...(settings.name ? { name: settings.name } : { generateName: `${slug}-` }),
      ...(settings.namespace ? { namespace: settings.namespace } : {}),
      annotations: {
        'workflows.argoproj.io/title': shownText(prepared.workflowName),
        ...(workflow.description
          ? { 'workflows.argoproj.io/description': shownText(workflow.description.value) }
          : {}),
      },
    },
    spec: {
      entrypoint: dag.name,
      ...(parameters.length ? { arguments: { parameters } } : {}),
      volumes,
      templates,
    },
  };
  const invalid = checkArgoManifest(manifest);
  if (invalid.length) throw new InvalidExportError(invalid);
  const notes = exportNotes(manifest, context, [...fromEnvFile], settings.outputImage);
  return { manifest, notes, yaml: manifestYaml(manifest, basename(options.workflowFile), notes) };
}

/**
 * The workflow's parameters: its non-secret inputs with their defaults (or `inputs.x` it reads, when it declares
 * none). An input used without a default has no value, so Argo asks for it at submission as a run would; an
 * optional one nobody reads is empty.
 */
function workflowParameters(workflow: Workflow, context: ExportContext): Parameter[] {
  const declared = workflow.inputs;
  if (!declared) return [...context.inputsUsed].map((name) => ({ name }));
  return declared
    .filter((input) => !context.secretInputs.has(input.name.value))
    .map((input) => {
      const name = input.name.value;
      const value =
        input.default?.value ?? (input.required?.value || context.inputsUsed.has(name) ? undefined : '');
      return {
        name,
        ...(value === undefined ? {} : { value }),
        ...(input.description ? { description: shownText(input.description.value) } : {}),
      };
    });
}

/** Text only shown to people (titles, descriptions), with `{{` spaced out so Argo never reads it as a tag. */
function shownText(text: string): string {
  return text.replace(/\{\{/g, '{ {');
}
