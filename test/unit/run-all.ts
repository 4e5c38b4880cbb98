// The unit suite in one process (scripts/run-tests.mjs unit): Node, tsx and the libraries start once instead
// of once per file, which is most of a pure unit test's time. The tests share nothing but the process: none may
// change process-wide state (the working folder, the environment) or depend on running first, and none may leave
// a timer or a process running: the suite ends only when the last one does. Files load while the earlier files'
// tests run, so a test that waits on real time slows with them: tests that only wait for time to pass use
// support/fast-clock.ts, and subprocess tests belong to the interop or cli suites.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `*.test.ts` under `dir`, in a stable order. */
function findTests(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return findTests(path);
      return name.endsWith('.test.ts') ? [path] : [];
    });
}

void (async () => {
  for (const file of findTests(__dirname)) await import(file);
})();
