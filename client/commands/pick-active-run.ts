import * as vscode from 'vscode';
import type { RunRecord } from '../views/run-record.js';

/** The runs Cancel Run stops: the one active run, or those the user picks when several are active. */
export async function pickRunsToCancel(active: readonly RunRecord[]): Promise<RunRecord[]> {
  if (active.length <= 1) return [...active];
  const all = { label: `All ${active.length} active runs`, runs: [...active] };
  const choice = await vscode.window.showQuickPick(
    [
      all,
      ...active.map((run) => ({
        label: run.workflowName,
        description: `started ${new Date(run.startedAt).toLocaleTimeString()}`,
        detail: run.runId,
        runs: [run],
      })),
    ],
    { title: 'Cancel Run', placeHolder: 'Several runs are active: which one to cancel?' },
  );
  return choice?.runs ?? [];
}
