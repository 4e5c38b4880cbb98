// Entry of dist/workflow-tools.js: the YAML parser and what needs it (CodeLenses, run planning, inputs, the
// docker run command, the Argo export). Loaded on first use (load-workflow-tools.ts), so activation does not pay
// for `yaml`.
export { parseWorkflow } from '../../core/parse/parse-workflow.js';
export { plannedSteps, workflowDisplayName } from '../run/workflow-plan.js';
export { inputQuestions } from '../commands/input-questions.js';
export { dockerRunArgv, shellQuote } from '../commands/docker-run-command.js';
export { exportArgo } from '../../core/export/export-argo.js';
export { exportVolumeSources } from '../../core/export/export-volume-sources.js';
export { exportFailureMessage } from '../../core/export/export-failure.js';
