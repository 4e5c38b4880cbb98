// dagger-wf: a thin dispatcher. Each subcommand lives in cli/commands/ and is listed in cli/command-list.ts.
import packageJson from '../package.json';
import { COMMANDS } from './command-list.js';
import { UsageError } from './command.js';

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: dagger-wf <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (or `dagger-wf <command> --help`)',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 ok; 1 run failed; 2 invalid workflow or usage; 3 engine unreachable; 130 cancelled.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`${topLevelHelp()}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${topLevelHelp()}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    const what = name.startsWith('-') ? 'option' : 'command';
    throw new UsageError(
      `unknown ${what} "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see dagger-wf --help)`,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  return command.run(rest);
}

// A reader that goes away (`dagger-wf run x | head`) must not end the process: a run still has containers to
// stop and remove, so it goes on to its end with its output unread (exiting here used to leave them running).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // EIO: a terminal that was closed (SIGHUP); the run is cancelling then.
    if (!['EPIPE', 'EIO', 'ERR_STREAM_DESTROYED'].includes(error.code ?? '')) throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`dagger-wf: ${error.message}\n`);
    } else {
      // Not the user's mistake; still one line unless asked for the stack.
      const detail = process.env.DAGGER_WF_DEBUG && error instanceof Error ? error.stack : String(error);
      process.stderr.write(`dagger-wf: internal error: ${detail}\n`);
    }
    process.exitCode = 2;
  },
);
