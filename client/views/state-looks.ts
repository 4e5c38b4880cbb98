import type { StepStatus } from '../../core/model/run-state.js';

/** How a state looks: a codicon (`~spin` makes it spin) and the id of the theme colour it takes, if any. */
export interface StateLook {
  codicon: string;
  color?: string;
}

/** What decides a step's look: its state, or `cached` for a step whose result came from the step cache or an earlier run. */
export type StepLookKey = StepStatus | 'cached';

/**
 * The look of each step state: the Runs tree's icons (state-icons.ts) and the graph's node colours and icons
 * (client/graph/webview-page.ts). Plain data, so the graph's page can be built without the vscode module.
 */
export const STEP_STATE_LOOKS: Readonly<Record<StepLookKey, StateLook>> = {
  pending: { codicon: 'circle-outline' },
  running: { codicon: 'sync~spin' },
  succeeded: { codicon: 'pass', color: 'testing.iconPassed' },
  failed: { codicon: 'error', color: 'testing.iconFailed' },
  timed_out: { codicon: 'watch', color: 'testing.iconFailed' },
  skipped: { codicon: 'circle-slash', color: 'disabledForeground' },
  cancelled: { codicon: 'stop-circle', color: 'disabledForeground' },
  // Succeeded without a container: the pass colour, with the icon of a result brought back from before.
  cached: { codicon: 'history', color: 'testing.iconPassed' },
};

/** The look of a step: `cached` when its success was brought back instead of run, else its state. */
export function stepLookKey(step: { status: StepStatus; cached?: boolean }): StepLookKey {
  return step.cached && step.status === 'succeeded' ? 'cached' : step.status;
}
