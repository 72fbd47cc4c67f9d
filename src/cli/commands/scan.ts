import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { scan } from '../../engine/scan.js';
import { reporters, SCAN_FORMATS, type ScanFormat } from '../../reporters/index.js';
import { VERSION } from '../../version.js';
import { exitCodeFor, type FailOn } from '../exit-code.js';
import { EXIT, UsageError, readAll, useColor, type CliIo } from '../io.js';
import { collect, oneOf, parseCount, parseSize } from '../options.js';

interface ScanFlags {
  format: ScanFormat;
  output?: string;
  failOn: FailOn;
  maxWarnings?: number;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  allBranches?: boolean;
  stdinFilename?: string;
  color?: boolean;
}

export function registerScan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description('find every Keptn v1 migration blocker in the given files or directories (`-` reads a YAML stream from stdin)')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .option('-f, --format <format>', `output format: ${SCAN_FORMATS.join(', ')}`, oneOf('--format', SCAN_FORMATS), 'stylish')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: blocker, warning, info, never', oneOf('--fail-on', ['blocker', 'warning', 'info', 'never'] as const), 'blocker')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseCount('--max-warnings'))
    .option('--include <glob>', 'only scan files matching the glob (repeatable, comma-separated)', collect)
    .option('--exclude <glob>', 'skip files matching the glob (repeatable, comma-separated)', collect)
    .option('--max-file-size <size>', 'skip files larger than this, reported as not analysed (default 10mb)', parseSize)
    .option('--all-branches', 'also scan every local and remote-tracking git branch, read from git without checkout')
    .option('--stdin-filename <name>', 'the name to report for `-` (stdin)')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours')
    .action(async (paths: string[], flags: ScanFlags) => {
      for (const p of paths) {
        if (p !== '-' && !existsSync(path.resolve(io.cwd, p))) throw new UsageError(`no such file or directory: ${p}`);
      }
      const stdin = paths.includes('-') ? { text: await readAll(io.stdin), filename: flags.stdinFilename } : undefined;
      const result = await scan({
        paths,
        cwd: io.cwd,
        include: flags.include,
        exclude: flags.exclude,
        maxFileSize: flags.maxFileSize,
        allBranches: flags.allBranches,
        stdin,
      });
      const color = flags.output ? false : flags.format === 'stylish' && useColor(io, flags.color);
      const text = reporters[flags.format](result, { color, toolVersion: VERSION, failOn: flags.failOn });
      if (flags.output) await writeFile(path.resolve(io.cwd, flags.output), text);
      else io.stdout.write(text);
      for (const failure of result.failures) io.stderr.write(`keptn-migrate: internal error in rule ${failure.ruleId}:\n${failure.error}\n`);
      if (result.failures.length > 0) setExit(EXIT.error);
      else setExit(exitCodeFor(result.findings, flags.failOn, flags.maxWarnings));
    });
}
