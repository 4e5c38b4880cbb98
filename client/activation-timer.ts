/**
 * Clocks of the extension's activation time, split as VS Code's "Show Running Extensions" splits it: loading
 * the code, then running activate(). esbuild writes `var __daggerLoadStart = performance.now(), __daggerLoadEnd;` at the top of
 * dist/extension.js and `__daggerLoadEnd = performance.now();` at its end (esbuild.mjs). The wait between the two
 * (VS Code preparing the extension context) is not the extension's cost. Under another loader (tsx) the
 * clocks are missing and code loading counts as 0.
 */
declare const __daggerLoadStart: number | undefined;
declare let __daggerLoadEnd: number | undefined;

/** Milliseconds spent loading dist/extension.js (0 when not loaded from the bundle). */
export function codeLoadingTime(): number {
  if (typeof __daggerLoadStart !== 'number' || typeof __daggerLoadEnd !== 'number') return 0;
  return __daggerLoadEnd - __daggerLoadStart;
}
