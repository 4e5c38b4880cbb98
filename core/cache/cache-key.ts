import { createHash, createHmac } from 'node:crypto';
import type { EffectiveStep } from '../model/effective-step.js';
import { findInterpolations } from '../interpolate/lex-interpolations.js';
import type { ResolvedSpec } from '../run/step-hooks.js';
import { hashVolumeContent } from './hash-volume.js';

/** Bumped whenever what goes into a key changes, so old entries simply stop matching. */
const KEY_VERSION = 1;

/**
 * The parts of a key by name (`image`, `command`, `environment API_URL`, `volume /src`,
 * `output build.version`), each a hash: the names are what a miss is explained with.
 */
export type KeyComponents = Record<string, string>;

export type CacheKey =
  { cacheable: true; key: string; components: KeyComponents } | { cacheable: false; reason: string };

export interface CacheKeyInput {
  step: EffectiveStep;
  /** The step's settings with every `${…}` resolved. */
  spec: ResolvedSpec;
  /** The image's content digest (the engine's image id); undefined when the image is not present locally. */
  imageDigest: string | undefined;
  /** Raw outputs of the steps that already ran, for the `${steps.<id>.outputs.<key>}` the step uses. */
  stepOutputs: Record<string, Record<string, string>>;
  /** True when a text holds a secret (the run's masker changes it). */
  holdsSecret: (text: string) => boolean;
  /** The cache's own key for hashing secrets (an HMAC key kept beside the entries, never in them). */
  secretKey: Buffer;
}

/**
 * The cache key of a step: a hash over everything that decides its result — the image's digest (not its
 * tag), the argv, the resolved environment, the content and target of each read-only volume, and the upstream
 * outputs it consumes. Host paths are left out (a checkout elsewhere gives the same key); a value holding a
 * secret enters only as an HMAC with the cache's own key. Resources, timeouts and retries are left out: they
 * do not change a correct result. A step with a writable volume cannot be cached (a hit would skip its writes).
 */
export function computeCacheKey(input: CacheKeyInput): CacheKey {
  const { spec } = input;
  const writable = spec.mounts.find((mount) => !mount.readOnly);
  if (writable)
    return {
      cacheable: false,
      reason: `volume ${writable.target} is writable (only steps whose volumes are all read_only: true are cached)`,
    };
  if (!input.imageDigest) return { cacheable: false, reason: `image ${spec.image} is not present to digest` };
  const hashOf = (text: string) =>
    input.holdsSecret(text)
      ? `hmac:${createHmac('sha256', input.secretKey).update(text).digest('hex')}`
      : `sha256:${createHash('sha256').update(text).digest('hex')}`;

  const components: KeyComponents = { image: input.imageDigest };
  components.command = hashOf(JSON.stringify(spec.command ?? null));
  for (const [name, value] of Object.entries(spec.env)) components[`environment ${name}`] = hashOf(value);
  for (const mount of spec.mounts) {
    try {
      components[`volume ${mount.target}`] = `sha256:${hashVolumeContent(mount.source)}`;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return { cacheable: false, reason: `volume ${mount.target} cannot be read to hash (${code})` };
    }
  }
  for (const [reference, value] of consumedOutputs(input.step, input.stepOutputs))
    components[`output ${reference}`] = hashOf(value);

  const sorted = Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
  const key = createHash('sha256')
    .update(JSON.stringify({ v: KEY_VERSION, components: sorted }))
    .digest('hex');
  return { cacheable: true, key, components: sorted };
}

/** `build.version` → value, for every `${steps.build.outputs.version}` in the step's interpolated texts. */
export function consumedOutputs(
  step: EffectiveStep,
  stepOutputs: Record<string, Record<string, string>>,
): Map<string, string> {
  const texts = [
    step.image?.value ?? '',
    ...(step.step.command?.items.map((item) => item.value) ?? []),
    ...[...step.environment.values()].map((value) => value.value),
    ...step.volumes.flatMap((volume) => [volume.source?.value ?? '', volume.target?.value ?? '']),
  ];
  const consumed = new Map<string, string>();
  for (const text of texts) {
    for (const { reference } of findInterpolations(text)) {
      if (reference.kind !== 'step-output') continue;
      const value = Object.hasOwn(stepOutputs, reference.stepId)
        ? stepOutputs[reference.stepId]?.[reference.key]
        : undefined;
      consumed.set(`${reference.stepId}.${reference.key}`, value ?? '');
    }
  }
  return consumed;
}
