// Entry of dist/runner.js: the runner and the Docker runtime, loaded on the first Run (load-runner.ts).
export { startRun } from '../../core/run/run-workflow.js';
export { createDockerRuntime } from '../../core/docker/create-docker-runtime.js';
export { createKeptShell } from '../../core/shell/kept-shell.js';
