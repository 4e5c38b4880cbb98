import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Folders never searched: dependencies, VCS data, and hidden folders. */
const SKIPPED = new Set(['node_modules']);

/** Past this depth the search stops (a served folder is a project, not a disk). */
const MAX_DEPTH = 12;

const FIRST_LINE = /^#\s*dagger-workflow\b/;

/** A YAML file under the served folder, and whether its name alone makes it a workflow. */
export interface YamlFile {
  path: string;
  /** `*.dagger.yaml`, `*.dagger.yml` or `dagger/workflows/*.y?ml`: a workflow by its name (docs/workflow-format.md). */
  workflowByName: boolean;
}

/** Every `.yaml`/`.yml` file under `root`, sorted by path; hidden folders and node_modules are skipped. */
export function findYamlFiles(root: string): YamlFile[] {
  const found: YamlFile[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // A folder we may not read is not ours to serve.
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED.has(entry.name) && depth < MAX_DEPTH)
          walk(path, depth + 1);
      } else if (/\.ya?ml$/i.test(entry.name) && (entry.isFile() || isLinkToFile(path))) {
        found.push({ path, workflowByName: isWorkflowByName(path) });
      }
    }
  };
  walk(root, 0);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

function isWorkflowByName(path: string): boolean {
  if (/\.dagger\.ya?ml$/i.test(path)) return true;
  const folder = dirname(path);
  return basename(folder) === 'workflows' && basename(dirname(folder)) === 'dagger';
}

function isLinkToFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether a YAML file starts with the `# dagger-workflow` line, reading only its first bytes. */
export function hasWorkflowFirstLine(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(256);
    const length = readSync(fd, head, 0, head.length, 0);
    return FIRST_LINE.test(
      head
        .subarray(0, length)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A workflow's id: its file name without `.dagger.yaml`, `.dagger.yml`, `.yaml` or `.yml`. */
export function workflowIdOf(path: string): string {
  return basename(path).replace(/(\.dagger)?\.ya?ml$/i, '');
}
