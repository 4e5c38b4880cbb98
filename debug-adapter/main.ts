// dist/debug-adapter.js: the workflow debugger for any DAP client, on stdin/stdout (`node dist/debug-adapter.js`).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDockerRuntime } from '../core/docker/create-docker-runtime.js';
import { prepareRun } from '../core/run/prepare-run.js';
import { startRun } from '../core/run/run-workflow.js';
import { defaultHistoryDir } from '../core/run/history/default-history-dir.js';
import type { DebugHost } from './debug-host.js';
import { WorkflowDebugSession } from './workflow-debug-session.js';

let runtime: ReturnType<typeof createDockerRuntime> | undefined;
const engine = () => (runtime ??= createDockerRuntime());

const host: DebugHost = {
  readText: (path) => readFileSync(path, 'utf8'),
  async startRun(launch, text, hooks) {
    const options = {
      workflowFile: resolve(launch.workflow),
      text,
      inputs: launch.inputs,
      envFile: launch.envFile === undefined ? undefined : resolve(launch.envFile),
      onlySteps: launch.steps,
    };
    // Refused before anything starts, with the reason as the launch error.
    prepareRun(options);
    await engine().ping();
    return startRun({
      ...options,
      maxParallel: launch.maxParallel,
      runtime: engine(),
      historyDir: defaultHistoryDir(),
      hooks,
      keepFailed: { shells: engine() },
    });
  },
  engine,
  cliCommand: [process.execPath, join(__dirname, 'cli.js')],
  forwardStepOutput: true,
};

const session = new WorkflowDebugSession(host);
session.start(process.stdin, process.stdout);
