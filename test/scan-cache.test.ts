import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedScan } from '../src/engine/scan-cache.js';

function repo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'km-cache-'));
  writeFileSync(path.join(root, 'cm.yaml'), 'kind: ConfigMap\ndata:\n  a: x\n  a: y\n');
  writeFileSync(path.join(root, 'ok.yaml'), 'kind: ConfigMap\nmetadata:\n  name: ok\n');
  return root;
}

describe('scan --cache', () => {
  it('answers an unchanged repository from the cache with the same findings, and rescans after a change', async () => {
    const root = repo();
    const cacheFile = path.join(root, '.keptn-migrate-cache');
    const options = { paths: ['.'], cwd: root };
    const cold = await cachedScan(options, cacheFile, 'config');
    const warm = await cachedScan(options, cacheFile, 'config');
    expect(cold.fromCache).toBe(false);
    expect(warm.fromCache).toBe(true);
    expect(warm.findings).toEqual(cold.findings);
    expect(warm.stats).toEqual(cold.stats);

    const otherConfig = await cachedScan(options, cacheFile, 'another config');
    expect(otherConfig.fromCache).toBe(false);

    // same size, new content, new mtime: the content hash decides
    writeFileSync(path.join(root, 'cm.yaml'), 'kind: ConfigMap\ndata:\n  b: x\n  b: y\n');
    utimesSync(path.join(root, 'cm.yaml'), new Date(), new Date(Date.now() + 5000));
    const changed = await cachedScan(options, cacheFile, 'another config');
    expect(changed.fromCache).toBe(false);
    expect(changed.findings.map((f) => f.location.start.line)).toEqual([4]);
  });

  it('never answers from a cache file git tracks: a committed cache could say anything, and would turn the gate off', async () => {
    const root = repo();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    const cacheFile = path.join(root, '.keptn-migrate-cache');
    const options = { paths: ['.'], cwd: root };
    const cold = await cachedScan(options, cacheFile, 'config');
    expect(cold.findings.length).toBeGreaterThan(0);
    // what a pull request could commit: the right key, no findings
    const forged = JSON.parse(readFileSync(cacheFile, 'utf8')) as { result: { findings: unknown[] } };
    forged.result.findings = [];
    writeFileSync(cacheFile, JSON.stringify(forged));
    expect((await cachedScan(options, cacheFile, 'config')).findings).toEqual([]);
    git('add', '.keptn-migrate-cache');
    const tracked = await cachedScan(options, cacheFile, 'config');
    expect(tracked.fromCache).toBe(false);
    expect(tracked.findings).toEqual(cold.findings);
    expect(tracked.skipped.map((s) => s.file + ': ' + s.reason)).toContainEqual(expect.stringMatching(/^\.keptn-migrate-cache: the --cache file is committed to the repository/));
    // the cache it writes back does not carry the notice: once the file is no longer tracked, a hit is clean
    git('rm', '-q', '-f', '--cached', '.keptn-migrate-cache');
    const untracked = await cachedScan(options, cacheFile, 'config');
    expect(untracked.fromCache).toBe(true);
    expect(untracked.skipped).toEqual(cold.skipped);
  });
});
