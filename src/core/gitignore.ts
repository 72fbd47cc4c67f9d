import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Level {
  /** directory of the .gitignore, relative to the scan root ('' for the root; '../..' style for ancestors) */
  dir: string;
  matcher: Ignore;
}

/**
 * git's ignore rules for a scan: every `.gitignore` inside the scanned tree, plus those of the parent directories up
 * to the repository root. A deeper file overrides a shallower one, and a file inside an ignored directory is ignored.
 */
export class GitIgnore {
  private readonly levels = new Map<string, Level>();

  constructor(private readonly root: string) {}

  /** the rules of the root's ancestors; a walk adds each directory's own `.gitignore` (addDirectory) before its entries */
  static forWalk(root: string): GitIgnore {
    const gi = new GitIgnore(root);
    for (const ancestor of ancestorsToRepoRoot(root)) gi.add(path.relative(root, ancestor).split(path.sep).join('/'), path.join(ancestor, '.gitignore'));
    return gi;
  }

  /** reads `<dir>/.gitignore` (`dir` relative to the root, '' for the root) */
  addDirectory(dir: string): void {
    this.add(dir, path.join(this.root, dir, '.gitignore'));
  }

  private add(dir: string, file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    this.levels.set(dir, { dir, matcher: ignore().add(text) });
  }

  get empty(): boolean {
    return this.levels.size === 0;
  }

  /** whether `rel` is ignored by its own name, for a walk that has already left out every ignored directory above it */
  decide(rel: string, dir: boolean): boolean {
    let ignored = false;
    const candidates = [...this.levels.values()].filter((l) => l.dir.startsWith('..') || l.dir === '' || rel === l.dir || rel.startsWith(l.dir + '/'));
    candidates.sort((a, b) => depth(a.dir) - depth(b.dir));
    for (const level of candidates) {
      const local = relativeTo(level.dir, rel);
      if (local === '' || local.startsWith('..')) continue;
      const r = level.matcher.test(dir ? `${local}/` : local);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }
}

function depth(dir: string): number {
  if (dir === '') return 0;
  return dir.startsWith('..') ? -dir.split('/').length : dir.split('/').length;
}

function relativeTo(dir: string, rel: string): string {
  if (dir === '') return rel;
  if (dir.startsWith('..')) return path.posix.join(path.posix.relative(dir, '.'), rel);
  return rel.slice(dir.length + 1);
}

/** the parent directories of `root` up to the one that holds `.git` (none when `root` is not in a repository) */
function ancestorsToRepoRoot(root: string): string[] {
  const out: string[] = [];
  let dir = path.resolve(root);
  if (existsSync(path.join(dir, '.git'))) return out;
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return [];
    dir = parent;
    out.push(dir);
    if (existsSync(path.join(dir, '.git'))) return out;
  }
}
