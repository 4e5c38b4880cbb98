import { REPO_ROOT } from '../../../../support/paths.js';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exportArgo, type ArgoExport } from '../../../../../core/export/export-argo.js';
import { toDnsLabel } from '../../../../../core/export/argo-names.js';
import { exportVolumeSources } from '../../../../../core/export/export-volume-sources.js';

const ROOT = REPO_ROOT;
export const GOLDEN_DIR = join(ROOT, 'test/fixtures/export');

/** The workflows with golden exports: every example, and the fixture that uses every mapped feature. */
export function goldenWorkflows(): { name: string; file: string }[] {
  const examples = readdirSync(join(ROOT, 'examples'))
    .filter((name) => name.endsWith('.dagger.yaml'))
    .map((name) => ({ name: name.replace(/\.dagger\.yaml$/, ''), file: join(ROOT, 'examples', name) }));
  return [...examples, { name: 'all-features', file: join(GOLDEN_DIR, 'all-features.dagger.yaml') }];
}

/** The seed spec's examples (test/fixtures/seed), exported with node paths for their /tmp and /config volumes. */
export function seedWorkflows(): { name: string; file: string }[] {
  const dir = join(ROOT, 'test/fixtures/seed');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({ name, file: join(dir, name) }));
}

/**
 * The export tests use: no host variables but API_KEY (the seed examples read it), and a claim per volume source
 * named after it (`./state` -> `state`), so the result is the same on every machine.
 */
export function exportForTests(file: string, overrides: { outputImage?: string } = {}): ArgoExport {
  const hostEnv = { API_KEY: 'example-key' };
  const isSeed = file.includes('/seed/');
  const volumeClaims = isSeed
    ? []
    : exportVolumeSources({ workflowFile: file, hostEnv }).map((source) => ({
        source,
        claim: toDnsLabel(basename(source), 63) || 'root',
      }));
  return exportArgo({ workflowFile: file, hostEnv, volumeClaims, allowHostPath: isSeed, ...overrides });
}
