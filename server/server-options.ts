/** Settings a client may pass as `initializationOptions` (every one optional). */
export interface ServerOptions {
  /** Quiet time after an edit before diagnostics are computed, in ms (default 150; 0 allowed). */
  diagnosticDelay: number;
  /**
   * Serve diagnostics only when asked (`textDocument/diagnostic`) instead of publishing them. Off by default:
   * a client that shows both pushed and pulled diagnostics would list each problem twice.
   */
  pullDiagnostics: boolean;
}

export const DEFAULT_DIAGNOSTIC_DELAY_MS = 150;

/** Read the options, ignoring values of the wrong type rather than failing the handshake. */
export function readServerOptions(raw: unknown): ServerOptions {
  const options = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const delay = options.diagnosticDelay;
  return {
    diagnosticDelay:
      typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 ? delay : DEFAULT_DIAGNOSTIC_DELAY_MS,
    pullDiagnostics: options.pullDiagnostics === true,
  };
}
