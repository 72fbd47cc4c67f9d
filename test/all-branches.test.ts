import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/engine/scan.js';

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });
}

function write(root: string, rel: string, content: string) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
}

/** The Keptn v1 upstream layout: project files on main, one branch per stage with a folder per service. */
function upstreamRepo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'km-branches-'));
  git(root, 'init', '-q', '-b', 'main');
  const shipyard = 'apiVersion: spec.keptn.sh/0.2.2\nkind: Shipyard\nmetadata:\n  name: shop\nspec:\n  stages:\n    - name: dev\n    - name: production\n';
  write(root, 'shipyard.yaml', shipyard);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'project');
  git(root, 'checkout', '-qb', 'dev');
  write(root, 'carts/slo.yaml', 'objectives:\n  - sli: a\n    sli: b\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'dev stage');
  git(root, 'checkout', '-q', 'main');
  git(root, 'branch', '-q', 'production', 'dev');
  return root;
}

describe('--all-branches', () => {
  it('reads every other branch from git objects and reports branch:path, without a checkout', async () => {
    const root = upstreamRepo();
    const plain = await scan({ paths: ['.'], cwd: root });
    expect(plain.findings.filter((f) => f.location.file.includes('slo.yaml'))).toEqual([]);

    const result = await scan({ paths: ['.'], cwd: root, allBranches: true });
    expect(result.stats.branches).toEqual(['dev']);
    const duplicates = result.findings.filter((f) => f.ruleId === 'yaml-duplicate-key');
    expect(duplicates.map((f) => `${f.location.file}:${f.location.start.line}`)).toEqual(['dev:carts/slo.yaml:3']);
    const slo = result.project.slos[0]!;
    expect(slo.scope).toEqual({ project: '', stage: 'dev', service: 'carts' });
    expect(git(root, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('says so when the path is not a git work tree', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'km-nogit-'));
    write(root, 'a.yaml', 'x: 1\n');
    const result = await scan({ paths: ['.'], cwd: root, allBranches: true });
    expect(result.skipped.map((s) => s.reason)).toEqual(['--all-branches: not a git work tree, only the files on disk were scanned']);
  });
});
