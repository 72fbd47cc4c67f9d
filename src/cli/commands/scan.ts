import { existsSync, realpathSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { timing } from '../../engine/timing.js';
import type { ScanResult } from '../../engine/scan.js';
import { SCAN_FORMATS, type ScanFormat } from '../../reporters/formats.js';
import { VERSION } from '../../version.js';
import { exitCodeFor, type FailOn } from '../exit-code.js';
import { EXIT, UsageError, readAll, useColor, type CliIo } from '../io.js';
import { oneOf, parseCount, readingOptions, withInputOptions, type InputFlags } from '../options.js';

interface ScanFlags extends InputFlags {
  format: ScanFormat;
  output?: string;
  failOn: FailOn;
  maxWarnings?: number;
  allBranches?: boolean;
  stdinFilename?: string;
  color?: boolean;
  config?: string | boolean;
  cache?: boolean;
  cacheLocation?: string;
  baseline?: string;
  baselineWrite?: string;
}

export function registerScan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withInputOptions(program.command('scan'))
    .description('find every Keptn v1 migration blocker in the given files or directories (`-` reads a YAML stream from stdin)')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .option('-f, --format <format>', `output format: ${SCAN_FORMATS.join(', ')}`, oneOf('--format', SCAN_FORMATS), 'stylish')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: blocker, warning, info, never', oneOf('--fail-on', ['blocker', 'warning', 'info', 'never'] as const), 'blocker')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseCount('--max-warnings'))
    .option('--all-branches', 'also scan every local and remote-tracking git branch, read from git without checkout')
    .option('--stdin-filename <name>', 'the name to report for `-` (stdin)')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours')
    .option('--cache', 'reuse the previous result when no file, option or configuration changed (ESLint-style)')
    .option('--cache-location <file>', 'where the cache is kept (default .keptn-migrate-cache)')
    .option('--baseline <file>', 'report only findings that are not in this baseline (see --baseline-write)')
    .option('--baseline-write <file>', "record today's findings as the baseline, then report only findings that are not in it")
    .action(async (paths: string[], flags: ScanFlags, command: Command) => {
      for (const p of paths) {
        if (p !== '-' && !existsSync(path.resolve(io.cwd, p))) throw new UsageError(`no such file or directory: ${p}`);
      }
      const { ConfigError, resolveConfig, scanSelection } = await import('../../config/resolve.js');
      const { applyBaseline, BaselineError, createBaseline, readBaseline, renderBaseline } = await import('../../engine/baseline.js');
      const { createProgress } = await import('../../engine/progress.js');
      const { scan, withSummaryModel } = await import('../../engine/scan.js');
      let loaded;
      try {
        loaded = resolveConfig(paths, io.cwd, flags.config);
      } catch (e) {
        if (e instanceof ConfigError) throw new UsageError(`invalid configuration:\n${e.message}`);
        throw e;
      }
      const config = loaded?.config;
      const fromCli = (name: string) => command.getOptionValueSource(name) === 'cli';
      const failOn: FailOn = fromCli('failOn') ? flags.failOn : (config?.failOn ?? flags.failOn);
      const maxWarnings = flags.maxWarnings ?? config?.maxWarnings;
      const selection = scanSelection(config, { include: flags.include, exclude: flags.exclude });
      const stdin = paths.includes('-') ? { text: await readAll(io.stdin), filename: flags.stdinFilename } : undefined;
      const progress = createProgress({ stream: io.stderr, env: io.env, machineOutputOnStdout: !flags.output && flags.format !== 'stylish' });
      const stepSummary = flags.format === 'github' && Boolean(io.env.GITHUB_STEP_SUMMARY);
      let result: ScanResult;
      try {
        const scanOptions = {
          paths,
          cwd: io.cwd,
          ...readingOptions(flags, selection),
          allBranches: flags.allBranches,
          stdin,
          rules: selection.rules,
          settings: selection.settings,
          onProgress: progress.update,
        };
        // the step summary of --format github needs the whole model, which the cache does not keep
        const cacheUsable = (flags.cache || flags.cacheLocation) && !stepSummary;
        if (cacheUsable) {
          const { cachedScan, DEFAULT_CACHE_FILE } = await import('../../engine/scan-cache.js');
          const cacheFile = path.resolve(io.cwd, flags.cacheLocation ?? DEFAULT_CACHE_FILE);
          result = await cachedScan(scanOptions, cacheFile, JSON.stringify({ config, failOn }));
        } else result = await scan(scanOptions);
      } finally {
        progress.done();
      }
      const baselineFile = flags.baselineWrite ?? flags.baseline ?? (config?.baseline && loaded ? path.relative(io.cwd, configuredBaseline(loaded.file, config.baseline)) : undefined);
      if (flags.baselineWrite) {
        await writeFile(path.resolve(io.cwd, flags.baselineWrite), renderBaseline(createBaseline(result.findings, VERSION)));
        io.stderr.write(`keptn-migrate: wrote ${result.findings.length} finding(s) to the baseline ${flags.baselineWrite}\n`);
      }
      if (baselineFile) {
        let baseline;
        try {
          baseline = await readBaseline(path.resolve(io.cwd, baselineFile), baselineFile);
        } catch (e) {
          if (e instanceof BaselineError) throw new UsageError(e.message);
          throw e;
        }
        const split = applyBaseline(result.findings, baseline);
        if (split.stale.length > 0) {
          io.stderr.write(`keptn-migrate: ${split.stale.length} baseline entr${split.stale.length === 1 ? 'y no longer occurs' : 'ies no longer occur'} (fixed or moved to another rule or file); run with --baseline-write ${baselineFile} to prune\n`);
        }
        result = { ...result, findings: split.fresh };
      }
      // the model is freed while the report is written; only the step summary of --format github reads all of it
      if (!stepSummary) result = withSummaryModel(result);
      const color = flags.output ? false : flags.format === 'stylish' && useColor(io, flags.color);
      const ctx = { color, toolVersion: VERSION, failOn };
      let text: Iterable<string>;
      if (flags.format === 'github') {
        const { renderGithub, workspacePrefix } = await import('../../reporters/github.js');
        const summaryFile = io.env.GITHUB_STEP_SUMMARY;
        if (summaryFile) {
          const { renderMarkdown } = await import('../../reporters/markdown.js');
          const { readinessReport } = await import('../../reporters/report/index.js');
          const report = readinessReport(result, { name: path.basename(result.root), toolVersion: VERSION });
          await appendFile(summaryFile, renderMarkdown(report, { fullReportHint: 'run `keptn-migrate report` for the full report' }) + '\n');
        }
        text = [renderGithub(result, ctx, { pathPrefix: workspacePrefix(io.cwd, io.env.GITHUB_WORKSPACE), summaryWritten: Boolean(summaryFile) })];
      } else if (flags.format === 'gitlab') {
        const { workspacePrefix } = await import('../../reporters/github.js');
        const { renderGitlab } = await import('../../reporters/gitlab.js');
        text = [renderGitlab(result, ctx, { pathPrefix: workspacePrefix(io.cwd, io.env.CI_PROJECT_DIR) })];
      } else {
        const { loadChunkedReporter } = await import('../../reporters/load.js');
        text = (await loadChunkedReporter(flags.format))(result, ctx);
      }
      // the report is rendered while it is written (JSON in pieces): time both as one phase
      if (flags.output) await writeFile(path.resolve(io.cwd, flags.output), text);
      else for (const chunk of text) io.stdout.write(chunk);
      timing.phase(`report (${flags.format}) and write`);
      if (timing.enabled) io.stderr.write(timing.render());
      for (const failure of result.failures) io.stderr.write(`keptn-migrate: internal error in rule ${failure.ruleId}:\n${failure.error}\n`);
      if (result.failures.length > 0) setExit(EXIT.error);
      else setExit(exitCodeFor(result.findings, failOn, maxWarnings));
    });
}

/**
 * The `baseline:` of a configuration file, which must lie in the configuration file's folder or below it, with no
 * symbolic link on the way: the file comes with the repository under review, and a baseline read from anywhere
 * (`/proc/self/environ`, a credentials file) would have its first characters printed in the error that it is not one.
 * A baseline elsewhere is given with --baseline.
 */
function configuredBaseline(configFile: string, configured: string): string {
  const folder = path.dirname(configFile);
  const file = path.resolve(folder, configured);
  const inside = (root: string, p: string) => p === root || p.startsWith(root + path.sep);
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    try {
      real = path.join(realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      // neither exists: the lexical check below decides, and reading it says it cannot be read
    }
  }
  let realFolder = folder;
  try {
    realFolder = realpathSync(folder);
  } catch {
    // the folder of a configuration file that was read exists; keep the lexical path if it cannot be resolved
  }
  if (!inside(folder, file) || !inside(realFolder, real)) {
    throw new UsageError(`${configFile}: baseline "${configured}" is outside the folder of the configuration file (or reached through a symbolic link): not read; give a baseline kept elsewhere with --baseline`);
  }
  return file;
}
