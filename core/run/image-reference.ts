// The reference grammar of the Docker engine (distribution/reference): a registry host only when the first
// part looks like one, then lowercase path components, an optional tag and an optional digest.
const HOST_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${HOST_PART}(?:\\.${HOST_PART})*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const NAME = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const SUFFIX = new RegExp(`^(?::${TAG})?(?:@${DIGEST})?$`);
const HOST_ONLY = new RegExp(`^${HOST}$`);

/**
 * Why `image` is no valid image reference, or undefined when it is one. Checked before the engine is asked,
 * whose own answer ("invalid reference format", or an HTTP error for a space) names neither step nor image.
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.trim() === '') return 'image is empty';
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
  const why = `image "${image}" is not a valid image reference`;
  if (hasHost && !HOST_ONLY.test(first)) return `${why} (registry "${first}")`;
  if (!NAME.test(path))
    return path !== path.toLowerCase()
      ? `${why} (repository names are lowercase)`
      : `${why} (repository "${path}")`;
  if (!SUFFIX.test(suffix)) return `${why} (tag or digest "${suffix}")`;
  return undefined;
}
