// Entry of dist/workflow-tools.js: the YAML parser and what needs it in the extension host (run planning, inputs,
// the docker run command, the New Workflow templates, the Argo export); CodeLenses and step ranges come from the
// language server. Loaded on first use (load-workflow-tools.ts), so activation does not pay for `yaml`.
export { parseWorkflow } from '../../core/parse/parse-workflow.js';
export { plannedSteps, workflowDisplayName } from '../run/workflow-plan.js';
export { inputQuestions } from '../commands/input-questions.js';
export { dockerRunArgv, shellQuote } from '../commands/docker-run-command.js';
export { exportArgo } from '../../core/export/export-argo.js';
export { exportVolumeSources } from '../../core/export/export-volume-sources.js';
export { exportFailureMessage } from '../../core/export/export-failure.js';
export {
  DEFAULT_TEMPLATE_IMAGE,
  renderTemplate,
  WORKFLOW_TEMPLATES,
} from '../../core/templates/workflow-templates.js';
export {
  bareWorkflowName,
  WORKFLOW_FILE_SUFFIX,
  workflowFileName,
  workflowNameProblem,
} from '../../core/templates/workflow-file-name.js';
