import type { CliCommand } from './command.js';
import { cacheCommand } from './commands/cache.js';
import { exportCommand } from './commands/export.js';
import { graphCommand } from './commands/graph.js';
import { planCommand } from './commands/plan.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { shellCommand } from './commands/shell.js';
import { validateCommand } from './commands/validate.js';

/** The subcommands, in the order `--help` lists them (docs/cli.md documents each; a test holds it to that). */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  graphCommand,
  runCommand,
  shellCommand,
  serveCommand,
  cacheCommand,
  planCommand,
  exportCommand,
];
