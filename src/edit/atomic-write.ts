import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export class UnsafePathError extends Error {}

/**
 * Resolves `rel` under `root` and refuses anything that would leave it: `..`, absolute paths, and any existing
 * component that is a symbolic link (a link could point out of the root).
 */
export async function safeTarget(root: string, rel: string): Promise<string> {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new UnsafePathError('outside the repository root');
  const realRoot = await fs.realpath(root);
  const target = path.join(realRoot, rel);
  let dir = realRoot;
  for (const part of rel.split('/')) {
    dir = path.join(dir, part);
    try {
      const st = await fs.lstat(dir);
      if (st.isSymbolicLink()) throw new UnsafePathError(`${path.relative(realRoot, dir)} is a symbolic link, which could lead out of the repository root`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') break;
      throw e;
    }
  }
  return target;
}

/** the target no longer holds what the plan was made from (or a file to create appeared): nothing was written */
export class ChangedSinceReadError extends Error {}

/** `.<name>.keptn-migrate-<12 hex>.tmp`: the temporary files writeAtomic creates (and leaves when it is killed) */
export const TEMPORARY_FILE = /^\.(.+)\.keptn-migrate-[0-9a-f]{12}\.tmp$/;

function temporaryFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.keptn-migrate-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * What the target must hold for the write to go ahead: `null`, it must not exist (or already hold exactly the new
 * content); bytes, exactly those (what was read when the change was planned).
 */
export type Expected = Uint8Array | null;

/** how writeAtomic ended: the content was written, or the target already held exactly it */
export type WriteOutcome = 'written' | 'identical';

/**
 * Writes a file atomically: a temporary file in the same directory, fsync, then rename; keeps the file mode.
 *
 * With `expected`, it is a compare-and-swap: a target that no longer holds the expected bytes (changed by an editor,
 * a checkout, a second run since it was read) is not overwritten, ChangedSinceReadError is thrown and the target
 * keeps the concurrent change. The check is made just before the rename, and where the file system has hard links,
 * once more after it: the replaced file is kept under a temporary name across the rename, and when it was changed
 * in place between the check and the rename, it is renamed back. (A file that replaces the target by a rename of
 * its own in the few instructions between taking that link and the rename cannot be seen; no rename-based writer
 * can.) A file to create is linked into place, which fails when one appeared meanwhile.
 */
export async function writeAtomic(target: string, content: string | Uint8Array, expected?: Expected): Promise<WriteOutcome> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let mode: number | undefined;
  try {
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  if (expected !== undefined) {
    const now = await currentBytes(target);
    if (expected === null && now !== undefined) {
      if (Buffer.from(now).equals(bytes)) return 'identical';
      throw new ChangedSinceReadError('created by someone else since it was read; not written, run again');
    }
    if (expected !== null && (now === undefined || !Buffer.from(now).equals(expected))) throw new ChangedSinceReadError('changed since it was read; not written, run again');
  }
  const tmp = temporaryFor(target);
  const handle = await fs.open(tmp, 'wx', mode ?? 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (mode !== undefined) await fs.chmod(tmp, mode);
    if (expected === null) return await createExclusive(tmp, target, bytes);
    if (expected !== undefined) return await replaceIfUnchanged(tmp, target, expected);
    await fs.rename(tmp, target);
    return 'written';
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

async function currentBytes(file: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** file systems without hard links (some network and FUSE mounts, FAT) */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** `link` fails when the target exists: a file that appeared since the check is never overwritten */
async function createExclusive(tmp: string, target: string, bytes: Uint8Array): Promise<WriteOutcome> {
  try {
    await fs.link(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') {
      const now = await currentBytes(target);
      if (now !== undefined && Buffer.from(now).equals(bytes)) {
        await fs.rm(tmp, { force: true });
        return 'identical';
      }
      throw new ChangedSinceReadError('created by someone else since it was read; not written, run again');
    }
    if (!NO_LINKS.has(code)) throw e;
    if ((await currentBytes(target)) !== undefined) throw new ChangedSinceReadError('created by someone else since it was read; not written, run again');
    await fs.rename(tmp, target);
    return 'written';
  }
  await fs.rm(tmp, { force: true });
  return 'written';
}

/** renames tmp over target, keeping the replaced file linked until it is known to be the one that was read */
async function replaceIfUnchanged(tmp: string, target: string, expected: Uint8Array): Promise<WriteOutcome> {
  const kept = temporaryFor(target);
  let linked = true;
  try {
    await fs.link(target, kept);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') throw new ChangedSinceReadError('changed since it was read; not written, run again');
    if (!NO_LINKS.has(code)) throw e;
    linked = false;
  }
  try {
    // the kept link is the file as it is now: compare again, after the link and before the rename
    const before = await currentBytes(linked ? kept : target);
    if (before === undefined || !Buffer.from(before).equals(expected)) throw new ChangedSinceReadError('changed since it was read; not written, run again');
    await fs.rename(tmp, target);
    if (!linked) return 'written';
    // changed in place between the check and the rename: put it back
    const replaced = await currentBytes(kept);
    if (replaced !== undefined && !Buffer.from(replaced).equals(expected)) {
      await fs.rename(kept, target);
      linked = false;
      throw new ChangedSinceReadError('changed since it was read (while it was being written); the change is kept, run again');
    }
    return 'written';
  } finally {
    if (linked) await fs.rm(kept, { force: true });
  }
}
