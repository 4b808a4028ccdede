import yargs from 'yargs';
import { CodebenchError, InputError } from '../core/errors.ts';
import { compareCommand } from './compare-command.ts';
import { conformanceCommand } from './conformance-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { driftCommand } from './drift-command.ts';
import { gradeCommand } from './grade-command.ts';
import { leaderboardCommand } from './leaderboard-command.ts';
import { mergeCommand } from './merge-command.ts';
import { modelsCommand } from './models-command.ts';
import { reportCommand } from './report-command.ts';
import { runCommand } from './run-command.ts';
import { tasksCommand } from './tasks-command.ts';

/** Exit codes from ../shared/docs/cli.md. */
export const EXIT = { ok: 0, threshold: 1, usage: 2, infrastructure: 3 } as const;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Parses argv, runs one command, and returns the process exit code. Never calls process.exit. */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  let code: number = EXIT.ok;
  const verbose = argv.includes('--verbose');
  const parser = yargs(argv)
    .scriptName('codebench')
    .usage('$0 <command> [options]\n\nWhich coding model should we use? Measured, not marketed.')
    .command(runCommand((c) => (code = c), io))
    .command(gradeCommand((c) => (code = c), io))
    .command(mergeCommand((c) => (code = c), io))
    .command(tasksCommand((c) => (code = c), io))
    .command(modelsCommand((c) => (code = c), io))
    .command(doctorCommand((c) => (code = c), io))
    .command(reportCommand((c) => (code = c), io))
    .command(compareCommand((c) => (code = c), io))
    .command(leaderboardCommand((c) => (code = c), io))
    .command(driftCommand((c) => (code = c), io))
    .command(conformanceCommand((c) => (code = c), io))
    .option('verbose', { type: 'boolean', describe: 'Print stack traces for crashes' })
    .demandCommand(1, 'name a command (see --help)')
    .recommendCommands()
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new InputError(explainYargsMessage(message, argv));
    })
    .help()
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100));
  try {
    await parser.parseAsync();
    return code;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`codebench: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof CodebenchError) {
      io.stderr(`codebench: ${error.message}\n`);
      if (verbose) io.stderr(`${(error as Error).stack}\n`);
      return EXIT.infrastructure;
    }
    io.stderr(`codebench: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    if (verbose) io.stderr(`${(error as Error)?.stack}\n`);
    else io.stderr('codebench: rerun with --verbose for the stack trace\n');
    return EXIT.infrastructure;
  }
}

/** yargs says "Unknown argument: bogus"; name the flag the way the user typed it, on one line. */
function explainYargsMessage(message: string, argv: readonly string[]): string {
  const missing = /^Missing required arguments?: (.+)$/.exec(message);
  if (missing) return `missing required flag ${missing[1]!.split(', ').map((n) => `--${n}`).join(', ')} (see --help)`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (!unknown) return message.split('\n').join('; ');
  const names = unknown[1]!.split(', ').map((name) => {
    const typed = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
    return typed ? typed.split('=')[0]! : name;
  });
  const flags = names.filter((n) => n.startsWith('-'));
  if (flags.length === names.length) return `unknown flag ${flags.join(', ')} (see --help)`;
  return `unknown command or argument ${names.join(', ')} (see --help)`;
}
