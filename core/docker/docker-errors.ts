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
  return text.split('\n')[0].replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/, '');
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
