import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'keptn-migrate.js');

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'km-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const BROKEN = { 'keptn/shipyard.yaml': 'spec:\n  stages: [\n    - name: dev\n' };
const DUPLICATE = { 'deploy/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: x\n  a: y\n' };
const CLEAN = { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' };

function snapshotTree(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${statSync(p).mtimeMs} ${readFileSync(p).length}`);
    }
  };
  walk(dir);
  return out.sort().join('\n');
}

describe('keptn-migrate scan: exit codes', () => {
  it('exits 1 when a finding reaches --fail-on, 0 with --fail-on never', async () => {
    const cwd = repo(BROKEN);
    expect((await cli(['scan'], { cwd })).code).toBe(1);
    expect((await cli(['scan', '--fail-on', 'never'], { cwd })).code).toBe(0);
  });

  it('gates warnings with --fail-on warning and --max-warnings', async () => {
    const cwd = repo(DUPLICATE);
    expect((await cli(['scan'], { cwd })).code).toBe(0);
    expect((await cli(['scan', '--fail-on', 'warning'], { cwd })).code).toBe(1);
    expect((await cli(['scan', '--max-warnings', '0'], { cwd })).code).toBe(1);
    expect((await cli(['scan', '--max-warnings', '1'], { cwd })).code).toBe(0);
  });

  it('exits 2 on usage errors and names the problem', async () => {
    const cwd = repo(CLEAN);
    const bad = await cli(['scan', '--format', 'xml'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format: "xml" is not one of stylish, json, sarif');
    expect((await cli(['scan', '--no-such-flag'], { cwd })).code).toBe(2);
    expect((await cli(['scan', '--max-file-size', 'huge'], { cwd })).code).toBe(2);
    expect((await cli(['explain', 'no-such-rule'], { cwd })).code).toBe(2);
    const missing = await cli(['scan', 'does-not-exist'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory: does-not-exist');
  });
});

describe('keptn-migrate scan: output', () => {
  it('stylish groups by file with line:col, severity, message and rule id, then totals', async () => {
    const { stdout } = await cli(['scan', '--no-color'], { cwd: repo({ ...BROKEN, ...DUPLICATE }) });
    expect(stdout).toContain('deploy/config.yaml\n  7:3  warning  duplicate mapping key; the last value was used  yaml-duplicate-key');
    expect(stdout).toMatch(/keptn\/shipyard\.yaml\n {2}\d+:\d+ {2}blocker {2}YAML syntax error/);
    expect(stdout).toContain('2 findings in 2 files (1 blocker, 1 warning, 0 info)');
  });

  it('json is the documented stable shape', async () => {
    const { stdout } = await cli(['scan', '-f', 'json'], { cwd: repo(DUPLICATE) });
    const j = JSON.parse(stdout);
    expect(Object.keys(j)).toEqual(['formatVersion', 'tool', 'summary', 'kinds', 'projects', 'branches', 'findings', 'skipped', 'errors']);
    expect(j.findings[0]).toMatchObject({
      ruleId: 'yaml-duplicate-key',
      severity: 'warning',
      category: 'parsing',
      file: 'deploy/config.yaml',
      line: 7,
      column: 3,
    });
    expect(j.findings[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sarif is 2.1.0 with rules, help, 1-based regions and fingerprints, and results even when empty', async () => {
    const withFindings = JSON.parse((await cli(['scan', '-f', 'sarif'], { cwd: repo(BROKEN) })).stdout);
    expect(withFindings.version).toBe('2.1.0');
    const run = withFindings.runs[0];
    expect(run.tool.driver.rules[0]).toMatchObject({ id: 'yaml-syntax-error', help: { text: expect.any(String) }, defaultConfiguration: { level: 'error' } });
    expect(run.results[0].locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    expect(run.results[0].partialFingerprints['keptnMigrateFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
    const empty = JSON.parse((await cli(['scan', '-f', 'sarif'], { cwd: repo(CLEAN) })).stdout);
    expect(empty.runs[0].results).toEqual([]);
  });

  it('fingerprints survive edits elsewhere in the file', async () => {
    const a = repo({ 'cm.yaml': 'kind: ConfigMap\ndata:\n  a: x\n  a: y\n' });
    const b = repo({ 'cm.yaml': '# a comment added above\n\nkind: ConfigMap\ndata:\n  b: z\n  a: x\n  a: y\n' });
    const fa = JSON.parse((await cli(['scan', '-f', 'json'], { cwd: a })).stdout).findings[0];
    const fb = JSON.parse((await cli(['scan', '-f', 'json'], { cwd: b })).stdout).findings[0];
    expect(fa.line).not.toBe(fb.line);
    expect(fa.fingerprint).toBe(fb.fingerprint);
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const cwd = repo(DUPLICATE);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'km-out-')), 'r.json');
    const run = await cli(['scan', '-f', 'json', '-o', out], { cwd });
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.warning).toBe(1);
  });

  it('reads one YAML stream from stdin with -', async () => {
    const run = await cli(['scan', '-', '-f', 'json', '--stdin-filename', 'rendered.yaml'], {
      cwd: repo({}),
      stdin: 'apiVersion: v1\nkind: ConfigMap\n---\na: 1\na: 2\n',
    });
    const j = JSON.parse(run.stdout);
    expect(j.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['rendered.yaml:5']);
  });

  it('never writes to the scanned tree', async () => {
    const cwd = repo({ ...BROKEN, ...DUPLICATE, ...CLEAN });
    const before = snapshotTree(cwd);
    await cli(['scan', '-f', 'sarif'], { cwd });
    expect(snapshotTree(cwd)).toBe(before);
  });
});

describe('keptn-migrate as a process', () => {
  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(execFileSync('node', [BIN, '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
  });

  it('pipes a stream through stdin and exits with the gate code', () => {
    const r = spawnSync('node', [BIN, 'scan', '-', '--no-color'], { input: 'spec: [\n', encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('<stdin>');
    expect(r.stdout).toContain('yaml-syntax-error');
  });
});
