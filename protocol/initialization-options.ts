import manifest from '../package.json';

/**
 * What a client may pass as `initializationOptions` (every option optional). VS Code's client sends its
 * settings under the same names; other editors (Neovim, Helix…) write them in their LSP configuration.
 */
export interface InitializationOptions {
  /** Quiet time after an edit before diagnostics are computed, in ms (0: at once); the VS Code setting of the same name. */
  diagnosticsDelay?: number;
  /**
   * Serve diagnostics only when asked (`textDocument/diagnostic`) instead of publishing them. Off by default: a
   * client that shows both pushed and pulled diagnostics would list each problem twice.
   */
  pullDiagnostics?: boolean;
}

/** The default delay: the one package.json gives the `daggerWorkflows.diagnosticsDelay` setting. */
export const DEFAULT_DIAGNOSTICS_DELAY_MS: number =
  manifest.contributes.configuration.properties['daggerWorkflows.diagnosticsDelay'].default;
