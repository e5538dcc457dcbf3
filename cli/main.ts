/**
 * The `streamalert` command. Commands live in `cli/commands/` and stay thin; this file builds the
 * program, and catches every error once to print it and set the exit code.
 */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, StreamAlertError, errorMessage } from '../runtime/errors';
import { createIo, watchStdio } from './io';
import { translateAwsError } from './aws/errors';
import { registerCommands } from './commands';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Builds the commander program (exported for tests and `--help` checks). */
export function buildProgram(): Command {
  const program = new Command('streamalert')
    .description(
      'Serverless, real-time security log analysis for AWS.\n' +
        'Classify logs against schemas, run TypeScript detection rules, generate Terraform, deploy Lambda functions.',
    )
    .version(VERSION, '-V, --version')
    .option('-c, --config <dir>', 'configuration directory', './conf')
    .option('--json', 'print the result as JSON on stdout')
    .option('--debug', 'print debug detail and stack traces')
    .addOption(new Option('--no-color', 'disable colours (also: NO_COLOR=1, or when stderr is not a TTY)'))
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 failure at run time (AWS, network), 2 usage error, 3 invalid configuration, 4 tests failed.',
    );
  registerCommands(program);
  applyExitOverride(program);
  return program;
}

/** Commander must throw instead of exiting, on every (sub)command, so that one place sets the exit code. */
function applyExitOverride(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) applyExitOverride(sub);
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  watchStdio();
  const program = buildProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (err) {
    return reportError(err, argv);
  }
}

function reportError(thrown: unknown, argv: readonly string[]): number {
  if (thrown instanceof CommanderError) {
    // Help and version output are not errors; commander already printed its message.
    if (thrown.code === 'commander.helpDisplayed' || thrown.code === 'commander.version' || thrown.code === 'commander.help') {
      return ExitCode.Ok;
    }
    return ExitCode.Usage;
  }
  let err = thrown;
  const debug = argv.includes('--debug');
  const io = createIo({ debug, color: !argv.includes('--no-color') });
  // AWS SDK errors that reached here untranslated get the one translation every command shares.
  if (!(err instanceof StreamAlertError)) err = translateAwsError(err) ?? err;
  if (err instanceof StreamAlertError) {
    io.error(err.message);
    if (err.hint) io.info(`  hint: ${err.hint}`);
    if (debug && err.stack) io.debug(err.stack);
    return err.exitCode;
  }
  io.error(`internal error: ${errorMessage(err)}`);
  if (debug && err instanceof Error && err.stack) io.debug(err.stack);
  else io.info('  (run with --debug for the stack trace, and please report this as a bug)');
  return ExitCode.Runtime;
}
