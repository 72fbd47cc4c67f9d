import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { ChangeSet } from '../../engine/migrate.js';
import type { ScanResult } from '../../engine/scan.js';
import { TARGETS, type Target } from '../../klt/targets.js';
import type { ReadinessReport } from '../../reporters/report/model.js';
import { VERSION } from '../../version.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { oneOf, parseSize, readingOptions, withInputOptions, type InputFlags } from '../options.js';

/** `report --format` values (kept here so the CLI can list them without loading the renderers) */
const REPORT_FORMATS = ['html', 'markdown', 'json'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];
/** GitHub refuses comments and PR bodies over 65,536 characters */
const GITHUB_COMMENT_LIMIT = 65_536;

interface ReportFlags extends InputFlags {
  format?: ReportFormat;
  output?: string;
  merge?: string[];
  name?: string;
  config?: string | boolean;
  allBranches?: boolean;
  migratePreview?: boolean;
  target?: Target;
  maxSize?: number;
}

const EXTENSIONS: Record<string, ReportFormat> = { '.html': 'html', '.htm': 'html', '.md': 'markdown', '.markdown': 'markdown', '.json': 'json' };

export function registerReport(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withInputOptions(program.command('report'))
    .description('readiness report: per project, stage and service, effort, score, quality-gate fidelity and a migration plan')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .option('-f, --format <format>', `${REPORT_FORMATS.join(', ')} (default: from the --output extension, else html)`, oneOf('--format', REPORT_FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--merge <reports...>', 'merge JSON reports (report --format json of several repositories) instead of scanning')
    .option('--name <name>', "the repository's name in the report (default: the scanned folder's name)")
    .option('--all-branches', 'also scan every local and remote-tracking git branch')
    .option('--target <target>', `KLT release the migrate preview emits for: ${TARGETS.join(', ')}`, oneOf('--target', TARGETS))
    .option('--no-migrate-preview', 'do not dry-run migrate to show what is converted automatically')
    .option('--max-size <size>', `markdown only: cut to fit this many bytes (default ${GITHUB_COMMENT_LIMIT}, a GitHub comment)`, parseSize)
    .action(async (paths: string[], flags: ReportFlags, command: Command) => {
      const format: ReportFormat = flags.format ?? (flags.output ? EXTENSIONS[path.extname(flags.output).toLowerCase()] : undefined) ?? 'html';
      const { MergeError, mergeReports, parseReport, renderReport } = await import('../../reporters/report/index.js');
      let report: ReadinessReport;
      if (flags.merge && flags.merge.length > 0) {
        if (command.args.length > 0) throw new UsageError('report --merge reads JSON reports; give no paths to scan');
        const parsed: ReadinessReport[] = [];
        for (const file of flags.merge) {
          let text: string;
          try {
            text = await readFile(path.resolve(io.cwd, file), 'utf8');
          } catch (e) {
            throw new UsageError(`--merge: ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
          }
          try {
            parsed.push(parseReport(text, file));
          } catch (e) {
            if (e instanceof MergeError) throw new UsageError(e.message);
            throw e;
          }
        }
        report = mergeReports(parsed, VERSION);
      } else {
        for (const p of paths) {
          if (p === '-') throw new UsageError('report cannot read stdin; use scan - for a YAML stream');
          if (!existsSync(path.resolve(io.cwd, p))) throw new UsageError(`no such file or directory: ${p}`);
        }
        report = await scanAndReport(paths, flags, io);
      }
      const text = renderReport(report, format, { maxBytes: flags.maxSize ?? GITHUB_COMMENT_LIMIT, fullReportHint: 'the HTML report (report --format html) has them all' });
      if (flags.output) {
        const out = path.resolve(io.cwd, flags.output);
        await writeFile(out, text);
        if (format === 'html') io.stderr.write(`keptn-migrate: readiness report written to ${pathToFileURL(out).href}\n`);
      } else io.stdout.write(text);
      const errors = report.repositories.reduce((n, r) => n + r.errors.length, 0);
      setExit(errors > 0 ? EXIT.error : EXIT.ok);
    });
}

async function scanAndReport(paths: string[], flags: ReportFlags, io: CliIo): Promise<ReadinessReport> {
  const { asList } = await import('../../config/load.js');
  const { ConfigError, resolveConfig, scanSelection } = await import('../../config/resolve.js');
  const { createProgress } = await import('../../engine/progress.js');
  const { scan } = await import('../../engine/scan.js');
  const { readinessReport } = await import('../../reporters/report/index.js');
  // transforms load ts-morph and jscodeshift: only when the migrate preview runs
  const transformIds = flags.migratePreview === false ? undefined : (await import('../../transforms/index.js')).allTransforms.map((t) => t.id);
  let loaded;
  try {
    loaded = resolveConfig(paths, io.cwd, flags.config, transformIds);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`invalid configuration:\n${e.message}`);
    throw e;
  }
  const config = loaded?.config;
  const selection = scanSelection(config, { include: flags.include, exclude: flags.exclude });
  const progress = createProgress({ stream: io.stderr, env: io.env, machineOutputOnStdout: !flags.output });
  let result: ScanResult;
  let changes: ChangeSet | undefined;
  try {
    result = await scan({
      paths,
      cwd: io.cwd,
      ...readingOptions(flags, selection),
      allBranches: flags.allBranches,
      rules: selection.rules,
      settings: selection.settings,
      onProgress: progress.update,
    });
    if (flags.migratePreview !== false) {
      const { migrate } = await import('../../engine/migrate.js');
      const t = config?.transforms ?? {};
      const out = await migrate({
        paths,
        cwd: io.cwd,
        ...readingOptions(flags, selection),
        only: t.only ? asList(t.only) : undefined,
        skip: t.skip ? asList(t.skip) : undefined,
        migrate: {
          target: flags.target ?? config?.target ?? 'keptn-v2',
          outDir: t.out ?? 'keptn',
          keys: t.keys ?? 'k8s',
          evaluations: t.evaluations ?? false,
          autoscaler: t.autoscaler ?? 'hpa',
          unsafe: t.unsafe ?? false,
        },
      });
      changes = out.changes;
    }
  } finally {
    progress.done();
  }
  const name = flags.name ?? path.basename(result.root);
  return readinessReport(result, { name, toolVersion: VERSION, changes });
}
