import type { Located } from '../model/source.js';
import type { VolumeList } from '../model/workflow.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/**
 * DW016: a volume without a source (host path) or target (container path), or with a blank one.
 * On the blank value, or on the volume when the key is missing. Works for steps and container_config.
 */
export function checkVolumes(volumes: VolumeList | undefined, owner: string): SpanDiagnostic[] {
  const diagnostics: SpanDiagnostic[] = [];
  for (const volume of volumes?.items ?? []) {
    for (const [name, value, meaning] of [
      ['source', volume.source, 'the host path'],
      ['target', volume.target, 'the path in the container'],
    ] as const) {
      if (isBlank(value)) {
        const span = value ? value.span : volume.span;
        diagnostics.push(
          spanDiagnostic('DW016', span, `${owner}: volume has no ${name} (${meaning})`, { missing: name }),
        );
      }
    }
  }
  return diagnostics;
}

function isBlank(value: Located<string> | undefined): boolean {
  return value === undefined || value.value.trim() === '';
}
