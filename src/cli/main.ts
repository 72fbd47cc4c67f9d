import { Command, CommanderError } from 'commander';
import { visible } from '../core/visible-text.js';
import { VERSION } from '../version.js';
import { registerRules } from './commands/rules.js';
import { registerMigrate } from './commands/migrate.js';
import { registerReport } from './commands/report.js';
import { registerScan } from './commands/scan.js';
import { registerVerify } from './commands/verify.js';
import { EXIT, UsageError, type CliIo } from './io.js';

/** Runs the CLI and returns the exit code; the only place that knows about argv and exit codes. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const setExit = (c: number) => {
    code = c;
  };
  const program = new Command('keptn-migrate')
    .description('Scan Keptn v1 projects and migrate them to the Keptn Lifecycle Toolkit (Keptn 2.x)')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError('(run with --help for usage)');
  registerScan(program, io, setExit);
  registerMigrate(program, io, setExit);
  registerReport(program, io, setExit);
  registerRules(program, io, setExit);
  registerVerify(program, io, setExit);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.error;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`keptn-migrate: ${visible(e.message)}\n`);
      return EXIT.error;
    }
    io.stderr.write(`keptn-migrate: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.error;
  }
}
