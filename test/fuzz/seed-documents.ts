/**
 * The real workflows the fuzz test starts from: the spec's examples (seeds/), the repository's examples and every
 * YAML fixture under test/, and a generated 25-step workflow.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateWorkflow } from '../lsp/support/generate-workflow.js';
import { REPO_ROOT } from '../support/paths.js';

const repositoryRoot = REPO_ROOT;
/** Larger files would make each fuzz step slow without adding new kinds of structure. */
const MAX_SEED_BYTES = 64 * 1024;

export interface SeedDocument {
  name: string;
  text: string;
}

function yamlFilesUnder(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(folder, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) && statSync(path).size <= MAX_SEED_BYTES ? [path] : [];
  });
}

/** Every seed, sorted by name so a seed number replays the same run. */
export function loadSeedDocuments(): SeedDocument[] {
  const files = [
    ...yamlFilesUnder(join(repositoryRoot, 'examples')),
    ...yamlFilesUnder(join(repositoryRoot, 'test')),
  ];
  const seeds = files.map((path) => ({
    name: relative(repositoryRoot, path),
    text: readFileSync(path, 'utf8'),
  }));
  seeds.push({ name: 'generated 25-step workflow', text: generateWorkflow(25) });
  return seeds.sort((a, b) => a.name.localeCompare(b.name));
}
