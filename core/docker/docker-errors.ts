import { firstLine } from '../parse/first-line.js';

/** The HTTP status of a dockerode error, when the engine answered at all. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The engine's own message (its JSON `message`), else the error's text, on one line. */
export function messageOf(error: unknown): string {
  const json = (error as { json?: { message?: unknown } } | null)?.json;
  const text =
    typeof json?.message === 'string' ? json.message : error instanceof Error ? error.message : String(error);
  // trim: dockerode ends its own messages with a space.
  return firstLine(text)
    .replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/, '')
    .trim();
}

/** Run a cleanup call, ignoring "no such container" (404), "not running" (304/409) and "already being removed". */
export async function ignoringGone(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const status = statusOf(error);
    if (status === 304 || status === 404 || status === 409) return;
    throw error;
  }
}

/**
 * Why the engine would not start a container, on one line: its own message without the HTTP prefix, and
 * for a program the image lacks, just that (the runtime's wording is five layers of "failed to create").
 */
export function startFailureMessage(error: unknown): string {
  const message = messageOf(error).trim();
  const missing =
    /exec: "([^"]*)": (?:stat [^:]*: )?(no such file or directory|executable file not found in \$PATH|permission denied)/.exec(
      message,
    );
  if (!missing) return message;
  return missing[2] === 'permission denied'
    ? `"${missing[1]}" is not executable in the image`
    : `"${missing[1]}" is not in the image (${missing[2]})`;
}
