import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { ownFile, requireDependency } from '../package-root.js';

/**
 * ts-morph (with the TypeScript compiler it bundles, ~13 MB of JavaScript) takes ~0.4 s to compile each time migrate
 * generates or checks Deno code. `npm run build` stores V8's code cache for its three big files (scripts/code-cache.js,
 * after generating and checking a function, so the functions that work needs are in it), and they are compiled with
 * it here, before ts-morph is required: it then finds them loaded. A cache is used only for the exact file it was made
 * from (its SHA-256 is stored beside it; V8 itself only compares lengths); otherwise, or without caches, the file is
 * compiled as `require` would.
 */
const CACHE_DIR = ownFile('code-cache/');

/** the files, in the order they require each other */
export function tsMorphFiles(): string[] {
  const tsMorph = requireDependency.resolve('ts-morph');
  const common = createRequire(tsMorph).resolve('@ts-morph/common');
  return [createRequire(common).resolve('./typescript'), common, tsMorph];
}

interface CacheMeta {
  sha256: string;
}

const scripts = new Map<string, vm.Script>();

export type CacheUse = 'used' | 'rejected by V8' | 'none' | 'already loaded';

/** compiles and runs each file as a CommonJS module, with its cache when it matches, and registers it with `require` */
export function preloadWithCodeCache(files: readonly string[], dir = fileURLToPath(CACHE_DIR)): CacheUse[] {
  const uses: CacheUse[] = [];
  for (const file of files) {
    if (requireDependency.cache[file]) {
      uses.push('already loaded');
      continue;
    }
    const source = readFileSync(file, 'utf8');
    const cachedData = cacheFor(file, source, dir);
    const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
    const m = new Module(file);
    m.filename = file;
    m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    requireDependency.cache[file] = m;
    try {
      (script.runInThisContext() as (...args: unknown[]) => void).call(m.exports, m.exports, createRequire(file), m, file, path.dirname(file));
    } catch (e) {
      delete requireDependency.cache[file];
      throw e;
    }
    m.loaded = true;
    scripts.set(file, script);
    uses.push(!cachedData ? 'none' : script.cachedDataRejected ? 'rejected by V8' : 'used');
  }
  return uses;
}

/** for scripts/code-cache.js: stores the code cache of every file preloaded in this process */
export function storeCodeCaches(): string[] {
  const dir = fileURLToPath(CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, script] of scripts) {
    const name = cacheName(file);
    writeFileSync(path.join(dir, `${name}.cache`), script.createCachedData());
    writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ sha256: sha256(readFileSync(file, 'utf8')) } satisfies CacheMeta));
    written.push(name);
  }
  return written;
}

/** the cache stored in `dir` for `file`, when it was made from `source` */
export function cacheFor(file: string, source: string, dir: string): Buffer | undefined {
  const name = cacheName(file);
  try {
    const meta = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as CacheMeta;
    return meta.sha256 === sha256(source) ? readFileSync(path.join(dir, `${name}.cache`)) : undefined;
  } catch {
    return undefined;
  }
}

function cacheName(file: string): string {
  return path.basename(file, '.js');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
