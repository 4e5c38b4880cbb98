import type { KeyComponents } from './cache-key.js';

/** How a changed component reads: the image's is its digest; the others are named as they are. */
function changed(name: string): string {
  return name === 'image' ? 'image digest changed' : `${name} changed`;
}

/**
 * Why a key missed, against the newest entry for the same step: every component that differs, by name
 * ("image digest changed; environment API_URL changed; volume /src changed"), or "no previous entry".
 */
export function explainMiss(current: KeyComponents, previous: KeyComponents | undefined): string {
  if (!previous) return 'no previous entry';
  const reasons: string[] = [];
  for (const [name, hash] of Object.entries(current)) {
    if (!(name in previous)) reasons.push(`${name} added`);
    else if (previous[name] !== hash) reasons.push(changed(name));
  }
  for (const name of Object.keys(previous)) if (!(name in current)) reasons.push(`${name} removed`);
  return reasons.length ? reasons.join('; ') : 'same key, but its entry is gone';
}
