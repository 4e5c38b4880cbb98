import type { StepStatus } from '../../core/model/run-state.js';

/** How a state looks: a codicon (`~spin` makes it spin) and the id of the theme colour it takes, if any. */
export interface StateLook {
  codicon: string;
  color?: string;
}

/**
 * The look of each step state: the Runs tree's icons (state-icons.ts) and the graph's node colours and icons
 * (client/graph/webview-page.ts). Plain data, so the graph's page can be built without the vscode module.
 */
export const STEP_STATE_LOOKS: Readonly<Record<StepStatus, StateLook>> = {
  pending: { codicon: 'circle-outline' },
  running: { codicon: 'sync~spin' },
  succeeded: { codicon: 'pass', color: 'testing.iconPassed' },
  failed: { codicon: 'error', color: 'testing.iconFailed' },
  timed_out: { codicon: 'watch', color: 'testing.iconFailed' },
  skipped: { codicon: 'circle-slash', color: 'disabledForeground' },
  cancelled: { codicon: 'stop-circle', color: 'disabledForeground' },
};
