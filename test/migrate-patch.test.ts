import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { FIXTURES } from './support/fixture-harness.js';
import { copyToTemp, readTree } from './support/tree.js';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });
}

describe('migrate --patch', () => {
  it('writes a patch that git apply accepts and that gives the same tree as --write (CRLF, BOM, Helm and Kustomize included)', async () => {
    const input = path.join(FIXTURES, 'migrate', 'workloads-keptn-v2', 'input');
    const viaPatch = copyToTemp(input);
    const viaWrite = copyToTemp(input);
    git(viaPatch, 'init', '-q');
    const patch = path.join(viaPatch, '..', 'changes.patch');
    const dry = await cli(['migrate', '--patch', patch], { cwd: viaPatch });
    expect(dry.code).toBe(0);
    expect(readFileSync(patch, 'utf8')).toContain('diff --git a/manifests/carts.yaml b/manifests/carts.yaml');
    git(viaPatch, 'apply', '--check', patch);
    git(viaPatch, 'apply', patch);
    expect((await cli(['migrate', '--write'], { cwd: viaWrite })).code).toBe(0);
    const patched = readTree(viaPatch);
    patched.delete('.git');
    for (const key of [...patched.keys()]) if (key.startsWith('.git/')) patched.delete(key);
    expect(patched).toEqual(readTree(viaWrite));
  });
});
