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
      const [id, runId, stepId] = line.split(' ');
      return { id, runId, stepId };
    });
}
