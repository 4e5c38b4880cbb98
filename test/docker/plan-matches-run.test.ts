import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunPlan } from '../../core/plan/plan-run.js';
import type { ResolvedSpec } from '../../core/run/step-hooks.js';
import { cliEnv, CLI } from './cache-support.js';
import { requireTestImage, runToEnd, workspace } from './run-helpers.js';

before(() => {
  requireTestImage();
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
});

/** A copy of examples/ (a run may write into its folders). */
const examples = workspace({});
cpSync(resolve('examples'), examples, { recursive: true });
const files = readdirSync(examples).filter((name) => /\.dagger\.ya?ml$/.test(name));

function plan(file: string, inputs: Record<string, string>, home: { state: string; cache: string }): RunPlan {
  const args = [
    '--',
    CLI,
    'plan',
    file,
    '--json',
    ...Object.entries(inputs).flatMap(([k, v]) => ['--input', `${k}=${v}`]),
  ];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: cliEnv(home) });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as RunPlan;
}

/** `${steps.x.outputs.k}` in a planned value, filled in with what the run's upstream steps wrote. */
function fill(text: string, outputs: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{steps\.([\w-]+)\.outputs\.([\w-]+)\}/g, (whole, step: string, key: string) =>
    Object.hasOwn(outputs, step) ? (outputs[step]?.[key] ?? whole) : whole,
  );
}

for (const name of files) {
  void test(`plan --json of examples/${name} matches what the run does (order and resolved values)`, async () => {
    const file = join(examples, name);
    const home = { state: workspace({}), cache: workspace({}) };
    const draft = plan(file, {}, home);
    // Inputs a run would refuse to go without: give each one a value, as a user would.
    const inputs = Object.fromEntries(
      draft.missing.inputs.flatMap((problem) => {
        const match = /input "([^"]+)"/.exec(problem);
        return match?.[1] ? [[match[1], 'true']] : [];
      }),
    );
    const planned = plan(file, inputs, home);
    assert.deepEqual(planned.missing, { variables: [], inputs: [] });
    const seen = new Map<string, { spec: ResolvedSpec; outputs: Record<string, Record<string, string>> }>();
    const run = await runToEnd({
      workflowFile: file,
      inputs,
      hostEnv: process.env,
      hooks: {
        beforeStep: (about) => {
          // As the plan shows them: secrets masked.
          const { spec, mask } = about;
          const masked: ResolvedSpec = {
            ...spec,
            image: mask(spec.image),
            command: spec.command?.map(mask),
            env: Object.fromEntries(Object.entries(spec.env).map(([key, value]) => [key, mask(value)])),
          };
          seen.set(about.stepId, { spec: masked, outputs: structuredClone(about.context.stepOutputs) });
          return Promise.resolve({ action: 'run' });
        },
      },
    });
    assert.deepEqual(Object.keys(planned.steps).sort(), Object.keys(run.result.steps).sort());
    assert.deepEqual(planned.stages.flat().sort(), Object.keys(run.result.steps).sort());
    for (const [id, step] of Object.entries(planned.steps)) {
      const result = run.result.steps[id];
      assert.ok(result, id);
      for (const dependency of step.depends_on) {
        assert.ok((planned.steps[dependency]?.stage ?? Infinity) < step.stage, `${dependency} before ${id}`);
        if (result.started_at === null) continue;
        const finished = run.result.steps[dependency]?.finished_at;
        assert.ok(finished && finished <= result.started_at, `${id} started after ${dependency} finished`);
      }
      const started = seen.get(id);
      if (!started) continue;
      const { spec, outputs } = started;
      assert.equal(fill(step.image, outputs), spec.image, `${id} image`);
      assert.deepEqual(
        step.command?.map((item) => fill(item, outputs)) ?? undefined,
        spec.command,
        `${id} argv`,
      );
      const environment = Object.fromEntries(
        Object.entries(step.environment).map(([k, v]) => [k, fill(v, outputs)]),
      );
      assert.deepEqual(environment, spec.env, `${id} environment`);
      assert.deepEqual(
        step.mounts,
        spec.mounts.map((mount) => ({
          source: mount.source,
          target: mount.target,
          read_only: mount.readOnly ?? false,
        })),
        `${id} mounts`,
      );
    }
  });
}
