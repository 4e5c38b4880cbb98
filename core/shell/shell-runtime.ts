import type { BindMount } from '../run/runtime.js';

/** Label of an image kept from a failed step's container, so a shell can open on its filesystem later. */
export const LABEL_KEPT = 'dagger-wf.kept';
/** Label of an image kept for a run folder: it goes when that run folder is pruned from this history folder. */
export const LABEL_HISTORY = 'dagger-wf.history';
/** Label naming the environment variables blanked in a kept image because they held a secret. */
export const LABEL_SECRET_ENV = 'dagger-wf.secret-env';
/** Label holding a kept step's bind mounts (JSON), to mount them again in its shell. */
export const LABEL_MOUNTS = 'dagger-wf.mounts';
/** The program a shell container runs: the user's explicit request for a shell. */
export const SHELL_PROGRAM = '/bin/sh';

/** Label of a shell container. */
export const LABEL_SHELL = 'dagger-wf.shell';

/** A container for an interactive shell: a step's image (or its kept filesystem), environment and mounts. */
export interface ShellSpec {
  image: string;
  env: Record<string, string>;
  mounts: BindMount[];
  labels: Record<string, string>;
  /** A terminal (default); false for a shell fed from a pipe (scripts, tests), whose output stays plain. */
  tty?: boolean;
}

export interface KeptImage {
  id: string;
  labels: Record<string, string>;
}

/** What shells need from the engine beyond running steps (core/docker implements it). */
export interface ShellRuntime {
  /**
   * Commit a stopped container to an image carrying `labels`, with each of `blankEnv` set empty (so no secret is
   * kept in the image). Returns the image id.
   */
  commitContainer(containerId: string, labels: Record<string, string>, blankEnv: string[]): Promise<string>;
  /** Images carrying all of `labels`, newest first. */
  findImages(labels: Record<string, string>): Promise<KeptImage[]>;
  /** Remove images by id (forced); returns how many went. */
  removeImages(ids: string[]): Promise<number>;
  /**
   * Create (not start) a container running `/bin/sh` with a terminal, from `spec`. Returns its id; `dagger-wf shell
   * --attach` starts it, connects the terminal and removes it at the end.
   */
  createShellContainer(spec: ShellSpec): Promise<string>;
  /**
   * Start a created shell container with a terminal connected (default: this process's, in raw mode, resizes
   * followed) until the shell exits, then remove it. Resolves with the shell's exit code; rejects with a one-line
   * reason when it cannot start (an image without a shell).
   */
  attachShell(containerId: string, io?: ShellIo): Promise<number>;
}

/** A terminal for a shell: this process's, or an editor's terminal. */
export interface ShellIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The terminal's size now, and a way to follow it (returns how to stop). */
  size?: () => { rows: number; columns: number };
  onResize?: (listener: () => void) => () => void;
  setRawMode?: (raw: boolean) => void;
}
