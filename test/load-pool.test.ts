// The load pool (src/core/load-pool.ts): worker threads read and parse files and send them back in the wire format
// (src/core/load-wire.ts). Whatever the number of workers, scan and migrate must give byte-identical output. Workers
// run the compiled dist/core/load-worker.js, so this test drives the built CLI (npm test builds first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'keptn-migrate.js');

/** files that take every path of the wire format: masked Helm templates, split streams after a syntax error, yaml fallback */
const ODD: Record<string, string> = {
  'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
  'charts/app/templates/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image }}"\n---\n{{- if .Values.cm }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n{{- end }}\n',
  'deploy/split.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nkind: [broken\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: after-error\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: c:1\n',
  'deploy/crlf.yaml': '\ufeffapiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: shop\r\n',
  'deploy/anchors.yaml': 'base: &b\n  apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: *b\n',
};

function run(cwd: string, args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  expect([0, 1], r.stderr).toContain(r.status);
  return r.stdout;
}

describe('load pool', () => {
  // the workers run the compiled dist/core/load-worker.js: npm test builds first, and without it no worker would start
  it('scan and migrate give the same output with 0, 1 and 3 worker threads', { timeout: 120_000 }, () => {
    expect(existsSync(path.join(ROOT, 'dist', 'core', 'load-worker.js'))).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'km-pool-'));
    generate(dir, 1.5, { seed: 7 });
    for (const [rel, text] of Object.entries(ODD)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    writeFileSync(path.join(dir, 'deploy', 'latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));

    const scans = ['off', '1', '3'].map((c) => run(dir, ['scan', '.', '--format', 'json', '--concurrency', c]));
    const parsed = JSON.parse(scans[0] as string) as { summary: { files: number; findings: number }; errors: unknown[] };
    expect(parsed.summary.files).toBeGreaterThan(200);
    expect(parsed.summary.findings).toBeGreaterThan(100);
    expect(scans[1]).toBe(scans[0]);
    expect(scans[2]).toBe(scans[0]);

    const migrations = ['off', '3'].map((c) => run(dir, ['migrate', '.', '--format', 'json', '--concurrency', c]));
    expect(migrations[1]).toBe(migrations[0]);
    expect(readFileSync(path.join(dir, 'deploy', 'split.yaml'), 'utf8')).toContain('after-error');
  });

  it('refuses a --concurrency that is not auto, off or a count', () => {
    const r = spawnSync(process.execPath, [BIN, 'scan', '.', '--concurrency', 'many'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--concurrency: "many" is not auto, off or a number/);
  });
});
