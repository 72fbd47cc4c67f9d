/**
 * Task code that a KeptnTaskDefinition loads with `httpRef.url` often lives in the same repository (a raw GitHub/GitLab
 * URL of a file next to the manifests). This finds that file and reads it, so its code can be upgraded in place too.
 */
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../core/decode.js';
import { SourceFile } from '../core/source-file.js';

/** the repository path a code URL names: the path after the ref of a raw/blob URL, else the whole URL path */
export function urlRepoPaths(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const segs = u.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  const out: string[] = [];
  if (u.hostname === 'raw.githubusercontent.com' && segs.length > 3) out.push(segs.slice(3).join('/'));
  const blob = segs.findIndex((s, i) => (s === 'blob' || s === 'raw') && i >= 2);
  if (u.hostname.endsWith('github.com') && blob !== -1 && segs.length > blob + 2) out.push(segs.slice(blob + 2).join('/'));
  const dash = segs.indexOf('-');
  if (dash !== -1 && (segs[dash + 1] === 'raw' || segs[dash + 1] === 'blob') && segs.length > dash + 3) out.push(segs.slice(dash + 3).join('/'));
  // other hosts: the longest suffix of at least two segments that exists
  for (let k = 0; k <= segs.length - 2; k++) out.push(segs.slice(k).join('/'));
  return [...new Set(out)].filter((p) => !p.split('/').includes('..'));
}

/** The file of the scanned repository that `url` serves, read as a SourceFile, or undefined. */
export function readRepoFile(root: string, url: string): SourceFile | undefined {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  for (const rel of urlRepoPaths(url)) {
    const abs = path.join(root, ...rel.split('/'));
    if (!existsSync(abs)) continue;
    try {
      const st = lstatSync(abs);
      if (!st.isFile() || st.size > 1024 * 1024) continue;
      const real = realpathSync(abs);
      if (real !== path.join(realRoot, ...rel.split('/'))) continue;
      const decoded = decodeText(readFileSync(abs));
      if (!decoded.ok) continue;
      return new SourceFile({ relPath: rel, absPath: abs }, decoded.text, decoded.bom, decoded.eol);
    } catch {
      continue;
    }
  }
  return undefined;
}
