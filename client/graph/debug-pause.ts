import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../debug/debug-configuration-provider.js';

/** Where a workflow debug session is paused: the file and 0-based line of its top stack frame. */
export interface PausedAt {
  file: vscode.Uri;
  line: number;
}

/**
 * Follow where workflow debug sessions are paused, through VS Code's generic debug API only: the active stack
 * item of a `dagger-workflow` session, and the top frame of its thread (the adapter puts it on the paused step's
 * `- id:` line). Calls `changed` with the place, or undefined when the session runs on or ends.
 */
export function watchPausedStep(changed: (paused: PausedAt | undefined) => void): vscode.Disposable {
  let asked = 0;
  const follow = async (item: vscode.DebugThread | vscode.DebugStackFrame | undefined): Promise<void> => {
    const ticket = ++asked;
    const paused = item?.session.type === DEBUG_TYPE ? await topFrame(item) : undefined;
    if (ticket === asked) changed(paused);
  };
  void follow(vscode.debug.activeStackItem);
  return vscode.Disposable.from(
    vscode.debug.onDidChangeActiveStackItem((item) => void follow(item)),
    vscode.debug.onDidTerminateDebugSession((session) => {
      if (session.type === DEBUG_TYPE) void follow(vscode.debug.activeStackItem);
    }),
  );
}

interface StackTraceResponse {
  stackFrames?: { line?: number; source?: { path?: string } }[];
}

async function topFrame(item: vscode.DebugThread | vscode.DebugStackFrame): Promise<PausedAt | undefined> {
  try {
    const trace = (await item.session.customRequest('stackTrace', {
      threadId: item.threadId,
      startFrame: 0,
      levels: 1,
    })) as StackTraceResponse;
    const frame = trace.stackFrames?.[0];
    const path = frame?.source?.path;
    if (!path || frame.line === undefined) return undefined;
    // VS Code's debug sessions count lines from 1 (linesStartAt1).
    return { file: toUri(path), line: frame.line - 1 };
  } catch {
    // The thread ran on between the event and the request.
    return undefined;
  }
}

function toUri(path: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(path) ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}
