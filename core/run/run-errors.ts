import type { WorkflowDiagnostic } from '../model/diagnostic.js';

/**
 * Problems that stop a run before any container starts. Each carries what a front end needs to print
 * one clear line (or one line per diagnostic) and choose the exit code.
 */
export class RunSetupError extends Error {}

/** The workflow has errors (DW0xx); nothing was started. */
export class InvalidWorkflowError extends RunSetupError {
  constructor(
    readonly workflowFile: string,
    readonly diagnostics: WorkflowDiagnostic[],
  ) {
    const first = diagnostics[0];
    const where = first ? `:${first.range.start.line + 1}:${first.range.start.character + 1}` : '';
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    super(
      `${workflowFile}${where} - ${first?.code ?? 'error'}: ${first?.message ?? 'invalid workflow'}${more}`,
    );
  }
}

/** Host variables referenced without a default and set nowhere (docs/workflow-format.md "Interpolation"). */
export class MissingVariablesError extends RunSetupError {
  constructor(readonly names: string[]) {
    super(
      `environment variable${names.length > 1 ? 's' : ''} not set and without default: ${names.join(', ')}`,
    );
  }
}

/** Inputs that are required but not supplied, supplied but not declared, or unreadable. */
export class InputError extends RunSetupError {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** The workflow file or the `.env` file cannot be read, or the history folder cannot be created. */
export class WorkflowFileError extends RunSetupError {}

/** The engine address (DOCKER_HOST, the dockerHost setting) has a form the runner cannot use. */
export class EngineAddressError extends RunSetupError {}

/** The container engine does not answer at `address`. */
export class EngineUnreachableError extends Error {
  constructor(
    readonly address: string,
    detail: string,
  ) {
    super(`cannot reach the Docker engine at ${address}: ${detail}`);
  }
}

/**
 * The engine went away during a run: killed, restarted, or silent for too long. Every call in flight fails
 * with it, and a runtime that lost its engine stays lost (create a new one for the next run).
 */
export class EngineLostError extends Error {
  constructor(
    readonly address: string,
    readonly detail: string,
  ) {
    super(`lost the Docker engine at ${address}: ${detail}`);
  }
}

/** An image is neither present locally nor pullable. */
export class ImagePullError extends Error {
  constructor(
    readonly image: string,
    detail: string,
  ) {
    super(`image "${image}" is not present locally and pulling it failed: ${detail}`);
  }
}
