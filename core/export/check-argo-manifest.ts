import type { ArgoWorkflow, Container, Parameter, Template } from './argo-types.js';
import { dependsOperands } from './argo-depends.js';
import {
  DNS_LABEL,
  DNS_SUBDOMAIN,
  MAX_OBJECT_NAME,
  MAX_TEMPLATE_NAME,
  PARAMETER_NAME,
  TEMPLATE_NAME,
} from './argo-names.js';

const DIGITS = /^[0-9]+$/;
const CPU = /^[0-9]+m?$/;
const MEMORY = /^[0-9]+(Ki|Mi|Gi|Ti|Pi)?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * The rules Argo's controller checks beyond its JSON schema (workflow/validate/validate.go), on a manifest the
 * exporter built: names, unique templates and tasks, `depends` that names existing tasks without a cycle,
 * arguments that match the template's inputs, every `{{…}}` resolvable where it stands, mounts of declared
 * volumes, IntOrString values as digit strings. Returns the problems (none for a valid manifest).
 */
export function checkArgoManifest(manifest: ArgoWorkflow): string[] {
  const problems: string[] = [];
  const { metadata, spec } = manifest;
  if (metadata.name !== undefined) checkObjectName(metadata.name, 'metadata.name', problems);
  else if (metadata.generateName === undefined) problems.push('metadata has neither name nor generateName');
  else checkObjectName(`${metadata.generateName}x`, 'metadata.generateName', problems, MAX_OBJECT_NAME - 5);
  if (metadata.namespace !== undefined && !DNS_LABEL.test(metadata.namespace))
    problems.push(`namespace "${metadata.namespace}" is not a valid name`);

  const templates = new Map<string, Template>();
  for (const template of spec.templates) {
    if (templates.has(template.name)) problems.push(`two templates are named "${template.name}"`);
    checkTaskName(template.name, 'template', problems);
    templates.set(template.name, template);
  }
  if (!templates.has(spec.entrypoint)) problems.push(`entrypoint "${spec.entrypoint}" is no template`);
  const workflowParameters = new Set(
    checkParameters(spec.arguments?.parameters ?? [], 'spec.arguments', problems),
  );
  const volumes = new Set<string>();
  for (const volume of spec.volumes ?? []) {
    if (!DNS_LABEL.test(volume.name) || volume.name.length > MAX_OBJECT_NAME || volumes.has(volume.name))
      problems.push(`volume name "${volume.name}" is invalid or used twice`);
    const sources = [volume.persistentVolumeClaim, volume.hostPath, volume.emptyDir].filter(Boolean);
    if (sources.length !== 1) problems.push(`volume "${volume.name}" needs exactly one source`);
    volumes.add(volume.name);
  }
  const globalNames = new Set<string>();
  for (const template of spec.templates) {
    const context = { problems, templates, workflowParameters, volumes, globalNames };
    checkTemplate(template, context);
  }
  for (const [where, text] of untemplatedStrings(manifest))
    if (text.includes('{{')) problems.push(`${where} holds "{{", which Argo would read as a tag`);
  return problems;
}

interface CheckContext {
  problems: string[];
  templates: ReadonlyMap<string, Template>;
  workflowParameters: ReadonlySet<string>;
  volumes: ReadonlySet<string>;
  globalNames: Set<string>;
}

function checkTemplate(template: Template, context: CheckContext): void {
  const { problems } = context;
  const where = `template "${template.name}"`;
  const kinds = [template.container, template.containerSet, template.dag, template.suspend].filter(Boolean);
  if (kinds.length !== 1)
    problems.push(`${where} must be exactly one of container, containerSet, dag, suspend`);
  const inputs = new Set(checkParameters(template.inputs?.parameters ?? [], `${where} inputs`, problems));
  const outputs = template.outputs?.parameters ?? [];
  checkParameters(outputs, `${where} outputs`, problems);
  for (const output of outputs) {
    if (output.globalName !== undefined) {
      if (context.globalNames.has(output.globalName))
        problems.push(`global output "${output.globalName}" is set twice`);
      context.globalNames.add(output.globalName);
    }
    const from = output.valueFrom;
    const ok = template.dag ? from?.expression !== undefined : from?.path?.startsWith('/');
    if (!ok) problems.push(`${where} output "${output.name}" has no valueFrom Argo can use`);
  }
  if (template.activeDeadlineSeconds !== undefined && !/^[1-9][0-9]*$/.test(template.activeDeadlineSeconds))
    problems.push(
      `${where} activeDeadlineSeconds "${template.activeDeadlineSeconds}" is no positive integer string`,
    );
  const retry = template.retryStrategy;
  if (retry && (!DIGITS.test(retry.limit) || (retry.backoff && !/^[0-9]+m?s$/.test(retry.backoff.duration))))
    problems.push(`${where} retryStrategy is malformed`);
  if (template.suspend && !DIGITS.test(template.suspend.duration))
    problems.push(`${where} suspend is malformed`);

  const allowedTags = (tag: string) =>
    (tag.startsWith('workflow.parameters.') && context.workflowParameters.has(tag.slice(20))) ||
    (tag.startsWith('inputs.parameters.') && inputs.has(tag.slice(18)));
  if (template.container) checkContainer(template.container, [], where, context, allowedTags);
  if (template.containerSet) {
    const set = template.containerSet;
    const names = set.containers.map((container) => container.name);
    if (new Set(names).size !== names.length) problems.push(`${where} has two containers of the same name`);
    if (outputs.length && !names.includes('main'))
      problems.push(`${where} has outputs but no container "main"`);
    for (const container of set.containers) {
      if (!DNS_LABEL.test(container.name))
        problems.push(`${where} container name "${container.name}" is invalid`);
      for (const dependency of container.dependencies ?? [])
        if (!names.includes(dependency) || dependency === container.name)
          problems.push(`${where} container "${container.name}" depends on unknown "${dependency}"`);
      checkContainer(container, set.volumeMounts ?? [], where, context, allowedTags);
    }
  }
  if (template.dag) checkDag(template, context);
}

function checkContainer(
  container: Container,
  sharedMounts: readonly { name: string; mountPath: string }[],
  where: string,
  context: CheckContext,
  allowedTag: (tag: string) => boolean,
): void {
  const { problems } = context;
  if (!container.image) problems.push(`${where} has a container without image`);
  const env = new Set<string>();
  for (const variable of container.env ?? []) {
    if (!ENV_NAME.test(variable.name) || env.has(variable.name))
      problems.push(`${where} environment variable "${variable.name}" is invalid or set twice`);
    env.add(variable.name);
    const secret = variable.valueFrom?.secretKeyRef;
    if (secret && (!DNS_SUBDOMAIN.test(secret.name) || !SECRET_KEY.test(secret.key)))
      problems.push(`${where} reads an invalid Secret reference ${secret.name}/${secret.key}`);
  }
  const paths = new Set<string>();
  for (const mount of [...sharedMounts, ...(container.volumeMounts ?? [])]) {
    if (!context.volumes.has(mount.name)) problems.push(`${where} mounts undeclared volume "${mount.name}"`);
    if (!mount.mountPath.startsWith('/') || paths.has(mount.mountPath))
      problems.push(`${where} mount path "${mount.mountPath}" is relative or used twice`);
    paths.add(mount.mountPath);
  }
  const limits = container.resources?.limits;
  if (limits) {
    if (
      (limits.cpu !== undefined && !CPU.test(limits.cpu)) ||
      (limits.memory !== undefined && !MEMORY.test(limits.memory))
    )
      problems.push(`${where} has a malformed resource quantity`);
  }
  const texts = [container.image, ...(container.command ?? []), ...(container.args ?? [])];
  for (const variable of container.env ?? []) if (variable.value !== undefined) texts.push(variable.value);
  for (const text of texts) checkTags(text, where, allowedTag, problems);
}

function checkDag(template: Template, context: CheckContext): void {
  const { problems, templates } = context;
  const where = `template "${template.name}"`;
  const tasks = template.dag?.tasks ?? [];
  const byName = new Map(tasks.map((task) => [task.name, task]));
  const parents = new Map<string, string[]>();
  if (byName.size !== tasks.length) problems.push(`${where} has two tasks of the same name`);
  for (const task of tasks) {
    checkTaskName(task.name, 'task', problems);
    if (/^[0-9]/.test(task.name))
      problems.push(`task "${task.name}" starts with a digit (not allowed with depends)`);
    if ('continueOn' in task)
      problems.push(`task "${task.name}" uses continueOn, which Argo refuses with depends`);
    const operands = task.depends === undefined ? { tasks: [] } : dependsOperands(task.depends);
    if ('problem' in operands) problems.push(`task "${task.name}": ${operands.problem}`);
    else {
      for (const name of operands.tasks)
        if (!byName.has(name)) problems.push(`task "${task.name}" depends on unknown task "${name}"`);
      parents.set(task.name, operands.tasks);
    }
  }
  const isAncestor = ancestry(parents, problems);
  for (const task of tasks) {
    const target = templates.get(task.template);
    if (!target) {
      problems.push(`task "${task.name}" uses unknown template "${task.template}"`);
      continue;
    }
    const given = (task.arguments?.parameters ?? []).map((parameter) => parameter.name);
    const wanted = (target.inputs?.parameters ?? []).filter((parameter) => parameter.value === undefined);
    for (const input of wanted)
      if (!given.includes(input.name)) problems.push(`task "${task.name}" gives no argument "${input.name}"`);
    for (const name of given)
      if (!target.inputs?.parameters.some((input) => input.name === name))
        problems.push(`task "${task.name}" passes "${name}", which its template does not take`);
    const allowedTag = (tag: string): boolean => {
      if (tag.startsWith('workflow.parameters.')) return context.workflowParameters.has(tag.slice(20));
      const match = /^tasks\.([^.]+)\.(?:status|outputs\.parameters\.(.+))$/.exec(tag);
      const producer = match?.[1];
      if (producer === undefined || !isAncestor(task.name, producer)) return false;
      const key = match?.[2];
      const producerTemplate = templates.get(byName.get(producer)?.template ?? '');
      return key === undefined || (producerTemplate?.outputs?.parameters ?? []).some((p) => p.name === key);
    };
    for (const argument of task.arguments?.parameters ?? [])
      checkTags(argument.value ?? '', `task "${task.name}"`, allowedTag, problems);
    if (task.when !== undefined) checkTags(task.when, `task "${task.name}"`, allowedTag, problems);
  }
  for (const output of template.outputs?.parameters ?? []) {
    const expression = output.valueFrom?.expression ?? '';
    for (const [, producer, key] of expression.matchAll(
      /tasks\['([^']+)'\]\.outputs\.parameters\['([^']+)'\]/g,
    )) {
      const producerTemplate = templates.get(byName.get(producer ?? '')?.template ?? '');
      if (!(producerTemplate?.outputs?.parameters ?? []).some((p) => p.name === key))
        problems.push(`${where} output "${output.name}" reads unknown ${producer}.${key}`);
    }
    if (expression.includes('{{')) problems.push(`${where} output "${output.name}" holds "{{"`);
  }
}

/**
 * Whether one task is an ancestor (a transitive dependency) of another: one bit set per task, built in
 * topological order, so 2,000 tasks cost a few hundred thousand word operations. A cycle is a problem.
 */
function ancestry(
  parents: ReadonlyMap<string, readonly string[]>,
  problems: string[],
): (task: string, candidate: string) => boolean {
  const names = [...parents.keys()];
  const index = new Map(names.map((name, i) => [name, i]));
  const words = Math.ceil(names.length / 32);
  const bits = names.map(() => new Uint32Array(words));
  const children = new Map<string, string[]>(names.map((name) => [name, []]));
  const waiting = new Map<string, number>();
  for (const [name, list] of parents) {
    const known = list.filter((parent) => index.has(parent));
    waiting.set(name, known.length);
    for (const parent of known) children.get(parent)?.push(name);
  }
  const order = names.filter((name) => waiting.get(name) === 0);
  for (let i = 0; i < order.length; i++) {
    const name = order[i] ?? '';
    const own = bits[index.get(name) ?? 0];
    for (const parent of parents.get(name) ?? []) {
      const at = index.get(parent);
      if (at === undefined || !own) continue;
      own[at >> 5] = (own[at >> 5] ?? 0) | (1 << (at & 31));
      const inherited = bits[at];
      if (inherited) for (let w = 0; w < words; w++) own[w] = (own[w] ?? 0) | (inherited[w] ?? 0);
    }
    for (const child of children.get(name) ?? []) {
      const left = (waiting.get(child) ?? 0) - 1;
      waiting.set(child, left);
      if (left === 0) order.push(child);
    }
  }
  if (order.length < names.length) problems.push('the tasks of the DAG form a cycle');
  return (task, candidate) => {
    const own = bits[index.get(task) ?? -1];
    const at = index.get(candidate);
    return own !== undefined && at !== undefined && ((own[at >> 5] ?? 0) & (1 << (at & 31))) !== 0;
  };
}

function checkTags(text: string, where: string, allowed: (tag: string) => boolean, problems: string[]): void {
  let at = text.indexOf('{{');
  while (at !== -1) {
    const end = text.indexOf('}}', at + 2);
    if (end === -1) {
      problems.push(`${where}: "{{" without "}}" in "${text}"`);
      return;
    }
    const tag = text.slice(at + 2, end).trim();
    if (!allowed(tag)) problems.push(`${where}: {{${tag}}} cannot be resolved there`);
    at = text.indexOf('{{', end + 2);
  }
}

function checkParameters(parameters: readonly Parameter[], where: string, problems: string[]): string[] {
  const names = parameters.map((parameter) => parameter.name);
  for (const name of names)
    if (!PARAMETER_NAME.test(name)) problems.push(`${where}: parameter name "${name}" is invalid`);
  if (new Set(names).size !== names.length) problems.push(`${where}: a parameter name is used twice`);
  return names;
}

function checkTaskName(name: string, what: string, problems: string[]): void {
  if (!TEMPLATE_NAME.test(name) || name.length > MAX_TEMPLATE_NAME)
    problems.push(`${what} name "${name}" is invalid`);
}

function checkObjectName(name: string, where: string, problems: string[], max = MAX_OBJECT_NAME): void {
  if (!DNS_SUBDOMAIN.test(name) || name.length > max) problems.push(`${where} "${name}" is not a valid name`);
}

/** Strings of the manifest where no tag may stand: metadata, volumes, descriptions of the workflow's inputs. */
function untemplatedStrings(manifest: ArgoWorkflow): [string, string][] {
  const strings: [string, string][] = [];
  const collect = (where: string, value: unknown): void => {
    if (typeof value === 'string') strings.push([where, value]);
    else if (value && typeof value === 'object')
      for (const item of Object.values(value)) collect(where, item);
  };
  collect('metadata', manifest.metadata);
  collect('spec.volumes', manifest.spec.volumes);
  // Input values are data (a default may hold anything); their descriptions are only shown.
  for (const parameter of manifest.spec.arguments?.parameters ?? [])
    collect('spec.arguments', parameter.description);
  return strings;
}
