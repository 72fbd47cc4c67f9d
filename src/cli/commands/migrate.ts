import { existsSync } from 'node:fs';
import { visible } from '../../core/visible-text.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { timing } from '../../engine/timing.js';
import { TARGETS, type Target } from '../../klt/targets.js';
import { VERSION } from '../../version.js';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { collect, oneOf, readingOptions, withInputOptions, type InputFlags } from '../options.js';

interface MigrateFlags extends InputFlags {
  write?: boolean;
  patch?: string;
  format: 'diff' | 'json';
  target: Target;
  out: string;
  keys: 'k8s' | 'keptn';
  evaluations?: boolean;
  autoscaler: 'hpa' | 'keda';
  only?: string[];
  skip?: string[];
  unsafe?: boolean;
  branch?: string;
  commit?: boolean;
  prBody?: string;
  allowDirty?: boolean;
  config?: string | boolean;
}

export function registerMigrate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withInputOptions(program.command('migrate'))
    .description('generate KLT resources and annotate workloads; a dry run (unified diff) unless --write')
    .argument('[paths...]', 'files or directories to migrate', ['.'])
    .option('--write', 'apply the changes (atomically); without it nothing is written')
    .option('--patch <file>', 'write the changes as a patch that `git apply` accepts')
    .option('-f, --format <format>', 'diff (default: unified diff and summary) or json (the ChangeSet)', oneOf('--format', ['diff', 'json'] as const), 'diff')
    .option('--target <target>', `KLT release to emit for: ${TARGETS.join(', ')}`, oneOf('--target', TARGETS), 'keptn-v2')
    .option('--out <dir>', 'folder for generated resources, relative to the scanned root', 'keptn')
    .option('--keys <keys>', 'workload keys to add: k8s (app.kubernetes.io/*) or keptn (keptn.sh/*)', oneOf('--keys', ['k8s', 'keptn'] as const), 'k8s')
    .option('--evaluations', 'also emit KeptnMetric + KeptnEvaluationDefinition for simple quality gates')
    .option('--autoscaler <kind>', 'remediation scaling becomes an hpa (HorizontalPodAutoscaler) or keda (ScaledObject)', oneOf('--autoscaler', ['hpa', 'keda'] as const), 'hpa')
    .option('--only <ids>', 'run only these transforms (comma-separated)', collect)
    .option('--skip <ids>', 'skip these transforms (comma-separated)', collect)
    .option('--unsafe', 'also run transforms marked unsafe')
    .option('--branch <name>', 'with --write: create this git branch (or stay on it when checked out) before writing')
    .option('--commit', 'with --branch: commit the written files with a conventional commit message')
    .option('--pr-body <file>', 'write a pull-request description: per application what changed and why, blockers left, quality-gate fidelity')
    .option('--allow-dirty', 'with --branch: run even when the working tree has uncommitted changes')
    .action(async (paths: string[], flags: MigrateFlags, command: Command) => {
      for (const p of paths) {
        if (p === '-') throw new UsageError('migrate cannot read stdin: it edits files in place');
        if (!existsSync(path.resolve(io.cwd, p))) throw new UsageError(`no such file or directory: ${p}`);
      }
      if (path.isAbsolute(flags.out) || flags.out.split(/[\\/]/).includes('..')) throw new UsageError('--out must be a folder inside the scanned root');
      // transforms load ts-morph and jscodeshift: only when migrate runs, never for scan or --version
      const { migrate } = await import('../../engine/migrate.js');
      const { applyChangeSet } = await import('../../engine/apply.js');
      const { renderPatch } = await import('../../reporters/migrate/diff.js');
      const { renderChangeSetJson } = await import('../../reporters/migrate/json.js');
      const { renderSummary } = await import('../../reporters/migrate/summary.js');
      const pr = await import('../../pr/run.js');
      const settings = await pr.applyConfig(paths, io, flags, command);
      const git = await pr.prepareBranch(io, flags);
      const progress = (await import('../../engine/progress.js')).createProgress({
        stream: io.stderr,
        env: io.env,
        machineOutputOnStdout: flags.format === 'json' || !flags.write,
      });
      const { changes } = await migrate({
        onProgress: progress.update,
        paths,
        cwd: io.cwd,
        ...readingOptions(flags),
        only: flags.only,
        skip: flags.skip,
        migrate: {
          target: flags.target,
          outDir: flags.out,
          keys: flags.keys,
          evaluations: Boolean(flags.evaluations),
          autoscaler: flags.autoscaler,
          unsafe: Boolean(flags.unsafe),
        },
      });
      progress.done();
      if (flags.patch) await writeFile(path.resolve(io.cwd, flags.patch), renderPatch(changes));
      let written = false;
      if (flags.write) {
        const report = await applyChangeSet(changes);
        written = true;
        for (const r of report.removed) io.stderr.write(`keptn-migrate: removed ${visible(r.path)}: ${visible(r.reason)}\n`);
        for (const r of report.refused) io.stderr.write(`keptn-migrate: not written: ${visible(r.path)}: ${visible(r.reason)}\n`);
        if (report.refused.length > 0) setExit(EXIT.findings);
        if (git) await pr.commitRewrite(io, flags, git, changes, report.written, settings);
      }
      if (flags.prBody) await pr.writePrBody(io, paths, flags, changes, settings);
      if (flags.format === 'json') io.stdout.write(renderChangeSetJson(changes, VERSION));
      else {
        if (!flags.write) io.stdout.write(renderPatch(changes));
        io.stdout.write(renderSummary(changes, written));
      }
      timing.phase('report');
      if (timing.enabled) io.stderr.write(timing.render());
      if (changes.invalid.length > 0) setExit(EXIT.error);
    });
}
