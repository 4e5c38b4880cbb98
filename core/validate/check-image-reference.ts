import { findInterpolations } from '../interpolate/lex-interpolations.js';
import { imageReferenceProblem } from '../model/image-reference.js';
import type { Located } from '../model/source.js';
import { spanDiagnostic, type SpanDiagnostic } from './span-diagnostic.js';

/**
 * DW024: an image the engine would refuse (`repo/x;rm -rf /:latest`, `--privileged`, uppercase, a blank), on
 * the value, for a step or container_config. The runner checks the same grammar when the step starts
 * (core/run/resolve-step.ts); an image with a `${…}` is only known then, so it is left to that check.
 * An empty string is the schema's (DW003 "must not be empty").
 */
export function checkImageReference(image: Located<string> | undefined, owner: string): SpanDiagnostic[] {
  if (!image || image.value === '' || findInterpolations(image.value).length) return [];
  const problem = imageReferenceProblem(image.value);
  return problem ? [spanDiagnostic('DW024', image.span, `${owner}: ${problem}`)] : [];
}
