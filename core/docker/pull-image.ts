import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImagePullProgress } from '../run/runtime.js';
import { ImagePullError } from '../run/run-errors.js';
import { messageOf, statusOf } from './docker-errors.js';
import { classifyPullFailure, cleanEngineMessage, describePullFailure } from './pull-failure.js';
import {
  findRegistryCredentials,
  type CredentialLookup,
  type CredentialOptions,
  type RegistryAuth,
} from './registry-credentials.js';
import { registryOfImage } from './registry-host.js';

/**
 * The wait before the 2nd, 3rd and 4th attempt of a pull that keeps failing for a transient reason:
 * doubling, so a registry that restarts has 7 s to come back (docs/private-registries.md).
 */
const PULL_RETRY_DELAYS_SECONDS = [1, 2, 4];
/** How many times a pull is tried at most. */
export const PULL_ATTEMPTS = PULL_RETRY_DELAYS_SECONDS.length + 1;

/** `busybox` -> `busybox:latest`: without a tag the engine would pull every tag of the repository. */
export function withDefaultTag(image: string): string {
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  return lastPart.includes(':') || lastPart.includes('@') ? image : `${image}:latest`;
}

/** One JSON message of the engine's pull stream. */
export interface PullMessage {
  status?: string;
  progress?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** What the runner needs of an engine message (the engine's field names stay here). */
export function pullProgressOf(message: PullMessage & { status: string }): ImagePullProgress {
  return {
    status: message.status,
    progress: message.progress,
    layer: message.id,
    current: message.progressDetail?.current,
    total: message.progressDetail?.total,
  };
}

/** Why one attempt failed; `fromEngine` when the engine reported it (else the engine itself was lost). */
interface AttemptFailure {
  message: string;
  fromEngine: boolean;
}

/**
 * Pull an image with the registry's credentials (found as the docker CLI finds them), reporting the
 * engine's progress messages. A transient failure is retried with backoff, each retry announced as a
 * progress message; anything else fails at once. `signal` aborts the pull, or the wait before a retry, at
 * once. Throws ImagePullError with a one-line reason that never holds a credential.
 */
export async function pullImage(
  docker: Docker,
  image: string,
  onProgress: (progress: ImagePullProgress) => void,
  options: CredentialOptions = {},
): Promise<void> {
  let lookup: CredentialLookup;
  try {
    lookup = await findRegistryCredentials(registryOfImage(image), options);
  } catch (error) {
    throw new ImagePullError(image, error instanceof Error ? error.message : String(error));
  }
  const { signal } = options;
  for (let attempt = 1; ; attempt++) {
    const failure = await pullOnce(docker, image, lookup.auth, onProgress, signal);
    if (!failure) return;
    if (signal?.aborted) throw new ImagePullError(image, 'cancelled');
    const kind = failure.fromEngine ? classifyPullFailure(failure.message) : 'permanent';
    const delaySeconds = PULL_RETRY_DELAYS_SECONDS[attempt - 1];
    if (kind !== 'transient' || delaySeconds === undefined)
      throw new ImagePullError(image, describePullFailure(failure.message, kind, lookup, attempt));
    onProgress({
      status: `Pull attempt ${attempt} of ${PULL_ATTEMPTS} failed (${cleanEngineMessage(failure.message)}); retrying in ${delaySeconds} s`,
      retry: { attempt: attempt + 1, maxAttempts: PULL_ATTEMPTS, delaySeconds },
    });
    try {
      await sleep(delaySeconds * 1000, undefined, { signal });
    } catch {
      throw new ImagePullError(image, 'cancelled');
    }
  }
}

/** One pull request; resolves with the failure, or undefined when the image is there. */
async function pullOnce(
  docker: Docker,
  image: string,
  auth: RegistryAuth | undefined,
  onProgress: (progress: ImagePullProgress) => void,
  signal: AbortSignal | undefined,
): Promise<AttemptFailure | undefined> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(withDefaultTag(image), {
      ...(auth ? { authconfig: auth } : {}),
      ...(signal ? { abortSignal: signal } : {}),
    });
  } catch (error) {
    return { message: messageOf(error), fromEngine: statusOf(error) !== undefined };
  }
  const response = stream as Readable;
  return new Promise((resolve) => {
    let failure: string | undefined;
    // Closing the response ends the pull in the engine too (it pulls for as long as someone listens).
    const abort = () => response.destroy();
    signal?.addEventListener('abort', abort, { once: true });
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        signal?.removeEventListener('abort', abort);
        if (failure) resolve({ message: failure, fromEngine: true });
        else if (signal?.aborted) resolve({ message: 'cancelled', fromEngine: false });
        else if (error) resolve({ message: messageOf(error), fromEngine: false });
        // Closed without its end: the engine went away mid-pull.
        else if (!response.readableEnded)
          resolve({ message: 'the engine closed the pull before it finished', fromEngine: false });
        else resolve(undefined);
      },
      (message: PullMessage) => {
        if (message.error) failure = message.errorDetail?.message ?? message.error;
        else if (message.status) onProgress(pullProgressOf({ ...message, status: message.status }));
      },
    );
  });
}
