import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * bin/keptn-migrate.js runs the CLI from one bundled script with a stored V8 code cache (scripts/bundle.js,
 * bin/load-cli.js). The bundle must behave exactly as the compiled modules do, and the cache must be one this Node.js
 * accepts, or the start-up gain is silently lost.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const BUNDLE = path.join(ROOT, 'dist/keptn-migrate.cjs');
const EXAMPLE = path.join(ROOT, 'examples/sockshop');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.join(d.parentPath, d.name));
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  } catch (e) {
    const err = e as { status: number; stdout: string };
    if (err.status === 1) return err.stdout; // findings at or above --fail-on
    throw e;
  }
}

// `npm test` builds first: without the bundle, bin/ silently falls back to the slow start-up, so its absence fails here
describe('the CLI bundle', () => {
  it('exists after the build', () => {
    expect(existsSync(BUNDLE), 'dist/keptn-migrate.cjs missing: run `npm run build`').toBe(true);
  });

  it('is built from modules only one of which reads import.meta (the bundle defines it once, for dist/)', () => {
    const readers = sourceFiles(path.join(ROOT, 'src')).filter((f) => /\bimport\.meta\b/.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    expect(readers.map((f) => path.relative(ROOT, f))).toEqual(['src/package-root.ts']);
  });

  it('holds js-yaml (every scan parses) and leaves the heavy, lazily required dependencies out', () => {
    const bundled = new Set([...readFileSync(BUNDLE, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]));
    expect(bundled).toContain('js-yaml');
    for (const heavy of ['ts-morph', 'typescript', 'jscodeshift', 'yaml', 'ajv']) expect(bundled, heavy).not.toContain(heavy);
  });

  it("holds js-yaml with its option spreading done by Object.assign (scripts/bundle.js says why; the scan below shows it parses the same)", () => {
    const text = readFileSync(BUNDLE, 'utf8');
    const helper = /function _objectSpread2\(e2?\) \{[^]*?\n\s*return e2?;\n\s*\}/.exec(text)?.[0] ?? '';
    expect(helper).toContain('Object.assign(');
    expect(helper).not.toContain('defineProperty');
  });

  it('loads with its code cache accepted, and scans exactly as the compiled modules do', () => {
    const probe = `import { loadCli } from ${JSON.stringify(path.join(ROOT, 'bin/load-cli.js'))};
      const { script } = await loadCli();
      process.stdout.write(String(script.cachedDataRejected));`;
    expect(run(['--input-type=module', '-e', probe])).toBe('false');

    const viaBin = run(['bin/keptn-migrate.js', 'scan', EXAMPLE, '--format', 'json']);
    const viaModules = run([
      '--input-type=module',
      '-e',
      `import { runCli } from ${JSON.stringify(path.join(ROOT, 'dist/cli/main.js'))};
       process.exitCode = await runCli(['scan', ${JSON.stringify(EXAMPLE)}, '--format', 'json'], { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: ${JSON.stringify(ROOT)}, env: process.env });`,
    ]);
    expect(JSON.parse(viaBin).summary.findings).toBeGreaterThan(50);
    expect(viaBin).toBe(viaModules);
  });
});
