import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFor, tsMorphFiles } from '../src/core/dependency-code-cache.js';

const DIST = path.resolve(import.meta.dirname, '../dist');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('V8 code cache of ts-morph (npm run build)', () => {
  it('is stored for each of its files, for the exact content installed', () => {
    const files = tsMorphFiles();
    expect(files.map((f) => path.basename(f))).toEqual(['typescript.js', 'ts-morph-common.js', 'ts-morph.js']);
    for (const file of files) {
      const name = path.basename(file, '.js');
      const meta = JSON.parse(readFileSync(path.join(DIST, 'code-cache', `${name}.json`), 'utf8')) as { sha256: string };
      expect(meta.sha256).toBe(sha256(readFileSync(file, 'utf8')));
      expect(existsSync(path.join(DIST, 'code-cache', `${name}.cache`))).toBe(true);
    }
  });

  it('is accepted by V8 in a fresh process, and ts-morph then generates and checks Deno code', { timeout: 60_000 }, () => {
    const script = `
      const { preloadWithCodeCache, tsMorphFiles } = await import(${JSON.stringify(path.join(DIST, 'core/dependency-code-cache.js'))});
      const uses = preloadWithCodeCache(tsMorphFiles());
      const { checkDeno } = await import(${JSON.stringify(path.join(DIST, 'tasks/deno-check.js'))});
      console.log(JSON.stringify({ uses, good: checkDeno('const n: number = 1;\\nexport { };\\n'), bad: checkDeno('const n: number = "a";\\nexport { };\\n') }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { uses: string[]; good: string[]; bad: string[] };
    expect(out.uses).toEqual(['used', 'used', 'used']);
    expect(out.good).toEqual([]);
    expect(out.bad).toEqual([expect.stringMatching(/^1:7 Type 'string' is not assignable to type 'number'/)]);
  });

  it('is not used for a file whose content differs from the one it was made from', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'km-code-cache-'));
    const file = path.join(dir, 'lib.js');
    writeFileSync(path.join(dir, 'lib.cache'), Buffer.from([1, 2, 3]));
    writeFileSync(path.join(dir, 'lib.json'), JSON.stringify({ sha256: sha256('module.exports = 1;\n') }));
    expect(cacheFor(file, 'module.exports = 1;\n', dir)).toEqual(Buffer.from([1, 2, 3]));
    // same length, other content: V8's own check (lengths) would take it
    expect(cacheFor(file, 'module.exports = 2;\n', dir)).toBeUndefined();
    expect(cacheFor(path.join(dir, 'other.js'), 'x', dir)).toBeUndefined();
  });
});
