import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';

/** The run settings of the `daggerWorkflows.*` configuration, for one workflow file. */
export interface RunSettings {
  maxParallel?: number;
  defaultTimeoutSeconds?: number;
  dockerHost?: string;
  envFile?: string;
}

/** Read the run settings that apply to a workflow file (resource-scoped settings follow its folder). */
export function readRunSettings(workflowFile: string): RunSettings {
  const uri = vscode.Uri.file(workflowFile);
  const config = vscode.workspace.getConfiguration('daggerWorkflows', uri);
  const maxParallel = config.get<number | null>('maxParallel');
  const dockerHost = config.get<string>('dockerHost')?.trim();
  const envFile = config.get<string>('envFile')?.trim();
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  return {
    maxParallel: typeof maxParallel === 'number' && maxParallel > 0 ? maxParallel : undefined,
    defaultTimeoutSeconds: config.get<number>('defaultTimeoutSeconds') || undefined,
    dockerHost: dockerHost || undefined,
    envFile: envFile ? (isAbsolute(envFile) || !folder ? envFile : join(folder, envFile)) : undefined,
  };
}
