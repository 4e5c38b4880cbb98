// The reference grammar of the Docker engine (distribution/reference): a registry host only when the first
// part looks like one, then lowercase path components, an optional tag and an optional digest.
// Every part is written so that no two branches can match the same text (no backtracking blow-up on long
// input) and with nothing but ASCII classes, so the same pattern reads alike in JavaScript and in the
// schema validators of other languages (schemas/workflow.schema.json embeds IMAGE_REFERENCE_PATTERN).
const HOST_PART = '[a-zA-Z0-9]+(?:-+[a-zA-Z0-9]+)*';
const PORT = ':[0-9]+';
const IPV6 = '\\[[0-9a-fA-F:]+\\]';
/** A first part the engine reads as a registry: with a dot or a port, `localhost`, or an IPv6 address. */
const MARKED_HOST = `(?:${HOST_PART}(?:\\.${HOST_PART})+(?:${PORT})?|${HOST_PART}${PORT}|localhost|${IPV6}(?:${PORT})?)`;
const HOST = `(?:${HOST_PART}(?:\\.${HOST_PART})*(?:${PORT})?|${IPV6}(?:${PORT})?)`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/** A first path component followed by `/` has no dot: with one, the engine would read it as a registry. */
const FIRST_COMPONENT = '[a-z0-9]+(?:(?:_|__|-+)[a-z0-9]+)*';
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

/** The whole grammar as one pattern, without anchors: `[registry/]path[:tag][@digest]`. */
export const IMAGE_REFERENCE_PATTERN =
  `(?:${MARKED_HOST}/${PATH_COMPONENT}(?:/${PATH_COMPONENT})*|${FIRST_COMPONENT}(?:/${PATH_COMPONENT})+|${PATH_COMPONENT})` +
  `(?::${TAG})?(?:@${DIGEST})?`;

const IMAGE_REFERENCE = new RegExp(`^${IMAGE_REFERENCE_PATTERN}$`);
const NAME = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const SUFFIX = new RegExp(`^(?::${TAG})?(?:@${DIGEST})?$`);
const HOST_ONLY = new RegExp(`^${HOST}$`);

/**
 * Why `image` is no valid image reference, or undefined when it is one. Checked before the engine is asked,
 * whose own answer ("invalid reference format", or an HTTP error for a space) names neither step nor image.
 * Shared by validation (DW024, on images written without `${…}`) and the runner (on every image, resolved).
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.trim() === '') return 'image is empty';
  if (IMAGE_REFERENCE.test(image)) return undefined;
  const part = referencePartProblem(image) ?? 'written as [registry/]name[:tag][@digest]';
  return `image "${image}" is not a valid image reference (${part})`;
}

/**
 * The part of a reference that is wrong, found the way the engine splits one (registry, path, tag and
 * digest), or undefined when every part is right. It names the part for a message; the verdict is the
 * pattern's (the tests check that both always agree).
 */
export function referencePartProblem(image: string): string | undefined {
  const digestAt = image.indexOf('@');
  const beforeDigest = digestAt < 0 ? image : image.slice(0, digestAt);
  const tagAt = beforeDigest.lastIndexOf(':');
  const tagStart = tagAt > beforeDigest.lastIndexOf('/') ? tagAt : beforeDigest.length;
  const repository = image.slice(0, tagStart);
  const suffix = image.slice(tagStart);
  const slash = repository.indexOf('/');
  const first = slash < 0 ? '' : repository.slice(0, slash);
  // As the engine does: the first part is a registry only when it has a dot or a port, or is localhost.
  const hasHost = slash >= 0 && (/[.:[]/.test(first) || first === 'localhost');
  const path = hasHost ? repository.slice(slash + 1) : repository;
  if (hasHost && !HOST_ONLY.test(first)) return `registry "${first}"`;
  if (!NAME.test(path))
    return path !== path.toLowerCase() ? 'repository names are lowercase' : `repository "${path}"`;
  if (!SUFFIX.test(suffix)) return `tag or digest "${suffix}"`;
  return undefined;
}
