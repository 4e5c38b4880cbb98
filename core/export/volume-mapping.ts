import { resolve } from 'node:path';
import { resolveHostPath } from '../run/resolve-step.js';
import type { Volume } from './argo-types.js';
import { MAX_OBJECT_NAME, NameAllocator, toDnsLabel } from './argo-names.js';
import { OUTPUT_VOLUME } from './output-splitter.js';

/** `--volume-claim SOURCE=PVC`: the PersistentVolumeClaim that stands for a volume source on the cluster. */
export interface VolumeClaim {
  source: string;
  claim: string;
}

export interface VolumeMappingOptions {
  claims: readonly VolumeClaim[];
  /** Mount sources as `hostPath` volumes (paths on the node) when no claim is given for them. */
  allowHostPath: boolean;
  /** Relative sources resolve against the workflow's folder, as in a run. */
  workflowDir: string;
  /** A claim's SOURCE may also be a path relative to where the command runs. */
  cwd: string;
}

/**
 * Turns the host paths of a workflow's volumes into Kubernetes volumes: the claim given for that source, else a
 * `hostPath` when allowed, else a problem naming the volume (a bind mount of this machine means nothing on a
 * cluster, so there is no silent default). Each distinct claim or path becomes one volume of the workflow.
 */
export class VolumeMapper {
  private readonly byKey = new Map<string, Volume>();
  private readonly names = new NameAllocator([OUTPUT_VOLUME]);
  private readonly usedClaims = new Set<VolumeClaim>();
  readonly problems: string[] = [];

  constructor(private readonly options: VolumeMappingOptions) {}

  /** The name of the volume for `source` (host variables already resolved), or undefined after a problem. */
  volumeFor(stepId: string, source: string): string | undefined {
    const hostPath = resolveHostPath(source, this.options.workflowDir);
    const claim = this.options.claims.find(
      (candidate) => candidate.source === source || resolve(this.options.cwd, candidate.source) === hostPath,
    );
    if (claim) {
      this.usedClaims.add(claim);
      return this.volume(`claim:${claim.claim}`, `claim-${claim.claim}`, {
        persistentVolumeClaim: { claimName: claim.claim },
      });
    }
    if (this.options.allowHostPath)
      return this.volume(`host:${hostPath}`, 'host', { hostPath: { path: hostPath } });
    this.problems.push(
      `step "${stepId}": volume source "${source}" has no claim on the cluster: pass --volume-claim ` +
        `${source}=<PersistentVolumeClaim> (or --allow-host-path to mount ${hostPath} of the node)`,
    );
    return undefined;
  }

  /** Every volume handed out, in the order first used. */
  volumes(): Volume[] {
    return [...this.byKey.values()];
  }

  /** Claims given for sources no step mounts: a typo the user should hear about. */
  unusedClaims(): VolumeClaim[] {
    return this.options.claims.filter((claim) => !this.usedClaims.has(claim));
  }

  private volume(key: string, base: string, source: Omit<Volume, 'name'>): string {
    let volume = this.byKey.get(key);
    if (!volume) {
      const name = this.names.allocate(toDnsLabel(base, MAX_OBJECT_NAME - 4) || 'volume');
      volume = { name, ...source };
      this.byKey.set(key, volume);
    }
    return volume.name;
  }
}
