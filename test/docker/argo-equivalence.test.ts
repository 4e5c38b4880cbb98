// Equivalence, for real: a workflow run by `dagger-wf run` and its Argo export run by the test-only simulator
// of Argo (test/argo-simulator: the DAG with depends and when, retryStrategy, activeDeadlineSeconds, container
// sets, output parameter files, global outputs, the DAG's phase) on the same Docker engine give the same step
// states, attempts, exit codes, step outputs the workflow reads, and workflow outputs. Both run the local test
// image; the splitter container runs it too (`--output-image`).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { exportArgo } from '../../core/export/export-argo.js';
import { ExportError } from '../../core/export/export-errors.js';
import { exportVolumeSources } from '../../core/export/export-volume-sources.js';
import type { StepStatus } from '../../core/model/run-state.js';
import { resolveHostPath } from '../../core/run/resolve-step.js';
import { SecretMasker } from '../../core/run/secret-masker.js';
import { simulateWorkflow, type SimNode } from '../argo-simulator/simulate-workflow.js';
import { argoSchemaErrors } from '../unit/core/export/support/argo-schema.js';
import { IMAGE, requireTestImage, runToEnd, runtime, workspace } from './run-helpers.js';

before(requireTestImage);

const EXAMPLES = resolve(__dirname, '../../examples');
const SECRET_NAME = 'equivalence-inputs';

interface Scenario {
  inputs?: Record<string, string>;
  /** Inputs declared secret: given to the run as inputs, and to the cluster as the Secret's keys. */
  secrets?: Record<string, string>;
}

/** Run the workflow locally, export it, simulate the export, and compare what each ended with. */
async function assertEquivalent(workflowFile: string, scenario: Scenario = {}): Promise<void> {
  const inputs = scenario.inputs ?? {};
  const secrets = scenario.secrets ?? {};
  const { claims, exported } = exportWithClaims(workflowFile);
  const claimFolders = Object.fromEntries(
    claims.map(({ source, claim }) => [claim, resolveHostPath(source, dirname(workflowFile))]),
  );

  const local = (await runToEnd({ workflowFile, inputs: { ...inputs, ...secrets }, hostEnv: {} })).result;
  // What is simulated is what a cluster would accept: the manifest passes Argo's closed schema first.
  assert.deepEqual(
    argoSchemaErrors(parse(exported.yaml)),
    [],
    "the simulated export is valid for Argo's schema",
  );
  const argo = await simulateWorkflow(exported.yaml, {
    runtime,
    parameters: inputs,
    cluster: { secrets: { [SECRET_NAME]: secrets }, claims: claimFolders },
  });
  assert.deepEqual(await runtime.listContainers(argo.labels), [], 'the simulation removed its containers');

  // A run masks secret values in the outputs it reports; Argo cannot, and the export says so in its notes.
  const masker = new SecretMasker(Object.values(secrets));
  const stepOfTask = stepsOfTasks(exported.yaml);
  const fromArgo: Record<string, unknown> = {};
  const fromRun: Record<string, unknown> = {};
  for (const [task, stepId] of stepOfTask) {
    const node = argo.nodes.get(task);
    const step = local.steps[stepId];
    assert.ok(node && step, `step ${stepId} (task ${task}) ran in both`);
    fromArgo[stepId] = { status: stepStatus(node), attempts: node.attempts, exit_code: node.exitCode };
    fromRun[stepId] = { status: step.status, attempts: step.attempts, exit_code: step.exit_code };
    if (step.reason?.startsWith('DAGGER_OUTPUT')) {
      // A malformed $DAGGER_OUTPUT: the run reports the step's own exit code (0); on Argo the pod's exit code
      // is the splitter's, which failed the step.
      assert.equal(node.exitCode, 1, `the splitter failed step ${stepId}`);
      fromArgo[stepId] = { ...(fromArgo[stepId] as object), exit_code: step.exit_code };
    }
    // The outputs Argo read (those the workflow uses) are the run's values (as the run reports them).
    for (const [key, value] of Object.entries(node.outputs))
      assert.equal(masker.mask(value), step.outputs[key], `output ${key} of step ${stepId}`);
  }
  const why = Object.entries(local.steps)
    .map(([id, step]) => `${id}: ${step.reason ?? step.status}`)
    .join('; ');
  assert.deepEqual(fromArgo, fromRun, `steps differ (run: ${why})`);
  assert.equal(argo.phase === 'Succeeded' ? 'succeeded' : 'failed', local.status, 'workflow status');
  const argoOutputs = Object.fromEntries(
    Object.entries(argo.outputs).map(([name, value]) => [name, masker.mask(value)]),
  );
  if (JSON.stringify(argoOutputs) !== JSON.stringify(argo.outputs))
    assert.ok(
      exported.notes.some((note) => note.startsWith('workflow outputs are not masked on Argo')),
      'the export warns that its workflow outputs show secrets',
    );
  assert.deepEqual(argoOutputs, local.outputs, 'workflow outputs');
}

/** Task name -> step id, from the annotation each step's template carries (gates have none). */
function stepsOfTasks(yaml: string): Map<string, string> {
  const manifest = parse(yaml) as {
    spec: {
      entrypoint: string;
      templates: {
        name: string;
        dag?: { tasks: { name: string; template: string }[] };
        metadata?: { annotations?: Record<string, string> };
      }[];
    };
  };
  const templates = new Map(manifest.spec.templates.map((template) => [template.name, template]));
  const tasks = templates.get(manifest.spec.entrypoint)?.dag?.tasks ?? [];
  const steps = new Map<string, string>();
  for (const task of tasks) {
    const stepId = templates.get(task.template)?.metadata?.annotations?.['dagger-wf.step'];
    if (stepId !== undefined) steps.set(task.name, stepId);
  }
  return steps;
}

/** A run's step state for an Argo node: a pod past its deadline is a timeout, Skipped and Omitted are skips. */
function stepStatus(node: SimNode): StepStatus {
  switch (node.phase) {
    case 'Succeeded':
      return 'succeeded';
    case 'Skipped':
    case 'Omitted':
      return 'skipped';
    case 'Failed':
      return node.message.startsWith('Pod was active on the node longer') ? 'timed_out' : 'failed';
    default:
      return 'failed';
  }
}

/** The export the comparison simulates: a claim for each volume source, secrets from one Secret. */
function exportWithClaims(workflowFile: string) {
  const sources = exportVolumeSources({ workflowFile, hostEnv: {} });
  const claims = sources.map((source, index) => ({ source, claim: `claim-${index}` }));
  const exported = exportArgo({
    workflowFile,
    hostEnv: {},
    volumeClaims: claims,
    secretName: SECRET_NAME,
    outputImage: IMAGE,
  });
  return { claims, exported };
}

/** The exporter's refusal of a workflow, if it refuses it. */
function exportRefusal(workflowFile: string): ExportError | undefined {
  try {
    exportWithClaims(workflowFile);
    return undefined;
  } catch (error) {
    if (error instanceof ExportError) return error;
    throw error;
  }
}

/** An example in a scratch copy of examples/ (its volumes write into their folders). */
function example(name: string): string {
  const dir = workspace({});
  cpSync(EXAMPLES, dir, { recursive: true });
  return join(dir, name);
}

/** The inputs an example's `# Run it:` line gives (`--input name=value`), split into plain and secret ones. */
function scenarioOfExample(file: string): Scenario {
  const text = readFileSync(file, 'utf8');
  const runIt = /^# Run it:.*?node dist\/cli\.js run examples\/\S+([^)\n]*)/m.exec(text);
  const given = [...(runIt?.[1] ?? '').matchAll(/--input\s+([^=\s]+)=(\S*)/g)];
  const declared = (parse(text) as { inputs?: Record<string, { secret?: boolean } | null> }).inputs ?? {};
  const scenario: Required<Scenario> = { inputs: {}, secrets: {} };
  for (const [, name = '', value = ''] of given)
    scenario[declared[name]?.secret === true ? 'secrets' : 'inputs'][name] = value;
  return scenario;
}

const exampleFiles = readdirSync(EXAMPLES).filter((name) => /\.dagger\.ya?ml$/.test(name));

void test('examples are found to compare', () => {
  assert.ok(exampleFiles.length > 0, `no *.dagger.yaml in ${EXAMPLES}`);
});

// Every example, as its `# Run it:` line runs it: the export ends as the run does, or is refused with a clear
// message (a feature Argo cannot express), in which case nothing is compared.
for (const name of exampleFiles) {
  void test(`example ${name}: the export run as Argo would ends as \`dagger-wf run\` does`, async () => {
    const file = example(name);
    const refusal = exportRefusal(file);
    if (refusal) {
      assertClearRefusal(name, refusal);
      return;
    }
    await assertEquivalent(file, scenarioOfExample(file));
  });
}

/** A refusal the user can act on: at least one reason, one line each, no stack trace. */
function assertClearRefusal(name: string, refusal: ExportError): void {
  assert.ok(refusal.problems.length > 0, `${name}: the refusal says why`);
  for (const problem of refusal.problems)
    assert.match(problem, /^[^\n]+$/, `${name}: each reason is one line (${problem})`);
  assert.doesNotMatch(refusal.message, /\n\s+at /, `${name}: no stack trace in the refusal`);
}

void test('a workflow Argo cannot express is refused with a clear message, as an example would be', () => {
  const dir = workspace({
    'secret-image.dagger.yaml': `
inputs: { tag: { secret: true } }
container_config: { image: "${IMAGE}" }
steps:
  - id: pull
    image: "registry.example/app:\${inputs.tag}"
    command: ["true"]
`,
  });
  const refusal = exportRefusal(join(dir, 'secret-image.dagger.yaml'));
  assert.ok(refusal, 'the export refuses a secret in an image');
  assertClearRefusal('secret-image.dagger.yaml', refusal);
  assert.match(refusal.message, /step "pull".*secret input "tag"/);
});

void test('hello: a given input with Argo and Kubernetes syntax in it reaches the steps as written', async () => {
  await assertEquivalent(example('hello.dagger.yaml'), { inputs: { who: 'Argo $(HOME) {{x}}' } });
});

void test('retries-and-gates: a flaky step retried, the gate passing', async () => {
  await assertEquivalent(example('retries-and-gates.dagger.yaml'), { inputs: { run_tests: 'true' } });
});

void test('failures: dependents skipped, other branches go on, timeouts retried, allowed failures anywhere', async () => {
  const dir = workspace({
    'failures.dagger.yaml': `
container_config: { image: ${IMAGE} }
steps:
  - id: breaks
    command: [sh, -c, "echo broken >&2; exit 3"]
  - id: after-break
    command: ["true"]
    depends_on: [breaks]
  - id: independent
    command: [sh, -c, "sleep 1; echo fine"]
  - id: slow
    command: [sleep, "30"]
    timeout_seconds: 2
    retries: 1
    retry_delay: 1
  - id: optional-timeout
    command: [sleep, "30"]
    timeout_seconds: 1
    allow_failure: true
  - id: after-optional
    command: ["true"]
    depends_on: [optional-timeout, independent]
  - id: optional-leaf
    command: ["false"]
    allow_failure: true
`,
  });
  await assertEquivalent(join(dir, 'failures.dagger.yaml'));
});

void test('allowed failures alone leave the run succeeded, however deep their dependents go', async () => {
  const dir = workspace({
    'allowed.dagger.yaml': `
container_config: { image: ${IMAGE} }
steps:
  - id: probe
    command: ["false"]
    allow_failure: true
  - id: uses-probe
    command: ["true"]
    depends_on: [probe]
  - id: deeper
    command: ["true"]
    depends_on: [uses-probe]
  - id: fine
    command: ["true"]
  - id: joins
    command: ["true"]
    depends_on: [deeper, fine]
`,
  });
  await assertEquivalent(join(dir, 'allowed.dagger.yaml'));
});

void test('step outputs: the whole $DAGGER_OUTPUT grammar, read by later steps and workflow outputs', async () => {
  const dir = workspace({
    'outputs.dagger.yaml': `
inputs: { suffix: { default: "-v1" } }
container_config: { image: ${IMAGE} }
steps:
  - id: produce
    command:
      - sh
      - -c
      - |
        echo "plain=hello world" >> "$DAGGER_OUTPUT"
        echo "equals=a=b=c" >> "$DAGGER_OUTPUT"
        echo "twice=first" >> "$DAGGER_OUTPUT"
        echo "twice=second" >> "$DAGGER_OUTPUT"
        printf 'crlf=windows\\r\\n' >> "$DAGGER_OUTPUT"
        printf 'poem<<END\\nroses\\n\\nviolets\\n\\nEND\\n' >> "$DAGGER_OUTPUT"
        echo "unused=nobody reads me" >> "$DAGGER_OUTPUT"
  - id: consume
    depends_on: [produce]
    command: [sh, -c, 'printf "seen<<X\\n%s|%s|%s|%s\\n%s\\nX\\n" "$1" "$2" "$3" "$4" "$POEM" >> "$DAGGER_OUTPUT"', consume,
              "\${steps.produce.outputs.plain}", "\${steps.produce.outputs.equals}", "\${steps.produce.outputs.twice}", "\${steps.produce.outputs.crlf}"]
    environment:
      POEM: \${steps.produce.outputs.poem}
  - id: malformed
    command: [sh, -c, 'echo "no equals sign" >> "$DAGGER_OUTPUT"']
  - id: after-malformed
    command: [echo, "\${steps.malformed.outputs.x}"]
    depends_on: [malformed]
outputs:
  - { name: seen, value: "\${steps.consume.outputs.seen}" }
  - { name: poem, value: "\${steps.produce.outputs.poem}" }
`,
  });
  await assertEquivalent(join(dir, 'outputs.dagger.yaml'));
  // Outputs composed of text, inputs and several step outputs are expressions of the DAG: Argo sets them when
  // the whole DAG succeeded (docs/argo-export.md), so they are compared on a run that succeeds.
  const ok = workspace({
    'ok.dagger.yaml': `
inputs: { suffix: { default: "-v1" } }
container_config: { image: ${IMAGE} }
steps:
  - id: produce
    command: [sh, -c, 'echo "plain=hello" >> "$DAGGER_OUTPUT"']
outputs:
  - { name: composed, value: "<\${steps.produce.outputs.plain}\${inputs.suffix}>" }
  - { name: fixed, value: "release {{ 1 }} $$(x)" }
`,
  });
  await assertEquivalent(join(ok, 'ok.dagger.yaml'), { inputs: { suffix: '-v2' } });
});

void test("literals reach the process as written, through Argo's {{…}} and Kubernetes' $(VAR); secrets from the Secret", async () => {
  const dir = workspace({
    'literals.dagger.yaml': `
inputs:
  token: { secret: true }
  who: { default: world }
container_config: { image: ${IMAGE} }
steps:
  - id: echo
    command:
      - sh
      - -c
      - |
        [ "$TOKEN" = "$2" ] || { echo "token differs" >&2; exit 9; }
        case "$3" in "Bearer $TOKEN") ;; *) echo "header differs" >&2; exit 8;; esac
        printf 'args<<X\\n%s\\n%s\\nX\\n' "$1" "$4" >> "$DAGGER_OUTPUT"
        printf 'env<<X\\n%s\\n%s\\n%s\\nX\\n' "$FORMAT" "$DOLLARS" "$CALL" >> "$DAGGER_OUTPUT"
      - literals
      - '{{.Id}} {{ .Name }} $(HOME) $(date +%s) $$ $\${ESCAPED} \${inputs.who}'
      - \${inputs.token}
      - "Bearer \${inputs.token}"
      - '{{{triple}}} ends with $'
    environment:
      TOKEN: \${inputs.token}
      FORMAT: '{{json .}}'
      DOLLARS: '$(TOKEN) $$(TOKEN) $'
      CALL: 'curl -H "x: \${inputs.who}" $(HOME)'
outputs:
  - { name: args, value: "\${steps.echo.outputs.args}" }
  - { name: env, value: "\${steps.echo.outputs.env}" }
`,
  });
  await assertEquivalent(join(dir, 'literals.dagger.yaml'), { secrets: { token: 's3cr3t-value' } });
});

void test('resources and volumes: limits applied, a claim shared by two steps', async () => {
  const dir = workspace({
    'shared/.keep': '',
    'volumes.dagger.yaml': `
container_config:
  image: ${IMAGE}
  resources: { cpu: "0.5", memory: 64M }
  volumes: [{ source: ./shared, target: /shared }]
steps:
  - id: write
    command: [sh, -c, 'echo written > /shared/note']
  - id: read
    depends_on: [write]
    command: [sh, -c, 'echo "note=$(cat /shared/note)" >> "$DAGGER_OUTPUT"']
outputs:
  - { name: note, value: "\${steps.read.outputs.note}" }
`,
  });
  await assertEquivalent(join(dir, 'volumes.dagger.yaml'));
});
