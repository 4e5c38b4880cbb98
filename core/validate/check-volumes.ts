import { posix } from 'node:path';
import { findInterpolations } from '../interpolate/lex-interpolations.js';
import type { Located } from '../model/source.js';
import type { Volume, VolumeList } from '../model/workflow.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/**
 * DW016: a volume without a source (host path) or target (container path), or with a blank one, on the blank
 * value, or on the volume when the key is missing. DW025: a target the engine refuses when the container is
 * created — a relative path (`data`, `~/x`) or the container's root — unless a `${…}` opens it (only known
 * when the step starts). Works for steps and container_config.
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
    diagnostics.push(...checkTarget(volume, owner));
  }
  return diagnostics;
}

function checkTarget(volume: Volume, owner: string): SpanDiagnostic[] {
  const target = volume.target;
  if (!target || isBlank(target) || findInterpolations(target.value)[0]?.span.start === 0) return [];
  const path = target.value;
  const problem = !path.startsWith('/')
    ? 'is not an absolute path in the container (it must start with "/")'
    : posix.normalize(path) === '/'
      ? 'is the root of the container, which the engine will not mount over'
      : undefined;
  return problem
    ? [spanDiagnostic('DW025', target.span, `${owner}: volume target "${path}" ${problem}`)]
    : [];
}

function isBlank(value: Located<string> | undefined): boolean {
  return value === undefined || value.value.trim() === '';
}
