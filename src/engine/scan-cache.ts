import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isTrackedByGit } from '../core/git-branches.js';
import type { SkipNotice } from '../core/types.js';
import { writeAtomic } from '../edit/atomic-write.js';
import { projectSummaries, summaryModel } from '../model/build.js';
import type { KeptnProject } from '../model/project.js';
import { allRules } from '../rules/index.js';
import { VERSION } from '../version.js';
import { analyse, collectInputs, type ScanOptions, type ScanResult } from './scan.js';

export const DEFAULT_CACHE_FILE = '.keptn-migrate-cache';
/**
 * A cache file committed to the repository could come from anyone who can commit, pull requests included, and
 * its result is not checked against the files (that is what makes it fast): matching the key is easy, and its
 * findings could be made to say nothing, turning the gate off. So a cache file git tracks is never answered from.
 */
const COMMITTED_CACHE = 'the --cache file is committed to the repository, so its result is not trusted (anyone who can commit could write it): scanned afresh; add the file to .gitignore';
const CACHE_FORMAT = 2;

interface FileStamp {
  size: number;
  mtimeMs: number;
  hash: string;
}

interface CacheEntry {
  format: number;
  key: string;
  /** per file: size, modification time and content hash, so an unchanged file need not be read again */
  files?: Record<string, FileStamp>;
  result: Omit<ScanResult, 'project' | 'rules'> & { projects: Omit<KeptnProject, 'shipyard' | 'copies'>[] };
}

/**
 * ESLint-style `--cache`: the result of a scan is kept in one file, keyed by the tool version, the options and
 * configuration that shape it, and a hash of every file read. Rules look across files, so any change re-runs the whole
 * scan; an unchanged repository is answered from the cache after reading and hashing its files.
 */
export async function cachedScan(options: ScanOptions, cacheFile: string, configKey: string): Promise<ScanResult & { fromCache: boolean }> {
  // read in the background (libuv's thread pool) while discovery walks the tree on this thread
  const cached = readFile(cacheFile, 'utf8').catch(() => undefined);
  // and asks git in a child process meanwhile, as only a hit needs the answer
  const tracked = isTrackedByGit(cacheFile);
  const inputs = await collectInputs(options);
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ v: VERSION, f: CACHE_FORMAT, o: optionsKey(options), c: configKey, root: inputs.root, skipped: inputs.skipped, unreadable: inputs.unreadable }));
  const contents = new Map<string, Uint8Array>();
  const stored = parseCacheFile(await cached);
  const previous = stored?.files ?? {};
  const stamps: Record<string, FileStamp> = {};
  for (const ref of inputs.refs) {
    const id = `${ref.branch ?? ''}:${ref.relPath}`;
    const old = previous[id];
    let fileHash: string;
    // ESLint's content strategy: a file whose size and mtime did not change keeps its content hash
    if (old && ref.mtimeMs !== undefined && old.size === ref.size && old.mtimeMs === ref.mtimeMs) fileHash = old.hash;
    else {
      const bytes = await ref.read();
      contents.set(id, bytes);
      fileHash = createHash('sha256').update(bytes).digest('hex');
    }
    if (ref.mtimeMs !== undefined) stamps[id] = { size: ref.size, mtimeMs: ref.mtimeMs, hash: fileHash };
    hash.update(`\u0000${id}\u0000${fileHash}`);
  }
  if (options.stdin) hash.update('\u0000stdin\u0000').update(options.stdin.text);
  const key = hash.digest('hex');

  let distrusted: SkipNotice | undefined;
  if (stored && stored.key === key) {
    if (!(await tracked)) return { ...restore(stored, options), fromCache: true };
    distrusted = { file: path.relative(inputs.root, cacheFile).split(path.sep).join('/'), reason: COMMITTED_CACHE };
  }

  const refs = inputs.refs.map((ref) => {
    const bytes = contents.get(`${ref.branch ?? ''}:${ref.relPath}`);
    return bytes ? { ...ref, read: async () => bytes } : ref;
  });
  const result = await analyse({ ...inputs, refs }, options);
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    key,
    files: stamps,
    result: {
      root: result.root,
      findings: result.findings,
      skipped: result.skipped,
      failures: result.failures,
      stats: result.stats,
      suppressed: result.suppressed,
      projects: projectSummaries(result.project.projects),
    },
  };
  if (result.failures.length === 0) await writeAtomic(cacheFile, JSON.stringify(entry));
  return { ...result, skipped: distrusted ? [...result.skipped, distrusted] : result.skipped, fromCache: false };
}

function optionsKey(o: ScanOptions): unknown {
  return {
    paths: o.paths,
    cwd: o.cwd,
    include: o.include,
    exclude: o.exclude,
    maxFileSize: o.maxFileSize,
    allBranches: o.allBranches,
    stdin: o.stdin?.filename,
    rules: (o.rules ?? allRules).map((r) => r.id),
    settings: o.settings,
  };
}

/** the cache file's entry (read once per run: it can be large, every finding of the last scan), if it is one */
function parseCacheFile(text: string | undefined): CacheEntry | undefined {
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as CacheEntry;
    return entry.format === CACHE_FORMAT ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** a ScanResult whose model holds only the project summaries: enough for every scan reporter */
function restore(entry: CacheEntry, options: ScanOptions): ScanResult {
  const project = summaryModel(entry.result.root, entry.result.projects, entry.result.skipped);
  const { projects: _p, ...rest } = entry.result;
  return { ...rest, project, rules: options.rules ?? allRules };
}
