import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
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
});
