import { stat } from 'node:fs/promises';
import path from 'node:path';
import { discover, makeMatcher, DEFAULT_MAX_FILE_SIZE, type FileRef } from '../core/discover.js';
import { branchFiles, isGitWorkTree } from '../core/git-branches.js';
import { loadBytes, type LoadResult } from '../core/load.js';
import { loadInOrder, workerCount, type Concurrency } from '../core/load-pool.js';
import type { Finding, SkipNotice } from '../core/types.js';
import { ModelBuilder, projectSummaries, summaryModel } from '../model/build.js';
import type { MigrationProject, UnreadableFile } from '../model/project.js';
import { allRules } from '../rules/index.js';
import type { ProgressListener } from './progress.js';
import type { Rule } from './rule.js';
import { runRules, type RuleFailure, type RuleSettings } from './run-rules.js';
import { applySuppressions, type SuppressedFinding } from './suppressions.js';
import { timing } from './timing.js';

export interface ScanOptions {
  /** files or directories; `-` reads one YAML stream from `stdin` */
  paths: string[];
  cwd?: string;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  allBranches?: boolean;
  stdin?: { text: Uint8Array; filename?: string };
  rules?: readonly Rule[];
  settings?: RuleSettings;
  /** called as files are read and before the rules run (for a progress indicator) */
  onProgress?: ProgressListener;
  /** worker threads that load files (default `auto`: by input size and cores) */
  concurrency?: Concurrency;
}

export interface ScanStats {
  files: number;
  documents: number;
  bytes: number;
  /** document kind → count */
  kinds: Record<string, number>;
  branches: string[];
}

export interface ScanResult {
  root: string;
  findings: Finding[];
  skipped: SkipNotice[];
  failures: RuleFailure[];
  stats: ScanStats;
  project: MigrationProject;
  rules: readonly Rule[];
  /** findings hidden by `# keptn-migrate-disable-*` directives, with the directive's reason */
  suppressed?: SuppressedFinding[];
}

/** The files a scan reads, after discovery: what `scan` analyses and what the cache hashes. */
export interface ScanInputs {
  root: string;
  refs: FileRef[];
  skipped: SkipNotice[];
  unreadable: UnreadableFile[];
  branches: string[];
  paths: string[];
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  return analyse(await collectInputs(options), options);
}

export async function collectInputs(options: ScanOptions): Promise<ScanInputs> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const refs: FileRef[] = [];
  const skipped: SkipNotice[] = [];
  const unreadable: UnreadableFile[] = [];
  const branches: string[] = [];
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  let root = cwd;

  for (const p of paths) {
    if (p === '-') continue;
    const target = path.resolve(cwd, p);
    const found = await discover(target, { include: options.include, exclude: options.exclude, maxFileSize: maxSize });
    const prefix = displayPrefix(cwd, found.root);
    if (paths.length === 1) root = found.root;
    for (const ref of found.files) refs.push({ ...ref, relPath: join(prefix, ref.relPath) });
    for (const s of found.skipped) skipped.push({ ...s, file: join(prefix, s.file) });
    for (const ref of found.oversized) {
      unreadable.push({ file: join(prefix, ref.relPath), reason: `larger than --max-file-size (${ref.size} > ${maxSize} bytes), not analysed` });
    }
    if (options.allBranches) {
      const dir = (await isDirectory(target)) ? target : path.dirname(target);
      if (await isGitWorkTree(dir)) {
        const accept = makeMatcher(options.include, options.exclude);
        const bf = await branchFiles(dir, accept, maxSize);
        branches.push(...bf.branches);
        for (const ref of bf.files) {
          const rel = join(prefix, ref.relPath);
          if (ref.size > maxSize) unreadable.push({ file: `${ref.branch}:${rel}`, reason: `larger than --max-file-size, not analysed` });
          else refs.push({ ...ref, relPath: rel });
        }
        skipped.push(...bf.skipped);
      } else {
        skipped.push({ file: displayPrefix(cwd, dir) || '.', reason: '--all-branches: not a git work tree, only the files on disk were scanned' });
      }
    }
  }

  timing.phase('discover');
  return { root, refs, skipped, unreadable, branches, paths };
}

export async function analyse(inputs: ScanInputs, options: ScanOptions): Promise<ScanResult> {
  const { root, refs, skipped, unreadable, branches, paths } = inputs;
  const chartDirs = new Set(refs.filter((r) => /(^|\/)Chart\.ya?ml$/.test(r.relPath)).map((r) => dirOf(r.relPath)));
  const builder = new ModelBuilder(root);
  const stats: ScanStats = { files: 0, documents: 0, bytes: 0, kinds: {}, branches };

  if (options.stdin && paths.includes('-')) {
    const name = options.stdin.filename ?? '<stdin>';
    accept(loadBytes({ relPath: name, stdin: true }, options.stdin.text, 'yaml'));
  }
  await loadInOrder(refs, chartDirs, workerCount(refs, options.concurrency), accept, (done) => options.onProgress?.({ phase: 'read', done, total: refs.length }));

  function accept(r: LoadResult) {
    if (r.ok === true) {
      builder.add(r.loaded);
      stats.files++;
      stats.bytes += r.loaded.file.text.length;
      stats.documents += r.loaded.docs.length;
      for (const d of r.loaded.docs) stats.kinds[d.cls.kind] = (stats.kinds[d.cls.kind] ?? 0) + 1;
      if (r.loaded.docs.length === 0) {
        const k = r.loaded.fileKind === 'yaml' ? 'empty' : r.loaded.fileKind;
        stats.kinds[k] = (stats.kinds[k] ?? 0) + 1;
      }
    } else if (r.ok === false) {
      const file = r.origin.branch ? `${r.origin.branch}:${r.origin.relPath}` : r.origin.relPath;
      unreadable.push({ file, reason: r.reason, line: r.line, binary: r.binary });
    }
  }

  timing.phase('read, parse, model');
  const project = builder.finish(unreadable, skipped);
  timing.phase('model: projects and scopes');
  const rules = options.rules ?? allRules;
  options.onProgress?.({ phase: 'analyse', done: refs.length, total: refs.length });
  const ran = runRules(project, rules, options.settings);
  timing.phase('rules');
  const knownRuleIds = [...new Set([...allRules, ...rules].map((r) => r.id))];
  const { findings, suppressed } = applySuppressions(project, ran.findings, { rules, settings: options.settings, knownRuleIds });
  timing.phase('suppressions');
  return { root, findings, skipped, failures: ran.failures, stats, project, rules, suppressed };
}

/** the result with its model cut to what every scan reporter but the readiness report reads (model/build.ts summaryModel) */
export function withSummaryModel(result: ScanResult): ScanResult {
  return { ...result, project: summaryModel(result.root, projectSummaries(result.project.projects), result.project.skipped) };
}

function displayPrefix(cwd: string, dir: string): string {
  const rel = path.relative(cwd, dir);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return rel.split(path.sep).join('/');
}

function join(prefix: string, rel: string): string {
  return prefix ? `${prefix}/${rel}` : rel;
}

function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i === -1 ? '' : rel.slice(0, i);
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
