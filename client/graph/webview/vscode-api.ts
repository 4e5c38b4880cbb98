import type { WebviewMessage, WebviewState } from '../webview-messages.js';

/** The webview's handle on its panel (VS Code injects acquireVsCodeApi; it may be called once). */
export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function vscodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}
