// Atomicity of `migrate --write`: the CLI runs as a child process on a generated repository (bench/generate.js) and
// is killed with SIGKILL part-way; every file must then be exactly its old content or exactly its new content (the
// dry run's ChangeSet), never truncated or mixed, and nothing but the writer's temporary files may appear.
//
// Two ways to pick the moment, both from seeded RNGs so every run of the suite kills at the same points:
//  - from outside, a seeded delay after the child's first write-phase operation (seen in the hook's log), drawn over
//    the length of an uninterrupted write phase: where a real Ctrl-C or OOM kill would land;
//  - the k-th file-system operation of the write phase (open, write, sync, close, chmod, rename), counted by a
//    Node `--import` hook in the CLI process, which kills its own process right there, and for a write, after only
//    half of the bytes reached the temporary file. This reaches every step, however fast the writer becomes.
// After a kill, a second uninterrupted `migrate --write` must converge to the same tree as an uninterrupted run.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, rng } from '../bench/generate.js';
import { BIN, hook, migrateJson, runCli, type ChangeSetJson, type Run } from './support/hostile.js';

const TMP_FILE = /(^|\/)\.[^/]+\.keptn-migrate-[0-9a-f]+\.tmp$/;

/** every regular file under dir: relative POSIX path → content */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.set(r, readFileSync(path.join(dir, r)));
    }
  };
  walk('');
  return out;
}

// A hook that logs every write-phase file operation under KM_HOOK_ROOT (op, time since process start) and, when the
// operation count reaches KM_KILL_AT, kills its own process with SIGKILL (for a write: after half of the bytes).
const KILL_HOOK = `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const root = process.env.KM_HOOK_ROOT;
const log = process.env.KM_HOOK_LOG;
const killAt = Number(process.env.KM_KILL_AT ?? 'Infinity');
let count = 0;
const inside = (p) => typeof p === 'string' && p.startsWith(root + '/');
function step(op, p) {
  count++;
  fs.appendFileSync(log, op + ' ' + Math.round(performance.now()) + ' ' + String(p).slice(root.length + 1) + '\\n');
  return count === killAt;
}
const die = () => { process.kill(process.pid, 'SIGKILL'); };
const P = fs.promises;
const wrapHandle = (h, p) => {
  const writeFile = h.writeFile.bind(h);
  const write = h.write.bind(h);
  const sync = h.sync.bind(h);
  h.writeFile = async (data, ...rest) => {
    if (step('write', p)) {
      const buf = Buffer.from(data);
      await write(buf.subarray(0, Math.floor(buf.length / 2)));
      await sync();
      die();
    }
    return writeFile(data, ...rest);
  };
  for (const name of ['sync', 'close']) {
    const f = h[name].bind(h);
    h[name] = async (...args) => { if (step(name, p)) die(); return f(...args); };
  }
  return h;
};
const open = P.open;
P.open = async function (p, ...rest) {
  if (inside(String(p)) && step('open', p)) die();
  const h = await open.call(this, p, ...rest);
  return inside(String(p)) ? wrapHandle(h, p) : h;
};
for (const name of ['rename', 'chmod', 'writeFile', 'copyFile']) {
  const f = P[name];
  P[name] = async function (...args) {
    const p = String(name === 'rename' || name === 'copyFile' ? args[1] : args[0]);
    if (inside(p) && step(name, p)) die();
    return f.apply(this, args);
  };
  const s = fs[name + 'Sync'];
  fs[name + 'Sync'] = function (...args) {
    const p = String(name === 'rename' || name === 'copyFile' ? args[1] : args[0]);
    if (inside(p) && step(name + 'Sync', p)) die();
    return s.apply(this, args);
  };
}
syncBuiltinESMExports();
`;

interface Fixture {
  pristine: string;
  old: Map<string, Buffer>;
  expected: Map<string, Buffer>;
  changes: ChangeSetJson;
  /** write-phase operations of an uninterrupted run, and their window in ms after the process started */
  ops: number;
  log: string[];
  window: [number, number];
}

const work = mkdtempSync(path.join(tmpdir(), 'km-atomic-'));
const killHook = hook('kill-at', KILL_HOOK);
let fx: Fixture;

function copy(name: string): string {
  const dir = path.join(work, name);
  cpSync(fx.pristine, dir, { recursive: true });
  return dir;
}

/**
 * runs `migrate --write` with the hook; `kill` = { atOp } (the hook kills at that operation) or { afterWriteMs } (the
 * test kills the child that many ms after it saw the first write-phase operation in the hook's log)
 */
function killedRun(dir: string, kill: { atOp?: number; afterWriteMs?: number }, logName: string): Promise<Run & { log: string[] }> {
  const log = path.join(work, `${logName}.log`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...killHook.args, BIN, 'migrate', '.', '--write', '--format', 'json'], {
      cwd: dir,
      env: { PATH: process.env.PATH, NO_COLOR: '1', KM_HOOK_ROOT: realpathSync(dir), KM_HOOK_LOG: log, KM_HOOK_MARKER: path.join(work, 'unused'), KM_KILL_AT: String(kill.atOp ?? 'Infinity') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let timer: NodeJS.Timeout | undefined;
    const poll =
      kill.afterWriteMs === undefined
        ? undefined
        : setInterval(() => {
            if (timer === undefined && existsSync(log)) {
              timer = setTimeout(() => child.kill('SIGKILL'), kill.afterWriteMs);
              clearInterval(poll);
            }
          }, 1);
    const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      clearTimeout(limit);
      let lines: string[] = [];
      try {
        lines = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
      } catch {
        /* killed before the first write */
      }
      resolve({ code, signal, stdout: '', stderr, timedOut: false, ms: performance.now() - t0, log: lines });
    });
  });
}

/** every file is exactly old or exactly new; only the writer's temporary files are extra; returns those */
function expectOldOrNew(dir: string, what: string): { tmp: string[]; updated: number; untouched: number } {
  const now = tree(dir);
  const tmp: string[] = [];
  let updated = 0;
  let untouched = 0;
  for (const [rel, content] of now) {
    if (TMP_FILE.test(rel)) {
      tmp.push(rel);
      continue;
    }
    const old = fx.old.get(rel);
    const neu = fx.expected.get(rel);
    expect(old !== undefined || neu !== undefined, `${what}: unexpected file ${rel}`).toBe(true);
    const isOld = old !== undefined && content.equals(old);
    const isNew = neu !== undefined && content.equals(neu);
    expect(isOld || isNew, `${what}: ${rel} is neither the old nor the new content (${content.length} bytes; old ${old?.length}, new ${neu?.length})`).toBe(true);
    if (isNew && !isOld) updated++;
    else untouched++;
  }
  for (const rel of fx.old.keys()) expect(now.has(rel), `${what}: ${rel} disappeared`).toBe(true);
  return { tmp, updated, untouched };
}

beforeAll(async () => {
  const pristine = path.join(work, 'pristine');
  generate(pristine, 0.04, { seed: 11 });
  // webhooks become Deno tasks that ts-morph type-checks (about a second per run): the writer is the same without them
  for (const team of readdirSync(path.join(pristine, 'teams'))) rmSync(path.join(pristine, 'teams', team, 'webhook'), { recursive: true, force: true });
  const old = tree(pristine);
  // the expected new content, from a dry run
  const dry = await migrateJson(pristine);
  expect(dry.json.invalid).toEqual([]);
  const expected = new Map(old);
  for (const f of dry.json.files) if ((f.status === 'modified' || f.status === 'created') && f.content !== undefined) expected.set(f.path, Buffer.from(f.content));
  fx = { pristine, old, expected, changes: dry.json, ops: 0, log: [], window: [0, 0] };
  // an uninterrupted run: its final tree is the expected one, its log gives the write-phase operations and window
  const dir = copy('uninterrupted');
  const run = await killedRun(dir, {}, 'uninterrupted');
  expect(run.code, run.stderr).toBe(0);
  const final = tree(dir);
  expect([...final.keys()].filter((k) => TMP_FILE.test(k)), 'no temporary file after a complete run').toEqual([]);
  expect([...final.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [rel, content] of expected) expect(final.get(rel)?.equals(content), `${rel} after an uninterrupted run`).toBe(true);
  const times = run.log.map((l) => Number(l.split(' ')[1]));
  fx.ops = run.log.length;
  fx.log = run.log;
  fx.window = [Math.min(...times), Math.max(...times)];
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  killHook.cleanup();
});

const report: string[] = [];
afterAll(() => {
  if (report.length) console.info(`atomicity (${fx.ops} write-phase operations; a later run removes the temporary files a kill leaves):\n  ${report.join('\n  ')}`);
});

describe('migrate --write killed with SIGKILL', () => {
  it('the generated repository gives the writer real work', () => {
    const modified = fx.changes.files.filter((f) => f.status === 'modified').length;
    const created = fx.changes.files.filter((f) => f.status === 'created').length;
    expect(modified).toBeGreaterThanOrEqual(2);
    expect(created).toBeGreaterThanOrEqual(5);
    expect(fx.ops).toBeGreaterThanOrEqual((modified + created) * 2);
  });

  it('at chosen and seeded file-system operations of the write phase (the hook kills; a write is cut in half): every file old or new, and a rerun converges', { timeout: 120_000 }, async () => {
    const r = rng(20_260_707);
    const modified = new Set(fx.changes.files.filter((f) => f.status === 'modified').map((f) => f.path));
    const fileOf = (rel: string) => rel.replace(/(^|\/)\.([^/]+)\.keptn-migrate-[0-9a-f]+\.tmp$/, '$1$2');
    const opOf = (op: string) => fx.log.findIndex((l) => l.split(' ')[0] === op && modified.has(fileOf(l.split(' ').slice(2).join(' ')))) + 1;
    // half of the bytes of a modified file's temporary copy; the rename over a modified file; one seeded operation
    const points = [...new Set([opOf('write'), opOf('rename'), r.int(1, fx.ops)].filter((k) => k >= 1))].sort((a, b) => a - b);
    const runs = await Promise.all(
      points.map(async (k) => {
        const dir = copy(`op-${k}`);
        return { k, dir, run: await killedRun(dir, { atOp: k }, `op-${k}`) };
      }),
    );
    for (const { k, dir, run } of runs) {
      expect(run.signal, `killed at operation ${k}`).toBe('SIGKILL');
      expect(run.log.length, `the hook counted to ${k}`).toBe(k);
      const state = expectOldOrNew(dir, `killed at operation ${k} (${run.log[k - 1]})`);
      report.push(`killed at operation ${k}/${fx.ops} (${run.log[k - 1]}): ${state.updated} files new, ${state.untouched} old${state.tmp.length ? `, left ${state.tmp.join(', ')}` : ''}`);
    }
    // a second, uninterrupted run converges to the tree of an uninterrupted run
    const half = runs.find((x) => x.k === opOf('write')) ?? runs[0];
    if (half) {
      const rerun = await runCli(['migrate', '.', '--write', '--format', 'json'], { cwd: half.dir, limitMs: 60_000 });
      expect(rerun.code, `rerun after a kill at operation ${half.k}: ${rerun.stderr}`).toBe(0);
      const final = tree(half.dir);
      for (const [rel, content] of fx.expected) expect(final.get(rel)?.equals(content), `${rel} after a rerun (killed at ${half.k})`).toBe(true);
      for (const rel of final.keys()) expect(fx.expected.has(rel) || TMP_FILE.test(rel), `unexpected ${rel} after a rerun`).toBe(true);
      // the rerun removes the temporary files the kill left (src/engine/apply.ts) and names them in its write report
      expect([...final.keys()].filter((k) => TMP_FILE.test(k)), `temporary files after a rerun (killed at ${half.k})`).toEqual([]);
    }
  });

  it('at seeded moments of the write phase (the test kills from outside, SIGKILL): every file old or new', { timeout: 120_000 }, async () => {
    const r = rng(20_260_708);
    const [w0, w1] = fx.window;
    // a delay after the child's first write-phase operation, drawn over the length of an uninterrupted write phase
    const delays = Array.from({ length: 2 }, () => Math.round(r.next() * (w1 - w0 + 5)));
    const runs = await Promise.all(
      delays.map(async (d, i) => {
        const dir = copy(`delay-${i}`);
        return { d, dir, run: await killedRun(dir, { afterWriteMs: d }, `delay-${i}`) };
      }),
    );
    for (const { d, dir, run } of runs) {
      const state = expectOldOrNew(dir, `killed ${d} ms into the write phase`);
      expect(run.signal === 'SIGKILL' || run.code === 0, `killed ${d} ms into the write phase, or finished: ${run.code} ${run.signal}`).toBe(true);
      report.push(`killed ${d} ms into the write phase (${w1 - w0} ms uninterrupted), after ${run.log.length} operations: ${run.signal ?? `exit ${run.code}`}, ${state.updated} files new, ${state.untouched} old${state.tmp.length ? `, left ${state.tmp.join(', ')}` : ''}`);
    }
  });

  it('statSync sanity: the pristine copy was never written', () => {
    for (const rel of fx.old.keys()) expect(readFileSync(path.join(fx.pristine, rel)).equals(fx.old.get(rel) as Buffer)).toBe(true);
    expect(statSync(fx.pristine).isDirectory()).toBe(true);
  });
});
