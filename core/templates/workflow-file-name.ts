/** What a new workflow file is called: `<name>.dagger.yaml`, which makes it a workflow wherever it is. */
export const WORKFLOW_FILE_SUFFIX = '.dagger.yaml';

const MAX_NAME_LENGTH = 100;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The name as typed, without spaces around it or a workflow suffix typed along (`build.dagger.yaml`). */
export function bareWorkflowName(typed: string): string {
  return typed.trim().replace(/(\.dagger)?\.ya?ml$/i, '');
}

/** `build` (or `build.dagger.yaml`) -> `build.dagger.yaml`. */
export function workflowFileName(typed: string): string {
  return `${bareWorkflowName(typed)}${WORKFLOW_FILE_SUFFIX}`;
}

/**
 * Why `typed` cannot name a new workflow file, or undefined when it can. Names stay portable: letters, digits,
 * `.`, `_` and `-`, no path (the file goes at the top of the chosen folder).
 */
export function workflowNameProblem(typed: string): string | undefined {
  const name = bareWorkflowName(typed);
  if (name === '') return 'Type a name for the workflow, e.g. build';
  if (/[\\/]/.test(name))
    return `"${name}" is a path: type a name only (the file goes at the top of the folder)`;
  if (name.length > MAX_NAME_LENGTH)
    return `The name is too long (${name.length} characters, at most ${MAX_NAME_LENGTH})`;
  if (!SAFE_NAME.test(name))
    return `"${name}" has characters a file name should not: use letters, digits, ".", "_" and "-", starting with a letter or digit`;
  return undefined;
}
