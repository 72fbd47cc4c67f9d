import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError, type CliIo } from '../cli/io.js';
import { asList } from '../config/load.js';
import { ConfigError, resolveConfig, scanSelection, type ScanSelection } from '../config/resolve.js';
import type { ChangeSet } from '../engine/migrate.js';
import { scan } from '../engine/scan.js';
import { allTransforms } from '../transforms/index.js';
import { appOfFile, buildRepositoryReport } from '../reporters/report/build.js';
import { VERSION } from '../version.js';
import { commitMessage, optionsHash, renderPrBody, type RewriteOptions } from './body.js';
import { branchExists, commitFiles, createBranch, currentBranch, dirtyFiles, GitError, isValidBranchName, workTreeRoot } from './git.js';

/** the migrate flags this module reads (and, for configuration values, fills in) */
export interface RewriteFlags {
  write?: boolean;
  target: RewriteOptions['target'];
  out: string;
  keys: string;
  evaluations?: boolean;
  autoscaler: string;
  unsafe?: boolean;
  only?: string[];
  skip?: string[];
  include?: string[];
  exclude?: string[];
  branch?: string;
  commit?: boolean;
  prBody?: string;
  allowDirty?: boolean;
  config?: string | boolean;
}

/**
 * Applies `.keptn-migrate.yaml` to migrate's flags: its target and transform options count where the flag was not
 * given on the command line; include/exclude as for scan. Returns the rule selection for the PR body's scan.
 */
export async function applyConfig(paths: string[], io: CliIo, flags: RewriteFlags, command: Command): Promise<ScanSelection> {
  let loaded;
  try {
    loaded = resolveConfig(paths, io.cwd, flags.config, allTransforms.map((t) => t.id));
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`invalid configuration:\n${e.message}`);
    throw e;
  }
  const config = loaded?.config;
  const fromCli = (name: string) => command.getOptionValueSource(name) === 'cli';
  const t = config?.transforms ?? {};
  const f = flags as unknown as Record<string, unknown>;
  const set = (name: keyof RewriteFlags, value: unknown) => {
    if (value !== undefined && !fromCli(name)) f[name] = value;
  };
  set('target', config?.target);
  set('out', t.out);
  set('keys', t.keys);
  set('evaluations', t.evaluations);
  set('autoscaler', t.autoscaler);
  set('unsafe', t.unsafe);
  set('only', t.only ? asList(t.only) : undefined);
  set('skip', t.skip ? asList(t.skip) : undefined);
  if (path.isAbsolute(flags.out) || flags.out.split(/[\\/]/).includes('..')) throw new UsageError('transforms.out must be a folder inside the scanned root');
  const selection = scanSelection(config, { include: flags.include, exclude: flags.exclude });
  flags.include = selection.include;
  flags.exclude = selection.exclude;
  return selection;
}

export interface BranchState {
  root: string;
  branch: string;
  created: boolean;
}

/**
 * Before anything is written: checks the flags, refuses a dirty working tree (unless --allow-dirty) and creates the
 * branch, or stays on it when it is already checked out (a later run updating the same pull request).
 */
export async function prepareBranch(io: CliIo, flags: RewriteFlags): Promise<BranchState | undefined> {
  if (flags.commit && !flags.branch) throw new UsageError('--commit needs --branch NAME (keptn-migrate commits only on a branch of its own)');
  if (!flags.branch) return undefined;
  if (!flags.write) throw new UsageError('--branch needs --write (a dry run changes no branch)');
  const root = await workTreeRoot(io.cwd, io.env);
  if (!root) throw new UsageError('--branch: not inside a git work tree');
  if (!(await isValidBranchName(io.cwd, flags.branch, io.env))) throw new UsageError(`--branch: "${flags.branch}" is not a valid git branch name`);
  if (!flags.allowDirty) {
    const dirty = await dirtyFiles(io.cwd, io.env);
    if (dirty.length > 0) {
      const shown = dirty.slice(0, 10).map((l) => `  ${l}`).join('\n');
      throw new UsageError(
        `the working tree has uncommitted changes; commit or stash them first, or pass --allow-dirty:\n${shown}${dirty.length > 10 ? `\n  … ${dirty.length - 10} more` : ''}`,
      );
    }
  }
  const current = await currentBranch(io.cwd, io.env);
  if (current === flags.branch) return { root, branch: flags.branch, created: false };
  if (await branchExists(io.cwd, flags.branch, io.env)) {
    throw new UsageError(`--branch: branch "${flags.branch}" exists; check it out to update it, or choose another name`);
  }
  try {
    await createBranch(io.cwd, flags.branch, io.env);
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
  io.stderr.write(`keptn-migrate: created branch ${flags.branch}\n`);
  return { root, branch: flags.branch, created: true };
}

function rewriteOptions(paths: string[], flags: RewriteFlags): RewriteOptions {
  return {
    paths,
    target: flags.target,
    out: flags.out,
    keys: flags.keys,
    evaluations: Boolean(flags.evaluations),
    autoscaler: flags.autoscaler,
    unsafe: Boolean(flags.unsafe),
    only: flags.only,
    skip: flags.skip,
    include: flags.include,
    exclude: flags.exclude,
  };
}

async function repositoryReport(io: CliIo, paths: string[], flags: RewriteFlags, changes: ChangeSet, selection: ScanSelection) {
  const result = await scan({ paths, cwd: io.cwd, include: selection.include, exclude: selection.exclude, rules: selection.rules, settings: selection.settings });
  return { result, repo: buildRepositoryReport(result, { name: path.basename(result.root), changes }) };
}

/** Commits exactly the files migrate wrote, with a conventional commit message (the pull request's title). */
export async function commitRewrite(
  io: CliIo,
  flags: RewriteFlags,
  state: BranchState,
  changes: ChangeSet,
  written: string[],
  selection: ScanSelection,
): Promise<void> {
  if (!flags.commit) return;
  const files = changes.files.filter((f) => written.includes(f.path)).map((f) => f.absPath);
  if (files.length === 0) {
    io.stderr.write('keptn-migrate: nothing to commit (no file was written)\n');
    return;
  }
  const { repo } = await repositoryReport(io, pathsOf(changes, io), flags, changes, selection);
  const msg = commitMessage(changes, repo, VERSION, optionsHash(rewriteOptions(pathsOf(changes, io), flags)));
  try {
    const id = await commitFiles(state.root, files, msg.subject, msg.body, io.env);
    io.stderr.write(id ? `keptn-migrate: committed ${files.length} file(s) on ${state.branch} as ${id.slice(0, 12)}: ${msg.subject}\n` : 'keptn-migrate: nothing to commit (the files were unchanged)\n');
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

/** migrate's root relative to the working directory: what the PR body's re-run command and scan use */
function pathsOf(changes: ChangeSet, io: CliIo): string[] {
  return [path.relative(io.cwd, changes.root) || '.'];
}

export async function writePrBody(io: CliIo, paths: string[], flags: RewriteFlags, changes: ChangeSet, selection: ScanSelection): Promise<void> {
  const { result, repo } = await repositoryReport(io, paths, flags, changes, selection);
  const options = rewriteOptions(paths, flags);
  const transforms = new Map(allTransforms.map((t) => [t.id, { description: t.meta.description, converts: t.meta.docs.converts }]));
  const body = renderPrBody({ changes, repo, appOf: appOfFile(result), transforms, options, toolVersion: VERSION, command: rerunCommand(options, flags) });
  await writeFile(path.resolve(io.cwd, flags.prBody as string), body);
}

function rerunCommand(o: RewriteOptions, flags: RewriteFlags): string {
  const args = ['keptn-migrate', 'migrate', ...o.paths.map(quote), '--write', '--target', o.target, '--out', quote(o.out), '--keys', o.keys, '--autoscaler', o.autoscaler];
  if (o.evaluations) args.push('--evaluations');
  if (o.unsafe) args.push('--unsafe');
  if (o.only?.length) args.push('--only', quote(o.only.join(',')));
  if (o.skip?.length) args.push('--skip', quote(o.skip.join(',')));
  if (flags.branch) args.push('--branch', quote(flags.branch));
  if (flags.commit) args.push('--commit');
  if (flags.prBody) args.push('--pr-body', quote(flags.prBody));
  return args.join(' ');
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
