import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** every file below `dir` as relative POSIX path → bytes */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(path.relative(dir, p).split(path.sep).join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** copies a fixture tree to `<tmp>/<random>/repo`, so names derived from the root folder are stable */
export function copyToTemp(dir: string, prefix = 'km-tree-'): string {
  const tmp = path.join(mkdtempSync(path.join(tmpdir(), prefix)), 'repo');
  cpSync(dir, tmp, { recursive: true });
  return tmp;
}

export function writeTree(dir: string, files: Map<string, Buffer>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, content] of files) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}
