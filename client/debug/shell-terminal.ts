import * as vscode from 'vscode';
import { PassThrough, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ShellRuntime } from '../../core/shell/shell-runtime.js';

/**
 * A VS Code terminal connected to a created shell container, from the extension host itself (no process of its
 * own): keystrokes go to the shell, its output to the terminal, resizes follow. The container is removed when the
 * shell exits or the terminal is closed.
 */
export function openShellTerminal(
  shells: ShellRuntime,
  containerId: string,
  title: string,
  notes: string[],
): vscode.Terminal {
  const written = new vscode.EventEmitter<string>();
  const closed = new vscode.EventEmitter<number>();
  const input = new PassThrough();
  const decoder = new StringDecoder('utf8');
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.fire(decoder.write(chunk));
      done();
    },
  });
  let size = { rows: 24, columns: 80 };
  const resizeListeners = new Set<() => void>();
  const pty: vscode.Pseudoterminal = {
    onDidWrite: written.event,
    onDidClose: closed.event,
    open: (dimensions) => {
      if (dimensions) size = { rows: dimensions.rows, columns: dimensions.columns };
      for (const note of notes) written.fire(`\x1b[2m${note}\x1b[0m\r\n`);
      shells
        .attachShell(containerId, {
          stdin: input,
          stdout: output,
          stderr: output,
          size: () => size,
          onResize: (listener) => {
            resizeListeners.add(listener);
            return () => resizeListeners.delete(listener);
          },
        })
        .then(
          (code) => closed.fire(code),
          // The terminal stays open to show why (an image without a shell).
          (error: unknown) =>
            written.fire(`\r\n${error instanceof Error ? error.message : String(error)}\r\n`),
        );
    },
    // Closing the terminal ends the shell's input: the shell exits and its container is removed.
    close: () => input.end(),
    handleInput: (data) => input.write(data),
    setDimensions: (dimensions) => {
      size = { rows: dimensions.rows, columns: dimensions.columns };
      for (const listener of resizeListeners) listener();
    },
  };
  const terminal = vscode.window.createTerminal({ name: title, pty });
  terminal.show();
  return terminal;
}
