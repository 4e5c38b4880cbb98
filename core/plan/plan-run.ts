import { consumedOutputs } from '../cache/cache-key.js';
import type { CacheStore } from '../cache/cache-store.js';
import { StepCache } from '../cache/step-cache.js';
import { DependencyGraph } from '../graph/dependency-graph.js';
import { levels, topologicalOrder } from '../graph/plan.js';
import { resolveStep } from '../run/resolve-step.js';
import type { PrepareOptions } from '../run/prepare-run.js';
import { SecretMasker } from '../run/secret-masker.js';
import { preparePlan } from './prepare-plan.js';

/** What the cache would do with a step: `off` (no `cache: true`), or a verdict with its reason. */
export interface PlannedCache {
  verdict: 'off' | 'hit' | 'miss' | 'uncacheable' | 'unknown';
  reason?: string;
}

/** One step as a run would start it (secrets `***`). */
export interface PlannedStep {
  /** Steps of the same stage can run together; a stage starts after the stages before it. */
  stage: number;
  depends_on: string[];
  image: string;
  command: string[] | null;
  environment: Record<string, string>;
  mounts: { source: string; target: string; read_only: boolean }[];
  limits: { cpu?: string; memory?: string; timeout_seconds: number; retries: number; retry_delay: number };
  cache: PlannedCache;
  /** Why it could not start as written (a missing volume source, an unresolvable value). */
  problems?: string[];
}

/** The `dagger-wf plan --json` object. */
export interface RunPlan {
  workflow: string;
  file: string;
  /** Step ids by stage. */
  stages: string[][];
  steps: Record<string, PlannedStep>;
  missing: { variables: string[]; inputs: string[] };
}

export interface PlanOptions extends PrepareOptions {
  store: CacheStore;
  imageDigest: (image: string) => Promise<string | undefined>;
  noCache?: boolean;
  defaultTimeoutSeconds?: number;
}

/**
 * What a run would do, starting no container: the stages, each step's resolved values and its cache verdict.
 * Values of upstream outputs are known only from a predicted cache hit; otherwise they stay `${steps.…}`.
 */
export async function planRun(options: PlanOptions): Promise<RunPlan> {
  const { prepared, missingVariables, inputProblems } = preparePlan(options);
  const masker = new SecretMasker(prepared.secrets);
  const mask = (text: string) => masker.mask(text);
  const graph = DependencyGraph.of(prepared.workflow);
  const stageOf = levels(graph);
  const selected = new Set(prepared.stepIds);
  const order = topologicalOrder(graph).filter((id) => selected.has(id));
  const cache = new StepCache({
    store: options.store,
    workflowFile: prepared.workflowFile,
    imageDigest: options.imageDigest,
    noCache: options.noCache,
  });
  const beforeStep = cache.hooks.beforeStep;
  const known: Record<string, Record<string, string>> = {};
  const steps: Record<string, PlannedStep> = {};
  for (const id of order) {
    const step = prepared.steps.get(id);
    if (!step) continue;
    const consumed = [...consumedOutputs(step, {}).keys()];
    const unknownUpstream = [...new Set(consumed.map((ref) => ref.split('.')[0] ?? ''))].filter(
      (upstream) => !Object.hasOwn(known, upstream),
    );
    const stepOutputs: Record<string, Record<string, string>> = { ...known };
    for (const ref of consumed) {
      const [upstream = '', ...rest] = ref.split('.');
      const key = rest.join('.');
      if (!Object.hasOwn(known, upstream))
        stepOutputs[upstream] = { ...stepOutputs[upstream], [key]: `\${steps.${upstream}.outputs.${key}}` };
    }
    const context = { env: prepared.env, inputs: prepared.inputs, stepOutputs };
    const resolved = resolveStep(step, context, prepared.workflowDir);
    const limits = {
      ...(step.cpu ? { cpu: step.cpu.value } : {}),
      ...(step.memory ? { memory: step.memory.value } : {}),
      timeout_seconds: step.timeoutSeconds ?? options.defaultTimeoutSeconds ?? 3600,
      retries: step.retries,
      retry_delay: step.retryDelay,
    };
    const base = { stage: stageOf.get(id) ?? 0, depends_on: prepared.dependencies.get(id) ?? [], limits };
    if (!resolved.ok) {
      steps[id] = {
        ...base,
        image: mask(step.image?.value ?? ''),
        command: step.step.command?.items.map((item) => mask(item.value)) ?? null,
        environment: Object.fromEntries(
          [...step.environment].map(([name, value]) => [name, mask(value.value)]),
        ),
        mounts: [],
        cache: { verdict: step.cache ? 'unknown' : 'off' },
        problems: resolved.problems.map(mask),
      };
      continue;
    }
    const { spec } = resolved;
    let verdict: PlannedCache = { verdict: 'off' };
    if (step.cache && unknownUpstream.length)
      verdict = { verdict: 'unknown', reason: `decided once ${unknownUpstream.join(', ')} has run` };
    else if (step.cache && options.noCache) verdict = { verdict: 'off', reason: '--no-cache' };
    else if (step.cache && beforeStep) {
      const about = {
        runId: 'plan',
        stepId: id,
        step,
        spec,
        maxAttempts: step.retries + 1,
        timeoutSeconds: limits.timeout_seconds,
        context,
        mask,
      };
      const decision = await beforeStep(about);
      if (decision.action === 'finish') known[id] = decision.outcome.outputs;
      const said = cache.verdicts.get(id);
      verdict =
        said?.kind === 'hit'
          ? { verdict: 'hit', reason: `cached from run ${said.fromRunId}` }
          : said?.kind === 'miss' || said?.kind === 'uncacheable'
            ? { verdict: said.kind, reason: said.reason }
            : { verdict: 'unknown' };
    }
    steps[id] = {
      ...base,
      image: mask(spec.image),
      command: spec.command?.map(mask) ?? null,
      environment: Object.fromEntries(Object.entries(spec.env).map(([name, value]) => [name, mask(value)])),
      mounts: spec.mounts.map((mount) => ({
        source: mount.source,
        target: mount.target,
        read_only: mount.readOnly ?? false,
      })),
      limits,
      cache: verdict,
    };
  }
  const stages: string[][] = [];
  for (const id of order) (stages[steps[id]?.stage ?? 0] ??= []).push(id);
  return {
    workflow: prepared.workflowName,
    file: prepared.workflowFile,
    stages: stages.filter(Boolean),
    steps,
    missing: { variables: missingVariables, inputs: inputProblems },
  };
}
