import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * jscodeshift (and its Babel parser) is heavy: only the KLT upgrade loads it, lazily, the first time it rewrites Deno
 * code. `keptn-migrate scan` must never load it: neither statically (the import closure of the scan command) nor at run
 * time.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

/** static imports (not `import type`), re-exports and literal dynamic imports of a TS/JS file */
function specifiers(source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/^\s*import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) out.push(m[1] as string);
  for (const m of code.matchAll(/^\s*export\s+(?!type\s)[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm)) out.push(m[1] as string);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] as string);
  return out;
}

/** every file and package reachable from `entry` by static imports */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const candidates = file.endsWith('.ts') ? [base.replace(/\.js$/, '.ts'), base] : [base];
      const hit = candidates.find((c) => existsSync(c));
      if (hit) todo.push(hit);
    }
  }
  return { files, packages };
}

describe('jscodeshift is loaded lazily', () => {
  it('is not in the static import closure of the scan engine or the scan command', () => {
    for (const entry of ['src/engine/scan.ts', 'src/cli/commands/scan.ts']) {
      const c = closure(path.join(ROOT, entry));
      expect(c.files.size).toBeGreaterThan(5);
      expect([...c.packages], entry).not.toContain('jscodeshift');
    }
  });

  it('is not a static import anywhere, not even of the upgrade transform (it is required on first use)', () => {
    const c = closure(path.join(ROOT, 'src/transforms/upgrade-klt-resources.ts'));
    expect(c.files.has(path.join(ROOT, 'src/day2/context-env.ts'))).toBe(true);
    expect([...c.packages]).not.toContain('jscodeshift');
    expect(readFileSync(path.join(ROOT, 'src/day2/context-env.ts'), 'utf8')).toMatch(/require\w*\('jscodeshift'\)/);
  });

  // npm test builds first: a missing build fails here rather than skipping the check
  it('is not in the import closure of the built scan command', () => {
    expect(existsSync(path.join(ROOT, 'dist/cli/commands/scan.js'))).toBe(true);
    const c = closure(path.join(ROOT, 'dist/cli/commands/scan.js'));
    expect([...c.packages]).not.toContain('jscodeshift');
  });

  it('is not loaded when the CLI scans a repository with old KLT task code, and is when migrate rewrites it', () => {
    const fixture = path.join(ROOT, 'fixtures/migrate/klt-upgrade-v2/input');
    const probe = (command: string) =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `import { createRequire } from 'node:module';
           import { runCli } from ${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))};
           const sink = { write: () => true };
           await runCli(${JSON.stringify(command === 'scan' ? ['scan', '.', '--format', 'json'] : ['migrate', '.', '--only', 'upgrade-klt-resources', '--format', 'json'])}, { stdout: sink, stderr: sink, stdin: process.stdin, cwd: ${JSON.stringify(fixture)}, env: {} });
           const cache = Object.keys(createRequire(import.meta.url).cache);
           process.stdout.write(String(cache.some((k) => k.includes('/node_modules/jscodeshift/'))));`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
    expect(probe('scan')).toBe('false');
    expect(probe('migrate')).toBe('true');
  });
});
