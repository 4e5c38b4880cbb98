import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  exportArgo,
  type ArgoExport,
  type ArgoExportOptions,
} from '../../../../../core/export/export-argo.js';
import type { Template } from '../../../../../core/export/argo-types.js';
import { argoSchemaErrors } from './argo-schema.js';

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder holding `files` (path -> content), removed when the test file ends. */
export function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'dagger-export-'));
  folders.push(folder);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

/**
 * Export a workflow given as YAML text (saved as wf.dagger.yaml in a fresh folder; no host variables). Every
 * export a mapping test makes is also checked against Argo's schema, so each mapping is proven valid for Argo.
 */
export function exportYaml(
  yaml: string,
  options: Partial<ArgoExportOptions> = {},
  files: Record<string, string> = {},
): ArgoExport {
  const folder = folderWith({ 'wf.dagger.yaml': yaml, ...files });
  return validExport(
    exportArgo({ workflowFile: join(folder, 'wf.dagger.yaml'), hostEnv: {}, cwd: folder, ...options }),
  );
}

/** The export, once its YAML (as a cluster reads it) has passed Argo's closed JSON schema. */
export function validExport(exported: ArgoExport): ArgoExport {
  assert.deepEqual(argoSchemaErrors(parse(exported.yaml)), [], "the export is valid for Argo's schema");
  return exported;
}

/** A template of the manifest by name (fails the test when absent). */
export function templateNamed(exported: ArgoExport, name: string): Template {
  const template = exported.manifest.spec.templates.find((candidate) => candidate.name === name);
  if (!template)
    throw new Error(
      `no template "${name}" in ${exported.manifest.spec.templates.map((t) => t.name).join(', ')}`,
    );
  return template;
}

/** The DAG task of a step. */
export function taskNamed(exported: ArgoExport, name: string) {
  const dag = exported.manifest.spec.templates.find(
    (template) => template.name === exported.manifest.spec.entrypoint,
  );
  const task = dag?.dag?.tasks.find((candidate) => candidate.name === name);
  if (!task) throw new Error(`no task "${name}"`);
  return task;
}
