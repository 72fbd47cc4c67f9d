import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsHash, readMarker, renderMarker } from '../src/pr/body.js';
import { VERSION } from '../src/version.js';
import { cli } from './support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const ENV = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', PATH: process.env.PATH, HOME: process.env.HOME };

function repo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'km-pr-'));
  cpSync(path.join(ROOT, 'fixtures/report/input'), dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Keptn v1 project');
  return dir;
}
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();

describe('migrate --write --branch --commit --pr-body', () => {
  it('creates the branch, commits exactly the rewrite with a conventional message and writes the PR body', async () => {
    const cwd = repo();
    const body = path.join(tmpdir(), `km-pr-body-${process.pid}.md`);
    const r = await cli(['migrate', '--write', '--branch', 'keptn-migrate/klt', '--commit', '--pr-body', body], { cwd, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(git(cwd, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('keptn-migrate/klt');
    expect(git(cwd, 'status', '--porcelain')).toBe('');
    expect(git(cwd, 'rev-list', '--count', 'main..HEAD')).toBe('1');
    const subject = git(cwd, 'log', '-1', '--format=%s');
    expect(subject).toBe('chore(keptn-migrate): migrate podtato-head, sockshop to Keptn (keptn-v2)');
    expect(subject.length).toBeLessThanOrEqual(72);
    expect(subject).toMatch(/^(feat|fix|chore|refactor|docs|build|ci)(\([\w-]+\))?!?: \S/);
    const changed = git(cwd, 'show', '--name-status', '--format=', 'HEAD').split('\n');
    expect(changed).toContain('A\tkeptn/sockshop/kustomization.yaml');
    expect(changed).toContain('M\tmanifests/sockshop/carts.yaml');
    expect(git(cwd, 'log', '-1', '--format=%b')).toMatch(/keptn-migrate-options: [0-9a-f]{16}/);

    const text = readFileSync(body, 'utf8');
    expect(text).toContain('### sockshop (Keptn v1 project sockshop)');
    expect(text).toContain('**What changed and why**');
    expect(text).toMatch(/Blockers left for people \(\d+\)/);
    expect(text).toMatch(/Quality-gate fidelity: \d+ of \d+ exact/);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(65_536);
    const marker = readMarker(text);
    expect(marker?.version).toBe(VERSION);
    expect(marker?.optionsHash).toMatch(/^[0-9a-f]{16}$/);
    expect(git(cwd, 'log', '-1', '--format=%b')).toContain(marker?.optionsHash);

    // a later run on the same branch with the same options: same marker, nothing new to commit
    const again = await cli(['migrate', '--write', '--branch', 'keptn-migrate/klt', '--commit', '--pr-body', body], { cwd, env: ENV });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('nothing to commit');
    expect(readMarker(readFileSync(body, 'utf8'))).toEqual(marker);
    expect(git(cwd, 'rev-list', '--count', 'main..HEAD')).toBe('1');
    // other options: another hash
    await cli(['migrate', '--pr-body', body, '--keys', 'keptn'], { cwd, env: ENV });
    expect(readMarker(readFileSync(body, 'utf8'))?.optionsHash).not.toBe(marker?.optionsHash);
  }, 120_000);

  it('refuses a dirty working tree unless --allow-dirty, and checks its flags', async () => {
    const cwd = repo();
    writeFileSync(path.join(cwd, 'notes.txt'), 'work in progress\n');
    const dirty = await cli(['migrate', '--write', '--branch', 'km', '--commit'], { cwd, env: ENV });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('the working tree has uncommitted changes');
    expect(dirty.stderr).toContain('?? notes.txt');
    expect(git(cwd, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(git(cwd, 'status', '--porcelain')).toBe('?? notes.txt');

    const allowed = await cli(['migrate', '--write', '--branch', 'km', '--commit', '--allow-dirty'], { cwd, env: ENV });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(git(cwd, 'show', '--name-only', '--format=', 'HEAD')).not.toContain('notes.txt');
    expect(git(cwd, 'status', '--porcelain')).toBe('?? notes.txt');

    expect((await cli(['migrate', '--branch', 'x'], { cwd, env: ENV })).stderr).toContain('--branch needs --write');
    expect((await cli(['migrate', '--write', '--commit'], { cwd, env: ENV })).stderr).toContain('--commit needs --branch');
    expect((await cli(['migrate', '--write', '--branch', 'bad..name', '--allow-dirty'], { cwd, env: ENV })).stderr).toContain('not a valid git branch name');
    git(cwd, 'checkout', '-q', 'main');
    const exists = await cli(['migrate', '--write', '--branch', 'km', '--allow-dirty'], { cwd, env: ENV });
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain('branch "km" exists');
    const outside = mkdtempSync(path.join(tmpdir(), 'km-nogit-'));
    writeFileSync(path.join(outside, 'a.yaml'), 'x: 1\n');
    expect((await cli(['migrate', '--write', '--branch', 'x'], { cwd: outside, env: ENV })).stderr).toContain('not inside a git work tree');
  }, 120_000);

  it('the marker round-trips and the options hash ignores list order', () => {
    const m = { version: '1.2.3', optionsHash: 'abcdef0123456789' };
    expect(renderMarker(m)).toMatch(/^<!--keptn-migrate:[A-Za-z0-9+/=]+-->$/);
    expect(readMarker(`text\n${renderMarker(m)}\n`)).toEqual(m);
    expect(JSON.parse(Buffer.from(/:(\S+)-->/.exec(renderMarker(m))![1]!, 'base64').toString())).toEqual(m);
    expect(readMarker('no marker')).toBeUndefined();
    const base = { paths: ['.'], target: 'keptn-v2', out: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false };
    expect(optionsHash({ ...base, only: ['a', 'b'] })).toBe(optionsHash({ ...base, only: ['b', 'a'] }));
    expect(optionsHash({ ...base, target: 'klt-0.9' })).not.toBe(optionsHash(base));
  });
});
