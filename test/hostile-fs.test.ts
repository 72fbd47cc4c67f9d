// Hostile file systems, generated in temporary directories and run through the built CLI: symbolic-link loops,
// links (symbolic and hard) out of the root, unreadable files, FIFOs, and a file that changes during the run.
//
// "A file that changes during the run" is made deterministic with a Node `--import` hook in the CLI's own process
// (test/support/hostile.ts `hook`): it wraps `fs.promises.readFile` (or `rename`) and rewrites the target file at
// the exact moment the tool reads it after discovery (or replaces it after reading it), then writes a marker file so
// the test knows the hook fired. A real concurrent writer would make the same change at a random moment; the hook
// pins the moment. FIFOs are real (mkfifo), and chmod 000 is real where it has an effect (not as root).
import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployment, hook, hostileCase, onFileHookSource, keptnProject, notices, readRepo, runCli, sandbox, TEST_TIMEOUT_MS, type Sandbox } from './support/hostile.js';

const T = TEST_TIMEOUT_MS;
const MANIFEST = 'keptn/carts/manifests/carts.yaml';

/** chmod 000 stops reads only for an unprivileged user; CI runs as root (uid 0), where it does not */
const chmodBlocksReads = (() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'km-chmod-'));
  const file = path.join(dir, 'probe');
  writeFileSync(file, 'x');
  chmodSync(file, 0o000);
  let blocked = false;
  try {
    readFileSync(file);
  } catch {
    blocked = true;
  }
  rmSync(dir, { recursive: true, force: true });
  return blocked;
})();

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

function mkfifo(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo ${file}: ${r.stderr}`);
}

describe.concurrent('hostile file systems: links', () => {
  it('symbolic-link loops are skipped with a notice, never followed', { timeout: T }, async () => {
    const c = await hostileCase({
      files: { ...keptnProject(), [MANIFEST]: deployment() },
      prepare: (s) => {
        symlinkSync('loop-b.yaml', path.join(s.root, 'loop-a.yaml'));
        symlinkSync('loop-a.yaml', path.join(s.root, 'loop-b.yaml'));
        symlinkSync('.', path.join(s.root, 'self'));
        symlinkSync('..', path.join(s.root, 'keptn', 'carts', 'parent'));
      },
      write: true,
    });
    try {
      expect(notices(c.scan, 'loop-a.yaml').join('\n')).toMatch(/symbolic link loop/);
      expect(notices(c.scan, 'loop-b.yaml').join('\n')).toMatch(/symbolic link loop/);
      expect(notices(c.scan, 'self').join('\n')).toMatch(/symbolic link to a directory, not followed/);
      expect(c.scan.summary.files).toBe(4);
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status).toBe('modified');
    } finally {
      c.cleanup();
    }
  });

  it('a job config cannot carry a file from outside the root into a generated ConfigMap through a linked folder', { timeout: T }, async () => {
    const job = 'apiVersion: v2\nactions:\n  - name: "run"\n    events:\n      - name: "sh.keptn.event.test.triggered"\n    tasks:\n      - name: "t"\n        image: "alpine:3.19"\n        cmd: ["cat", "/keptn/evil/token.txt"]\n        files:\n          - /evil/token.txt\n          - /evil\n';
    const c = await hostileCase({
      files: { ...keptnProject(), 'keptn/carts/job/config.yaml': job },
      outside: { 'secret/token.txt': 'TOP SECRET\n' },
      prepare: (s) => symlinkSync(path.join(s.outside, 'secret'), path.join(s.root, 'keptn/carts/evil')),
      write: true,
    });
    try {
      const printed = c.migrateRun?.stdout ?? '';
      expect(printed).toContain('/keptn/evil/token.txt: a symbolic link, or behind one, which could lead out of the repository: not read');
      expect(printed).toContain('/keptn/evil: a symbolic link, or behind one');
      expect(printed).not.toContain('TOP SECRET');
      expect(c.migrate?.files.some((f) => f.status === 'created')).toBe(true);
    } finally {
      c.cleanup();
    }
  });

  it('links out of the root: skipped when scanning; migrate --write writes nothing outside, not through a linked --out', { timeout: T }, async () => {
    const c = await hostileCase({
      files: keptnProject(),
      // a workload manifest outside the root, linked in where migrate would edit it; a directory outside, linked in
      outside: { 'carts.yaml': deployment(), 'more/orders.yaml': deployment('orders'), 'gen/.keep': '' },
      prepare: (s) => {
        mkdirSync(path.join(s.root, 'keptn/carts/manifests'), { recursive: true });
        symlinkSync('../../../../outside/carts.yaml', path.join(s.root, MANIFEST));
        symlinkSync('../outside/more', path.join(s.root, 'external'));
        symlinkSync(path.join(s.outside, 'gen'), path.join(s.root, 'gen'));
      },
      migrateArgs: ['--out', 'gen'],
      write: true,
    });
    try {
      expect(notices(c.scan, MANIFEST).join('\n')).toMatch(/symbolic link leaves the scan root, not followed/);
      expect(c.scan.findings.some((f) => f.file.startsWith('external/'))).toBe(false);
      expect(c.migrate?.files.some((f) => f.path === MANIFEST && f.status === 'modified')).toBe(false);
      // generated files would go through the `gen` link: refused (exit 1, "not written"), never written outside
      expect(c.migrateRun?.stderr).toMatch(/not written: gen\/.*symbolic link/);
      expect(c.migrateRun?.code).toBe(1);
    } finally {
      c.cleanup();
    }
  });

  it('a hard link to a file outside the root: migrate --write replaces the link in the root, the outside file keeps its bytes', { timeout: T }, async () => {
    const c = await hostileCase({
      files: keptnProject(),
      outside: { 'carts.yaml': deployment() },
      prepare: (s) => {
        mkdirSync(path.join(s.root, 'keptn/carts/manifests'), { recursive: true });
        linkSync(path.join(s.outside, 'carts.yaml'), path.join(s.root, MANIFEST));
      },
      write: true,
    });
    try {
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status).toBe('modified');
      expect(readFileSync(path.join(c.written!.outside, 'carts.yaml'), 'utf8')).toBe(deployment());
      expect(readRepo(c.written!, MANIFEST)).toContain('app.kubernetes.io/name');
    } finally {
      c.cleanup();
    }
  });
});

describe.concurrent('hostile file systems: unreadable files and FIFOs', () => {
  it.skipIf(!chmodBlocksReads)('an unreadable file (chmod 000) is named, the rest is scanned [skipped as root: chmod 000 does not stop reads for uid 0]', { timeout: T }, async () => {
    const c = await hostileCase({
      files: { ...keptnProject(), [MANIFEST]: deployment(), 'keptn/carts/secret.yaml': 'a: 1\n' },
      prepare: (s) => chmodSync(path.join(s.root, 'keptn/carts/secret.yaml'), 0o000),
      write: true,
    });
    try {
      expect(notices(c.scan, 'keptn/carts/secret.yaml').join('\n')).toMatch(/EACCES/);
      expect(c.after?.get('repo/keptn/carts/secret.yaml')?.mode).toBe(c.before?.get('repo/keptn/carts/secret.yaml')?.mode);
    } finally {
      c.cleanup();
    }
  });

  it('a read that fails with EACCES (forced by a hook, so it runs as root too) is named, the rest is scanned and migrated', { timeout: T }, async () => {
    const h = hook(
      'eacces',
      onFileHookSource('read', `throw Object.assign(new Error("EACCES: permission denied, open '" + target + "'"), { code: 'EACCES', errno: -13, syscall: 'open', path: target });`),
    );
    const c = await hostileCase({
      files: { ...keptnProject(), [MANIFEST]: deployment(), 'keptn/carts/manifests/orders.yaml': deployment('orders') },
      nodeArgs: () => h.args,
      env: (s) => ({ KM_HOOK_TARGET: path.join(s.root, 'keptn/carts/manifests/orders.yaml'), KM_HOOK_MARKER: h.marker(s) }),
      write: true,
    });
    try {
      expect(h.fired(c.scanned) && h.fired(c.written!), 'the hook fired in both runs').toBe(true);
      expect(notices(c.scan, 'keptn/carts/manifests/orders.yaml').join('\n')).toMatch(/file-not-analysed .*cannot be read \(EACCES\)/);
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status).toBe('modified');
      expect(c.after?.get('repo/keptn/carts/manifests/orders.yaml')?.hash).toBe(c.before?.get('repo/keptn/carts/manifests/orders.yaml')?.hash);
    } finally {
      c.cleanup();
      h.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): discover() in src/core/discover.ts drops entries that are not regular files without a
  // word (`if (!entry.dirent.isFile() ...) continue`), so a FIFO, socket or device named like a YAML file is passed
  // over silently; every other file that is not analysed gets a skip notice.
  it.runIf(hasMkfifo)('a FIFO named like a YAML file inside the tree gets a skip notice', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: deployment() }, prepare: (s) => mkfifo(path.join(s.root, 'keptn/carts/pipe.yaml')), write: true });
    try {
      expect(notices(c.scan, 'keptn/carts/pipe.yaml').join('\n')).toMatch(/not a regular file|FIFO|pipe/i);
    } finally {
      c.cleanup();
    }
  });

  it.runIf(hasMkfifo)('a FIFO inside the tree never blocks scan or migrate --write', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: deployment() }, prepare: (s) => mkfifo(path.join(s.root, 'keptn/carts/pipe.yaml')), write: true });
    try {
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status).toBe('modified');
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): a path given on the command line is read whatever it is (addFile() in
  // src/core/discover.ts checks for links, not for regular files): `keptn-migrate scan pipe.yaml` on a FIFO with no
  // writer blocks forever in fs.readFile, and a character device such as /dev/zero would be read without end.
  // Expected: a skip notice ("not a regular file"), exit 0/1.
  it.runIf(hasMkfifo)('a FIFO given on the command line is skipped, not read (no hang)', { timeout: T }, async () => {
    const s: Sandbox = sandbox(keptnProject());
    try {
      mkfifo(path.join(s.root, 'pipe.yaml'));
      const run = await runCli(['scan', 'pipe.yaml', '--format', 'json'], { cwd: s.root, limitMs: 3_000 });
      expect(run.timedOut, 'scan of a FIFO hangs').toBe(false);
      expect([0, 1]).toContain(run.code);
      expect(run.stdout).toMatch(/pipe\.yaml/);
    } finally {
      s.cleanup();
    }
  });
});

describe.concurrent('hostile file systems: a file that changes during the run', () => {
  const BROKEN = 'spec_version: "1.0"\nobjectives:\n  - sli: "a"\n    pass: [\n';

  it('rewritten between discovery and read: the findings are about the bytes actually read', { timeout: T }, async () => {
    const h = hook('change-before-read', onFileHookSource('read', 'fs.writeFileSync(target, process.env.KM_HOOK_CONTENT);'));
    const c = await hostileCase({
      files: { ...keptnProject(), [MANIFEST]: deployment() },
      nodeArgs: () => h.args,
      env: (s) => ({ KM_HOOK_TARGET: path.join(s.root, 'keptn/carts/slo.yaml'), KM_HOOK_CONTENT: BROKEN, KM_HOOK_MARKER: h.marker(s) }),
      write: true,
    });
    try {
      expect(h.fired(c.scanned), 'the hook fired').toBe(true);
      // discovered as a valid SLO (12 lines), read as a broken one (4 lines): the syntax error is reported in the latter
      expect(notices(c.scan, 'keptn/carts/slo.yaml').join('\n')).toMatch(/yaml-syntax-error [45]:\d+/);
      // the broken SLO is left alone by migrate; the rest is migrated
      expect(readRepo(c.written!, 'keptn/carts/slo.yaml')).toBe(BROKEN);
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status).toBe('modified');
    } finally {
      c.cleanup();
      h.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): writeAtomic() in src/edit/atomic-write.ts renames the new content over the target
  // without checking that the target still holds what was read when the edit was planned (ChangeSet `before`). A
  // change made to the file between the read and the write (an editor saving, a `git checkout`, a second run) is
  // silently lost. Expected: compare the current bytes with `before` just before the rename and refuse ("changed
  // since it was read; not written", exit 1) when they differ.
  it('replaced between read and write: migrate --write never loses the concurrent change', { timeout: T }, async () => {
    const h = hook('change-before-write', onFileHookSource('rename', "fs.appendFileSync(target, '# changed by someone else while keptn-migrate ran\\n');"));
    const c = await hostileCase({
      files: { ...keptnProject(), [MANIFEST]: deployment() },
      nodeArgs: () => h.args,
      env: (s) => ({ KM_HOOK_TARGET: path.join(s.root, MANIFEST), KM_HOOK_MARKER: h.marker(s) }),
      write: true,
    });
    try {
      expect(h.fired(c.written!), 'the hook fired (migrate --write renames over the target)').toBe(true);
      expect(readRepo(c.written!, MANIFEST)).toContain('# changed by someone else while keptn-migrate ran');
    } finally {
      c.cleanup();
      h.cleanup();
    }
  });
});
