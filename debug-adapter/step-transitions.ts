import type { RunEvent } from '../core/run/events.js';

/** The Debug Console's line for a step transition (the step output channels keep the containers' output). */
export function describeTransition(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'runStarted':
      return `Run ${event.runId} of ${event.workflowName}: ${event.stepIds.length} step${event.stepIds.length === 1 ? '' : 's'}\n`;
    case 'stepStarted':
      return `▶ ${event.stepId} started${event.maxAttempts > 1 ? ` (attempt ${event.attempt}/${event.maxAttempts})` : ''}\n`;
    case 'attemptFailed':
      return event.willRetry
        ? `↻ ${event.stepId}: attempt ${event.attempt} failed: ${event.reason}; retrying\n`
        : undefined;
    case 'stepFinished': {
      const mark =
        event.status === 'succeeded'
          ? '✓'
          : event.status === 'skipped' || event.status === 'cancelled'
            ? '–'
            : '✗';
      const exit =
        event.exitCode !== null && event.status !== 'succeeded' ? ` (exit code ${event.exitCode})` : '';
      return `${mark} ${event.stepId} ${event.status.replace('_', ' ')}${exit}${event.reason ? `: ${event.reason}` : ''}\n`;
    }
    case 'runFinished':
      return `Run ${event.status}\n`;
    default:
      return undefined;
  }
}
