import {
  DEFAULT_DIAGNOSTICS_DELAY_MS,
  type InitializationOptions,
} from '../protocol/initialization-options.js';

/** The server's options: `initializationOptions` with the defaults filled in. */
export type ServerOptions = Required<InitializationOptions>;

/** Read the options, ignoring values of the wrong type rather than failing the handshake. */
export function readServerOptions(raw: unknown): ServerOptions {
  const options = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const delay = options.diagnosticsDelay;
  return {
    diagnosticsDelay:
      typeof delay === 'number' && Number.isFinite(delay) && delay >= 0
        ? delay
        : DEFAULT_DIAGNOSTICS_DELAY_MS,
    pullDiagnostics: options.pullDiagnostics === true,
  };
}
