import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export class UnsafePathError extends Error {}

/**
 * Resolves `rel` under `root` and refuses anything that would leave it: `..`, absolute paths, and any existing
 * component that is a symbolic link (a link could point out of the root).
 */
export async function safeTarget(root: string, rel: string): Promise<string> {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new UnsafePathError(`${rel}: outside the repository root`);
  const realRoot = await fs.realpath(root);
  const target = path.join(realRoot, rel);
  let dir = realRoot;
  for (const part of rel.split('/')) {
    dir = path.join(dir, part);
    try {
      const st = await fs.lstat(dir);
      if (st.isSymbolicLink()) throw new UnsafePathError(`${rel}: ${path.relative(realRoot, dir)} is a symbolic link; not written`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') break;
      throw e;
    }
  }
  return target;
}

/** Writes a file atomically: a temporary file in the same directory, fsync, then rename; keeps the file mode. */
export async function writeAtomic(target: string, content: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  let mode: number | undefined;
  try {
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.keptn-migrate-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', mode ?? 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (mode !== undefined) await fs.chmod(tmp, mode);
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
