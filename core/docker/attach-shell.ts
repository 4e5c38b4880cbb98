import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { SHELL_PROGRAM, type ShellIo } from '../shell/shell-runtime.js';
import { ignoringGone, startFailureMessage } from './docker-errors.js';
import { createDemultiplexer } from './demultiplex.js';

/** A shell container that could not start, said in one line (an image without a shell, typically). */
export class ShellStartError extends Error {}

/**
 * Start a created shell container and connect a terminal to it (this process's, or an editor's) until the shell
 * exits; the container is removed then, whatever happens. Resolves with the shell's exit code.
 */
export async function attachShell(docker: Docker, containerId: string, io: ShellIo): Promise<number> {
  const container = docker.getContainer(containerId);
  try {
    const stream = (await container.attach({
      stream: true,
      stdin: true,
      stdout: true,
      stderr: true,
      hijack: true,
    })) as unknown as Duplex;
    const tty = ((await container.inspect()) as { Config: { Tty: boolean } }).Config.Tty;
    const ended = new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });
    // Without a terminal the engine multiplexes stdout and stderr.
    const demultiplex = createDemultiplexer((which, chunk) =>
      (which === 'stderr' ? io.stderr : io.stdout).write(chunk),
    );
    stream.on('data', (chunk: Buffer) => (tty ? io.stdout.write(chunk) : demultiplex(chunk)));
    try {
      await container.start();
    } catch (error) {
      const reason = startFailureMessage(error);
      throw new ShellStartError(
        reason.includes(SHELL_PROGRAM)
          ? `the image has no ${SHELL_PROGRAM}, so no shell can open in it (images without a shell, such as distroless ones, cannot be entered this way)`
          : `the shell container did not start: ${reason}`,
      );
    }
    io.setRawMode?.(true);
    const resize = () => {
      const size = io.size?.();
      if (size) void container.resize({ h: size.rows, w: size.columns }).catch(() => undefined);
    };
    resize();
    const stopFollowing = io.onResize?.(resize);
    io.stdin.pipe(stream);
    io.stdin.resume();
    try {
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      // The last output may still be on its way.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      return StatusCode;
    } finally {
      io.stdin.unpipe(stream);
      io.stdin.pause();
      io.setRawMode?.(false);
      stopFollowing?.();
      stream.destroy();
    }
  } finally {
    await ignoringGone(() => container.remove({ force: true })).catch(() => undefined);
  }
}

/** This process's terminal (or pipes) as a shell's terminal. */
export function processShellIo(): ShellIo {
  const { stdin, stdout, stderr } = process;
  return {
    stdin,
    stdout,
    stderr,
    ...(stdin.isTTY ? { setRawMode: (raw: boolean) => void stdin.setRawMode(raw) } : {}),
    ...(stdout.isTTY
      ? {
          size: () => ({ rows: stdout.rows || 24, columns: stdout.columns || 80 }),
          onResize: (listener: () => void) => {
            stdout.on('resize', listener);
            return () => stdout.off('resize', listener);
          },
        }
      : {}),
  };
}
