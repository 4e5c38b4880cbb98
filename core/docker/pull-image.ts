import type Docker from 'dockerode';
import type { ImagePullProgress } from '../run/runtime.js';
import { ImagePullError } from '../run/run-errors.js';
import { messageOf } from './docker-errors.js';

/** `busybox` -> `busybox:latest`: without a tag the engine would pull every tag of the repository. */
export function withDefaultTag(image: string): string {
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  return lastPart.includes(':') || lastPart.includes('@') ? image : `${image}:latest`;
}

interface PullMessage {
  status?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** Pull an image, reporting the engine's progress messages; an error in the stream is a failure too. */
export async function pullImage(
  docker: Docker,
  image: string,
  onProgress: (progress: ImagePullProgress) => void,
): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(withDefaultTag(image));
  } catch (error) {
    throw new ImagePullError(image, messageOf(error));
  }
  await new Promise<void>((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        if (error || failure) reject(new ImagePullError(image, failure ?? messageOf(error)));
        else resolve();
      },
      (message: PullMessage) => {
        if (message.error) failure = message.errorDetail?.message ?? message.error;
        else if (message.status) onProgress({ status: message.status, progress: message.progress });
      },
    );
  });
}
