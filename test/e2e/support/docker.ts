import { execFileSync } from 'node:child_process';

/** Containers (any state) carrying the run label, as `docker ps -a --filter label=dagger-wf.run` lists them. */
export function runContainers(): { id: string; runId: string; stepId: string }[] {
  const out = execFileSync(
    'docker',
    [
      'ps',
      '-a',
      '--filter',
      'label=dagger-wf.run',
      '--format',
      '{{.ID}} {{.Label "dagger-wf.run"}} {{.Label "dagger-wf.step"}}',
    ],
    { encoding: 'utf8' },
  );
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      // docker prints `<no value>` for a missing label: the three fields are always there.
      const [id = '', runId = '', stepId = ''] = line.split(' ');
      return { id, runId, stepId };
    });
}

/** Poll docker until containers matching `match` exist (deadline 30 s). */
export async function waitForRunContainers(
  match: (container: ReturnType<typeof runContainers>[number]) => boolean,
): Promise<ReturnType<typeof runContainers>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = runContainers().filter(match);
    if (found.length) return found;
    if (Date.now() > deadline) throw new Error('no container of the run appeared within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
