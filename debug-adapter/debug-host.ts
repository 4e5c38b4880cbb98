import type { RunHandle } from '../core/run/run-workflow.js';
import type { StepHooks } from '../core/run/step-hooks.js';
import type { ContainerRuntime } from '../core/run/runtime.js';
import type { ShellRuntime } from '../core/shell/shell-runtime.js';

/** The launch attributes of a `dagger-workflow` debug configuration (docs/settings.md, "Debugger launch attributes"). */
export interface WorkflowLaunchArguments {
  /** Absolute path of the workflow file. */
  workflow: string;
  inputs?: Record<string, string>;
  envFile?: string;
  /** Run only these steps and what they depend on. */
  steps?: string[];
  stopOnEntry?: boolean;
  maxParallel?: number;
  /** Internal (Debug Step): pause before this step once, as on entry. */
  pauseBefore?: string;
}

/**
 * What the adapter needs from where it runs: the inline adapter in VS Code (runs shown in the Runs tree and the
 * step output channels, unsaved editor text) or `dist/debug-adapter.js` on stdio (any DAP client).
 */
export interface DebugHost {
  /** The workflow's text: an editor's unsaved text when open there, else the file's. Throws when unreadable. */
  readText(path: string): string;
  /** Start the run with the debugger's hooks; rejects with a one-line message when it is refused. */
  startRun(launch: WorkflowLaunchArguments, text: string, hooks: StepHooks): Promise<RunHandle>;
  /** The engine: shell containers, kept filesystems, and removing what the session leaves. */
  engine(): ContainerRuntime & ShellRuntime;
  /** The argv that runs `dagger-wf` (to open a shell container in a terminal), and its environment. */
  cliCommand: string[];
  cliEnv?: Record<string, string>;
  /**
   * Open a terminal on a created shell container; without it the client is asked to run `dagger-wf shell
   * --attach` in one (DAP's runInTerminal).
   */
  openShellTerminal?: (containerId: string, title: string, banner: string) => void;
  /** Send the containers' output to the Debug Console (no output channels to show it). */
  forwardStepOutput: boolean;
}
