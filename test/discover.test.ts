import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/core/discover.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'km-discover-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

describe('discover', () => {
  it('lists candidate files sorted, honours .gitignore, skips node_modules and .git', async () => {
    const root = tree({
      'b/slo.yaml': 'x: 1',
      'a/shipyard.yaml': 'x: 1',
      'README.md': '# no',
      'Jenkinsfile': 'keptn',
      'node_modules/pkg/x.yaml': 'x: 1',
      '.git/config.yaml': 'x: 1',
      'gen/out.yaml': 'x: 1',
      '.gitignore': 'gen/\n',
    });
    const d = await discover(root);
    expect(d.files.map((f) => f.relPath)).toEqual(['Jenkinsfile', 'a/shipyard.yaml', 'b/slo.yaml']);
  });

  it('applies nested .gitignore files with git precedence: deeper rules win, ignored directories hide their files', async () => {
    const root = tree({
      '.gitignore': 'build/\n*.tmp.yaml\n',
      'a.tmp.yaml': '',
      'build/out.yaml': '',
      'svc/.gitignore': '!keep.tmp.yaml\nlocal/\n',
      'svc/keep.tmp.yaml': '',
      'svc/drop.tmp.yaml': '',
      'svc/local/x.yaml': '',
      'svc/deploy.yaml': '',
    });
    expect((await discover(root)).files.map((f) => f.relPath)).toEqual(['svc/deploy.yaml', 'svc/keep.tmp.yaml']);
  });

  it('never enters a directory .gitignore excludes: nothing inside it is read or reported, as git never re-includes it', async () => {
    const root = tree({
      '.gitignore': 'vendor/\n',
      'vendor/.gitignore': '!*.yaml\n',
      'vendor/lib/chart.yaml': 'x: 1',
      'app.yaml': 'x: 1',
    });
    symlinkSync('..', path.join(root, 'vendor', 'loop'));
    const d = await discover(root);
    expect(d.files.map((f) => f.relPath)).toEqual(['app.yaml']);
    expect(d.skipped).toEqual([]);
  });

  it('applies --include and --exclude', async () => {
    const root = tree({ 'a.yaml': '', 'b.yml': '', 'c/d.yaml': '', 'notes.txt': '' });
    expect((await discover(root, { exclude: ['c/**'] })).files.map((f) => f.relPath)).toEqual(['a.yaml', 'b.yml']);
    expect((await discover(root, { include: ['**/*.txt'] })).files.map((f) => f.relPath)).toEqual(['notes.txt']);
  });

  it('never follows links: loops, links out of the root and dangling links are skip notices', async () => {
    const outside = tree({ 'secret.yaml': 'x: 1' });
    const root = tree({ 'real.yaml': 'x: 1', 'sub/keep.yaml': 'y: 1' });
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'out.yaml'));
    symlinkSync('..', path.join(root, 'sub', 'loop'));
    symlinkSync('nowhere.yaml', path.join(root, 'dangling.yaml'));
    symlinkSync('real.yaml', path.join(root, 'alias.yaml'));
    const d = await discover(root);
    expect(d.files.map((f) => f.relPath)).toEqual(['real.yaml', 'sub/keep.yaml']);
    expect(d.skipped).toEqual([
      { file: 'dangling.yaml', reason: 'broken symbolic link, not followed' },
      { file: 'out.yaml', reason: 'symbolic link leaves the scan root, not followed' },
      { file: 'sub/loop', reason: 'symbolic link to a directory, not followed (its target is scanned in place)' },
    ]);
  });

  it('puts files over the size limit aside', async () => {
    const root = tree({ 'big.yaml': 'x'.repeat(2000), 'small.yaml': 'x: 1' });
    const d = await discover(root, { maxFileSize: 1000 });
    expect(d.files.map((f) => f.relPath)).toEqual(['small.yaml']);
    expect(d.oversized.map((f) => f.relPath)).toEqual(['big.yaml']);
  });

  it('names a file whose name is not valid UTF-8 as such, and reads the others', async () => {
    const root = tree({ 'ok.yaml': 'x: 1' });
    // Linux file names are bytes: 0xff 0xfe is no UTF-8, and Node lists it with U+FFFD
    writeFileSync(Buffer.concat([Buffer.from(`${root}/bad`), Buffer.from([0xff, 0xfe]), Buffer.from('.yaml')]), 'x: 1');
    const d = await discover(root);
    expect(d.files.map((f) => f.relPath)).toEqual(['ok.yaml']);
    expect(d.skipped).toEqual([{ file: 'bad\uFFFD\uFFFD.yaml', reason: 'its name is not valid UTF-8, not read' }]);
  });

  it('accepts a single file', async () => {
    const root = tree({ 'k/shipyard.yaml': 'x: 1' });
    const d = await discover(path.join(root, 'k', 'shipyard.yaml'));
    expect(d.root).toBe(path.join(root, 'k'));
    expect(d.files.map((f) => f.relPath)).toEqual(['shipyard.yaml']);
  });

  it('honours .gitignore inside a git repository too', async () => {
    const root = tree({ 'keep.yaml': '', 'ignored/x.yaml': '', '.gitignore': 'ignored/\n' });
    execFileSync('git', ['init', '-q', root]);
    expect((await discover(root)).files.map((f) => f.relPath)).toEqual(['keep.yaml']);
  });
});
