import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IMAGE, requireTestImage, runToEnd, workspace, stepOf } from './run-helpers.js';

before(requireTestImage);

// Reads the limits as the container sees them: cgroup v2 (cpu.max, memory.max) or v1 (cfs quota, limit_in_bytes).
const READ_LIMITS = [
  'if [ -f /sys/fs/cgroup/cpu.max ]; then',
  '  set -- $(cat /sys/fs/cgroup/cpu.max); echo "quota=$1" >> "$DAGGER_OUTPUT"; echo "period=$2" >> "$DAGGER_OUTPUT"',
  '  echo "memory=$(cat /sys/fs/cgroup/memory.max)" >> "$DAGGER_OUTPUT"',
  'else',
  '  echo "quota=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)" >> "$DAGGER_OUTPUT"',
  '  echo "period=$(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)" >> "$DAGGER_OUTPUT"',
  '  echo "memory=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)" >> "$DAGGER_OUTPUT"',
  'fi',
].join('\n');

void test('resources.cpu and resources.memory are visible in the container cgroup', async () => {
  const dir = workspace({
    'limits.dagger.yaml': `
name: limits
container_config:
  image: ${IMAGE}
  resources: { cpu: "500m", memory: "64M" }
steps:
  - id: defaults
    command: [sh, -c, ${JSON.stringify(READ_LIMITS)}]
  - id: own
    command: [sh, -c, ${JSON.stringify(READ_LIMITS)}]
    resources: { cpu: "1.5", memory: "96Mi" }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'limits.dagger.yaml') });
  assert.equal(run.result.status, 'succeeded');
  const cpus = (outputs: Record<string, string>) => Number(outputs.quota) / Number(outputs.period);
  assert.equal(cpus(stepOf(run.result, 'defaults').outputs), 0.5);
  assert.equal(stepOf(run.result, 'defaults').outputs.memory, String(64 * 1024 * 1024));
  assert.equal(cpus(stepOf(run.result, 'own').outputs), 1.5);
  assert.equal(stepOf(run.result, 'own').outputs.memory, String(96 * 1024 * 1024));
});

void test('exceeding the memory limit is reported as an OOM kill', async () => {
  const dir = workspace({
    'oom.dagger.yaml': `
name: oom
steps:
  - id: hog
    image: ${IMAGE}
    # 100 MB held in a shell variable, against a 16 MiB limit (swap is capped at the limit too).
    command: [sh, -c, 'x=$(head -c 100000000 /dev/zero | tr "\\\\0" a); echo $\${#x}']
    resources: { memory: 16m }
`,
  });
  const run = await runToEnd({ workflowFile: join(dir, 'oom.dagger.yaml') });
  const hog = stepOf(run.result, 'hog');
  assert.deepEqual(
    [hog.status, hog.exit_code, hog.reason],
    ['failed', 137, 'killed: out of memory (limit 16 MiB)'],
  );
});
