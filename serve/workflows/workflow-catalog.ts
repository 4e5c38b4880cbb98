import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { WorkflowDiagnostic } from '../../core/model/diagnostic.js';
import type { Workflow } from '../../core/model/workflow.js';
import { describeFileError } from '../../core/parse/describe-file-error.js';
import { parseWorkflow } from '../../core/parse/parse-workflow.js';
import { checkRunnable } from '../../core/run/check-runnable.js';
import { findYamlFiles, hasWorkflowFirstLine, workflowIdOf } from './find-workflow-files.js';

/** A workflow file is read whole; past this it is listed as invalid instead. */
const MAX_WORKFLOW_BYTES = 4 * 1024 * 1024;

/** One served workflow as it was when last read. */
export interface CatalogWorkflow {
  id: string;
  /** Absolute path. */
  file: string;
  /** Relative to the served folder. */
  relativeFile: string;
  /** The text the workflow was read from: an execution runs exactly this text. */
  text: string;
  /** Undefined when the file could not be read. */
  workflow?: Workflow;
  /** The errors that forbid running it (the same check as `dagger-wf run`); empty when valid. */
  errors: WorkflowDiagnostic[];
}

/** Two files with one workflow id: refused at start, naming both. */
export class DuplicateWorkflowIdError extends Error {}

interface CachedFile {
  stamp: string;
  workflow: CatalogWorkflow | undefined;
}

/**
 * The workflow files under a folder, re-read when they change. Every lookup first stats the candidate
 * files and re-reads only those whose modification time, size or inode changed ("stat on request" rather
 * than fs.watch): a request always sees the file as saved at that moment (no debounce window in which an
 * execute would run the old text), no inotify watch limit is reached on a big tree, and it works where
 * file events do not arrive (network mounts, bind mounts into containers). A stat per file costs
 * microseconds, and only the workflow routes pay it.
 */
export class WorkflowCatalog {
  private readonly files = new Map<string, CachedFile>();

  constructor(readonly root: string) {}

  /** Every workflow, sorted by id; two files with the same id are both listed as invalid. */
  list(): CatalogWorkflow[] {
    const byId = new Map<string, CatalogWorkflow[]>();
    for (const workflow of this.scan()) byId.set(workflow.id, [...(byId.get(workflow.id) ?? []), workflow]);
    return [...byId.values()]
      .flatMap(([first, ...others]) =>
        !first ? [] : others.length ? [duplicateEntry(first, others)] : [first],
      )
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The workflow with this id, read afresh when its file changed. */
  get(id: string): CatalogWorkflow | undefined {
    return this.list().find((workflow) => workflow.id === id);
  }

  /** Throws DuplicateWorkflowIdError naming every id that two files share. */
  assertUniqueIds(): void {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const workflow of this.scan()) {
      const other = seen.get(workflow.id);
      if (other !== undefined)
        clashes.push(`workflow id "${workflow.id}" is used by ${other} and ${workflow.relativeFile}`);
      else seen.set(workflow.id, workflow.relativeFile);
    }
    if (clashes.length) throw new DuplicateWorkflowIdError(`${clashes.join('; ')}: rename one of each pair`);
  }

  private scan(): CatalogWorkflow[] {
    const present = new Set<string>();
    const workflows: CatalogWorkflow[] = [];
    for (const { path, workflowByName } of findYamlFiles(this.root)) {
      present.add(path);
      const stamp = stampOf(path);
      let cached = this.files.get(path);
      if (!cached || cached.stamp !== stamp) {
        const isWorkflow = workflowByName || hasWorkflowFirstLine(path);
        cached = { stamp, workflow: isWorkflow ? this.read(path) : undefined };
        this.files.set(path, cached);
      }
      if (cached.workflow) workflows.push(cached.workflow);
    }
    for (const path of this.files.keys()) if (!present.has(path)) this.files.delete(path);
    return workflows;
  }

  private read(file: string): CatalogWorkflow {
    const entry = { id: workflowIdOf(file), file, relativeFile: relative(this.root, file) };
    let text: string;
    try {
      if (statSync(file).size > MAX_WORKFLOW_BYTES)
        return {
          ...entry,
          text: '',
          errors: [fileError(`the file is over ${MAX_WORKFLOW_BYTES / 1024 / 1024} MiB`)],
        };
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return { ...entry, text: '', errors: [fileError(`cannot read the file: ${describeFileError(error)}`)] };
    }
    const workflow = parseWorkflow(text);
    return { ...entry, text, workflow, errors: checkRunnable(workflow) };
  }
}

/** Modification time, size and inode: a save (in place or by rename) changes one of them. */
function stampOf(path: string): string {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.mtimeNs}:${stat.size}:${stat.ino}`;
  } catch {
    return 'gone';
  }
}

function fileError(message: string): WorkflowDiagnostic {
  const start = { line: 0, character: 0 };
  return { code: 'file', severity: 'error', message, range: { start, end: start } };
}

function duplicateEntry(first: CatalogWorkflow, others: CatalogWorkflow[]): CatalogWorkflow {
  const files = [first, ...others].map((workflow) => workflow.relativeFile).join(' and ');
  return {
    ...first,
    workflow: undefined,
    errors: [fileError(`workflow id "${first.id}" is used by ${files}: rename one`)],
  };
}
