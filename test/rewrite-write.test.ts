// The write path of `migrate --write` (src/edit/atomic-write.ts, src/engine/apply.ts) and the CLI's output end:
// a file changed since it was read is never overwritten, a file to create that appeared meanwhile is never
// clobbered, temporaries a killed run left are removed and reported, and a reader that stops early (`| head`) is a
// normal end. The CLI cases run the built CLI (npm run build).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, promises as fsp, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangedSinceReadError, TEMPORARY_FILE, writeAtomic } from '../src/edit/atomic-write.js';
import { applyChangeSet } from '../src/engine/apply.js';
import type { ChangeSet, FileChange } from '../src/engine/migrate.js';
import { BIN } from './support/hostile.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'km-rewrite-write-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const temporaries = (dir: string) => readdirSync(dir).filter((n) => TEMPORARY_FILE.test(n));

function changeSet(root: string, files: Partial<FileChange>[]): ChangeSet {
  return {
    target: 'keptn-v2',
    outDir: 'keptn',
    root,
    files: files.map((f) => ({ path: f.path ?? '', absPath: path.join(root, f.path ?? ''), status: 'modified', after: '', transforms: ['t'], ...f })),
    losses: [],
    manualSteps: [],
    invalid: [],
    transforms: ['t'],
  };
}

describe('writeAtomic with an expected content', () => {
  it('writes when the target still holds what was read, keeping its mode', async () => {
    const d = tmp();
    const f = path.join(d, 'a.yaml');
    writeFileSync(f, 'a: 1\n', { mode: 0o600 });
    expect(await writeAtomic(f, 'a: 2\n', Buffer.from('a: 1\n'))).toBe('written');
    expect(readFileSync(f, 'utf8')).toBe('a: 2\n');
    expect((await fsp.stat(f)).mode & 0o777).toBe(0o600);
    expect(temporaries(d)).toEqual([]);
  });

  it('refuses a target that changed (or disappeared) since it was read and leaves it as it is', async () => {
    const d = tmp();
    const f = path.join(d, 'a.yaml');
    writeFileSync(f, 'a: 1\n# theirs\n');
    await expect(writeAtomic(f, 'a: 2\n', Buffer.from('a: 1\n'))).rejects.toThrow(ChangedSinceReadError);
    expect(readFileSync(f, 'utf8')).toBe('a: 1\n# theirs\n');
    rmSync(f);
    await expect(writeAtomic(f, 'a: 2\n', Buffer.from('a: 1\n'))).rejects.toThrow(/changed since it was read/);
    expect(existsSync(f)).toBe(false);
    expect(temporaries(d)).toEqual([]);
  });

  it('a change made in place while the rename runs is put back, and the write is refused', async () => {
    const d = tmp();
    const f = path.join(d, 'a.yaml');
    writeFileSync(f, 'a: 1\n');
    const rename = fsp.rename.bind(fsp);
    let fired = false;
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      if (!fired && String(to) === f) {
        fired = true;
        await fsp.appendFile(f, '# theirs\n');
      }
      return rename(from, to);
    });
    await expect(writeAtomic(f, 'a: 2\n', Buffer.from('a: 1\n'))).rejects.toThrow(ChangedSinceReadError);
    expect(fired).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('a: 1\n# theirs\n');
    expect(temporaries(d)).toEqual([]);
  });

  it('a file to create: written when absent, identical is fine, one that appeared is never overwritten', async () => {
    const d = tmp();
    const f = path.join(d, 'sub', 'new.yaml');
    expect(await writeAtomic(f, 'n: 1\n', null)).toBe('written');
    expect(readFileSync(f, 'utf8')).toBe('n: 1\n');
    expect(await writeAtomic(f, 'n: 1\n', null)).toBe('identical');
    await expect(writeAtomic(f, 'n: 2\n', null)).rejects.toThrow(/created by someone else/);
    expect(readFileSync(f, 'utf8')).toBe('n: 1\n');
    expect(temporaries(path.dirname(f))).toEqual([]);
  });

  it('without an expected content it overwrites, as before (the scan cache)', async () => {
    const d = tmp();
    const f = path.join(d, 'c.json');
    writeFileSync(f, '{}');
    expect(await writeAtomic(f, '{"a":1}')).toBe('written');
    expect(readFileSync(f, 'utf8')).toBe('{"a":1}');
  });
});

describe('applyChangeSet', () => {
  it('refuses a modified file that changed and a created file that appeared; writes the rest', async () => {
    const root = tmp();
    writeFileSync(path.join(root, 'changed.yaml'), 'a: 1\n# theirs\n');
    writeFileSync(path.join(root, 'same.yaml'), '\ufeffb: 1\n');
    writeFileSync(path.join(root, 'appeared.yaml'), 'theirs: 1\n');
    const report = await applyChangeSet(
      changeSet(root, [
        { path: 'changed.yaml', before: 'a: 1\n', after: 'a: 1\nx: 1\n' },
        { path: 'same.yaml', before: '\ufeffb: 1\n', after: '\ufeffb: 1\nx: 1\n' },
        { path: 'appeared.yaml', status: 'created', after: 'ours: 1\n' },
        { path: 'keptn/app/new.yaml', status: 'created', after: 'ours: 1\n' },
      ]),
    );
    expect(report.written.sort()).toEqual(['keptn/app/new.yaml', 'same.yaml']);
    expect(report.refused.map((r) => r.path).sort()).toEqual(['appeared.yaml', 'changed.yaml']);
    expect(report.refused.find((r) => r.path === 'changed.yaml')?.reason).toMatch(/changed since it was read.*run again/);
    expect(readFileSync(path.join(root, 'changed.yaml'), 'utf8')).toBe('a: 1\n# theirs\n');
    expect(readFileSync(path.join(root, 'appeared.yaml'), 'utf8')).toBe('theirs: 1\n');
    expect(readFileSync(path.join(root, 'same.yaml'), 'utf8')).toBe('\ufeffb: 1\nx: 1\n');
  });

  it('removes the temporaries a killed write left in the folders it writes to, only those, and reports each', async () => {
    const root = tmp();
    mkdirSync(path.join(root, 'm'));
    mkdirSync(path.join(root, 'elsewhere'));
    writeFileSync(path.join(root, 'm', 'a.yaml'), 'a: 1\n');
    const stale = ['.a.yaml.keptn-migrate-0123456789ab.tmp', '.gone.yaml.keptn-migrate-abcdefabcdef.tmp'];
    for (const n of stale) writeFileSync(path.join(root, 'm', n), 'half');
    // not ours: other names, a folder and a link with our name, a temporary in a folder nothing is written to
    const kept = ['.a.yaml.keptn-migrate-0123.tmp', 'a.yaml.keptn-migrate-0123456789ab.tmp', '.a.yaml.keptn-migrate-0123456789AB.tmp', '.a.yaml.keptn-migrate-0123456789ab.tmp.bak'];
    for (const n of kept) writeFileSync(path.join(root, 'm', n), 'x');
    mkdirSync(path.join(root, 'm', '.d.keptn-migrate-111111111111.tmp'));
    symlinkSync('a.yaml', path.join(root, 'm', '.l.keptn-migrate-222222222222.tmp'));
    writeFileSync(path.join(root, 'elsewhere', '.e.keptn-migrate-333333333333.tmp'), 'x');
    const report = await applyChangeSet(changeSet(root, [{ path: 'm/a.yaml', before: 'a: 1\n', after: 'a: 2\n' }]));
    expect(report.written).toEqual(['m/a.yaml']);
    expect(report.removed.map((r) => r.path)).toEqual(stale.map((n) => `m/${n}`).sort());
    expect(report.removed[0]?.reason).toMatch(/interrupted/);
    const left = readdirSync(path.join(root, 'm')).sort();
    expect(left).toEqual(['a.yaml', ...kept, '.d.keptn-migrate-111111111111.tmp', '.l.keptn-migrate-222222222222.tmp'].sort());
    expect(existsSync(path.join(root, 'elsewhere', '.e.keptn-migrate-333333333333.tmp'))).toBe(true);
  });
});

describe('CLI output', () => {
  function run(cwd: string, closeStdout: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'migrate', '.'], { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      // like `| head -c 0`: the reader is gone before the first write, so every write meets a closed pipe
      if (closeStdout) child.stdout.destroy();
      else child.stdout.resume();
      const limit = setTimeout(() => child.kill('SIGKILL'), 50_000);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(limit);
        resolve({ code, signal, stderr });
      });
    });
  }

  it('a reader that stops early (`| head`) ends the run quietly with the exit code it computed, no EPIPE stack', { timeout: 60_000 }, async () => {
    const root = tmp();
    cpSync(path.join(import.meta.dirname, '..', 'fixtures', 'migrate', 'tasks-jes-v2', 'input'), root, { recursive: true });
    const [closed, full] = await Promise.all([run(root, true), run(root, false)]);
    expect(closed.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(closed.signal).toBeNull();
    expect(closed.code).toBe(full.code);
    expect([0, 1]).toContain(closed.code);
  });
});
