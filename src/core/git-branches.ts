import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FileRef } from './discover.js';
import type { SkipNotice } from './types.js';

const exec = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await exec('git', ['-C', cwd, ...args], { maxBuffer: MAX_BUFFER, encoding: 'utf8' });
  return stdout;
}

export async function isGitWorkTree(dir: string): Promise<boolean> {
  try {
    return (await git(dir, ['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

/** whether git tracks `file` (in the index of the work tree holding it); false where there is no git or no work tree */
export async function isTrackedByGit(file: string): Promise<boolean> {
  try {
    await git(path.dirname(file), ['ls-files', '--error-unmatch', '--', path.basename(file)]);
    return true;
  } catch {
    return false;
  }
}

interface TreeEntry {
  mode: string;
  blob: string;
  size: number;
  path: string;
}

async function lsTree(dir: string, ref: string): Promise<TreeEntry[]> {
  const out = await git(dir, ['ls-tree', '-r', '-z', '--long', ref]);
  const entries: TreeEntry[] = [];
  for (const line of out.split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [mode = '', type = '', blob = '', size = '0'] = line.slice(0, tab).trim().split(/\s+/);
    if (type !== 'blob') continue;
    entries.push({ mode, blob, size: Number(size) || 0, path: line.slice(tab + 1) });
  }
  return entries;
}

/** Reads many blobs with one `git cat-file --batch`. */
async function readBlobs(dir: string, ids: string[]): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  if (ids.length === 0) return result;
  const child = spawn('git', ['-C', dir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  child.stdin.end(ids.join('\n') + '\n');
  await done;
  const all = Buffer.concat(chunks);
  let pos = 0;
  while (pos < all.length) {
    const nl = all.indexOf(10, pos);
    if (nl === -1) break;
    const header = all.subarray(pos, nl).toString('utf8').split(' ');
    pos = nl + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    result.set(header[0] as string, all.subarray(pos, pos + size));
    pos += size + 1;
  }
  return result;
}

export interface BranchFiles {
  files: FileRef[];
  skipped: SkipNotice[];
  branches: string[];
}

/**
 * Lists the files of every local and remote-tracking branch other than the checked-out one, read from git
 * objects without touching the working tree. A file identical to the checked-out commit's copy is left out
 * (the working tree already covers it); remote branches that point at the same commit as a local one are too.
 */
export async function branchFiles(dir: string, accept: (relPath: string) => boolean, maxSize: number): Promise<BranchFiles> {
  const refs = (await git(dir, ['for-each-ref', '--format=%(refname)%09%(objectname)', 'refs/heads', 'refs/remotes']))
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [ref = '', commit = ''] = l.split('\t');
      return { ref, commit };
    })
    .filter((r) => !r.ref.endsWith('/HEAD'));
  let headCommit = '';
  try {
    headCommit = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  } catch {
    // an unborn branch: nothing is committed yet
  }
  const headEntries = headCommit ? await lsTree(dir, headCommit) : [];
  const inHead = new Set(headEntries.map((e) => `${e.path}\0${e.blob}`));
  const seenCommits = new Set<string>([headCommit]);
  const out: BranchFiles = { files: [], skipped: [], branches: [] };

  const ordered = [...refs].sort((a, b) => Number(a.ref.startsWith('refs/remotes/')) - Number(b.ref.startsWith('refs/remotes/')) || a.ref.localeCompare(b.ref));
  for (const { ref, commit } of ordered) {
    if (seenCommits.has(commit)) continue;
    seenCommits.add(commit);
    const name = ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, '');
    out.branches.push(name);
    const entries = (await lsTree(dir, commit)).filter((e) => accept(e.path) && !inHead.has(`${e.path}\0${e.blob}`));
    const wanted = entries.filter((e) => {
      if (e.mode === '120000') {
        out.skipped.push({ file: `${name}:${e.path}`, reason: 'symbolic link, not followed' });
        return false;
      }
      return true;
    });
    const small = wanted.filter((e) => e.size <= maxSize).map((e) => e.blob);
    let blobs: Map<string, Buffer> | undefined;
    const load = async () => (blobs ??= await readBlobs(dir, [...new Set(small)]));
    for (const e of wanted) {
      out.files.push({
        relPath: e.path,
        branch: name,
        size: e.size,
        read: async () => {
          const b = (await load()).get(e.blob);
          if (!b) throw Object.assign(new Error('blob missing'), { code: 'ENOENT' });
          return b;
        },
      });
    }
  }
  return out;
}
