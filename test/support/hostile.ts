// Helpers for the hostile-input, atomicity and property suites: generated repositories in temporary directories,
// the built CLI run as a child process with a hard time limit, snapshots to prove what was (not) written, and the
// mutations and in-process check of the property suites.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { isMap, isNode, isPair, isScalar, isSeq, Pair, parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTiny } from '../../bench/generate.js';
import { migrate } from '../../src/engine/migrate.js';
import { scan } from '../../src/engine/scan.js';
import { TARGETS } from '../../src/klt/targets.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'keptn-migrate.js');

/** A hostile case must finish within this, or it counts as a hang (normal runs take ~1 s on an idle 2-core box). */
export const CASE_LIMIT_MS = Number(process.env.KM_HOSTILE_LIMIT_MS ?? 20_000);
/** vitest's own timeout per case: the child limit plus room for generating the input and checking the output */
export const TEST_TIMEOUT_MS = CASE_LIMIT_MS * 2 + 10_000;

export type Tree = Record<string, string | Uint8Array>;

export interface Sandbox {
  /** the parent directory: holds `repo` (the scan root) and `outside` (files a run must never write) */
  base: string;
  root: string;
  outside: string;
  cleanup(): void;
}

/** Writes `files` under a fresh `<tmp>/km-hostile-*\/repo`, `outside` files next to it. */
export function sandbox(files: Tree, outside: Tree = {}): Sandbox {
  const base = mkdtempSync(path.join(tmpdir(), 'km-hostile-'));
  const root = path.join(base, 'repo');
  const out = path.join(base, 'outside');
  mkdirSync(root);
  mkdirSync(out);
  writeTree(root, files);
  writeTree(out, outside);
  return { base, root, outside: out, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function writeTree(dir: string, files: Tree): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Runs `node [nodeArgs] bin/keptn-migrate.js args` in `cwd`; killed (SIGKILL, whole group) after `limitMs`. */
export function runCli(args: string[], options: { cwd: string; limitMs?: number; nodeArgs?: string[]; env?: NodeJS.ProcessEnv; stdin?: string }): Promise<Run> {
  const limit = options.limitMs ?? CASE_LIMIT_MS;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...options.env };
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { cwd: options.cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        /* gone already */
      }
    }, limit);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, ms: performance.now() - t0 });
    });
  });
}

/** exit 0 or 1, never 2, never a signal, never a hang; the message says which */
export function expectSane(run: Run, what: string): void {
  const detail = `${what}: exit ${run.code}, signal ${run.signal}, ${Math.round(run.ms)} ms${run.timedOut ? ' (TIMED OUT: killed)' : ''}\n${run.stderr.slice(0, 2000)}`;
  expect(run.timedOut, detail).toBe(false);
  expect(run.signal, detail).toBeNull();
  expect([0, 1], detail).toContain(run.code);
}

export interface ScanJson {
  summary: { files: number; documents: number; findings: number };
  findings: { ruleId: string; severity: string; message: string; file: string; line: number; column: number }[];
  skipped: { file: string; reason: string }[];
  errors: unknown[];
}

export async function scanJson(cwd: string, extra: string[] = [], options: { limitMs?: number; nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<{ run: Run; json: ScanJson }> {
  const run = await runCli(['scan', '.', '--format', 'json', ...extra], { cwd, ...options });
  expectSane(run, `scan ${extra.join(' ')}`);
  let json: ScanJson;
  try {
    json = JSON.parse(run.stdout) as ScanJson;
  } catch {
    throw new Error(`scan did not print JSON:\n${run.stdout.slice(0, 500)}\n${run.stderr.slice(0, 500)}`);
  }
  expect(json.errors, 'no rule crashed').toEqual([]);
  return { run, json };
}

/** every finding and skip notice that names `file` */
export function notices(json: ScanJson, file: string): string[] {
  return [
    ...json.findings.filter((f) => f.file === file).map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`),
    ...json.skipped.filter((s) => s.file === file).map((s) => `skipped: ${s.reason}`),
  ];
}

export interface ChangeSetJson {
  files: { path: string; status: string; reason?: string; content?: string }[];
  invalid: unknown[];
  manualSteps: { message: string; at: { file: string } }[];
}

export async function migrateJson(cwd: string, extra: string[] = [], options: { limitMs?: number; nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<{ run: Run; json: ChangeSetJson }> {
  const run = await runCli(['migrate', '.', '--format', 'json', ...extra], { cwd, ...options });
  expectSane(run, `migrate ${extra.join(' ')}`);
  let json: ChangeSetJson;
  try {
    json = JSON.parse(run.stdout) as ChangeSetJson;
  } catch {
    throw new Error(`migrate did not print JSON:\n${run.stdout.slice(0, 500)}\n${run.stderr.slice(0, 500)}`);
  }
  return { run, json };
}

export interface Entry {
  type: 'file' | 'dir' | 'link' | 'other';
  hash?: string;
  link?: string;
  mtimeMs: number;
  mode: number;
}

/** Every entry under `dir` (links not followed): type, content hash, link target, mtime and mode. */
export function snapshot(dir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, rel));
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const abs = path.join(dir, r);
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) out.set(r, { type: 'link', link: readlinkSync(abs), mtimeMs: st.mtimeMs, mode: st.mode });
      else if (st.isDirectory()) {
        out.set(r, { type: 'dir', mtimeMs: st.mtimeMs, mode: st.mode });
        walk(r);
      } else if (st.isFile()) {
        let hash: string;
        try {
          hash = createHash('sha256').update(readFileSync(abs)).digest('hex');
        } catch (e) {
          hash = `unreadable: ${(e as NodeJS.ErrnoException).code}`;
        }
        out.set(r, { type: 'file', hash, mtimeMs: st.mtimeMs, mode: st.mode });
      } else out.set(r, { type: 'other', mtimeMs: st.mtimeMs, mode: st.mode });
    }
  };
  walk('');
  return out;
}

/** paths whose entry differs between two snapshots (added, removed or changed) */
export function changed(before: Map<string, Entry>, after: Map<string, Entry>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k))).sort();
}

/** A minimal Keptn v1 project whose `carts` Deployment `migrate` annotates; hostile files are added around it. */
export function keptnProject(prefix = 'keptn'): Tree {
  return {
    [`${prefix}/shipyard.yaml`]: SHIPYARD,
    [`${prefix}/carts/slo.yaml`]: SLO,
    [`${prefix}/carts/prometheus/sli.yaml`]: 'spec_version: "1.0"\nindicators:\n  response_time_p95: "histogram_quantile(0.95, sum by(le) (rate(http_duration_bucket[$DURATION_SECONDS])))"\n',
  };
}

export const SHIPYARD = `apiVersion: "spec.keptn.sh/0.2.2"
kind: "Shipyard"
metadata:
  name: "shipyard-shop"
spec:
  stages:
    - name: "dev"
      sequences:
        - name: "delivery"
          tasks:
            - name: "deployment"
            - name: "evaluation"
              properties:
                timeframe: "5m"
            - name: "release"
`;

export const SLO = `spec_version: "1.0"
comparison:
  aggregate_function: "avg"
  compare_with: "single_result"
objectives:
  - sli: "response_time_p95"
    pass:
      - criteria:
          - "<600"
    warning:
      - criteria:
          - "<=800"
total_score:
  pass: "90%"
  warning: "75%"
`;

/** A Deployment named like the `carts` service, so `migrate` edits its pod template. */
export function deployment(name = 'carts', extraEnv = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop-dev
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: docker.io/example/${name}:1.2.3
          env:
            - name: LOG_LEVEL
              value: info${extraEnv}
`;
}

/**
 * A module for Node's `--import`, written to its own temporary directory (outside every sandbox, so a snapshot never
 * sees it). The hook finds its marker file in KM_HOOK_MARKER and writes it when it fires, so a test proves it ran:
 * `marker(s)` is the marker path for the run in sandbox `s`, `fired(s)` whether it was written.
 */
export function hook(name: string, source: string): { args: string[]; marker(s: Sandbox): string; fired(s: Sandbox): boolean; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'km-hook-'));
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  const marker = (s: Sandbox) => path.join(dir, `${path.basename(s.base)}.fired`);
  return {
    args: ['--import', file],
    marker,
    fired: (s) => {
      try {
        readFileSync(marker(s));
        return true;
      } catch {
        return false;
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Hook source that runs `action` (JavaScript, with `fs` and `target` in scope) once, just before the CLI process
 * first reads (`op: 'read'`) or renames onto (`op: 'rename'`) the file KM_HOOK_TARGET, after writing the marker.
 * Every way the tool might do it is wrapped (promise, callback and sync APIs, also when imported by name:
 * `syncBuiltinESMExports`), so the hook keeps firing when the core changes how it reads or writes.
 */
export function onFileHookSource(op: 'read' | 'rename', action: string): string {
  const names = op === 'read' ? ['readFile'] : ['rename'];
  return `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const target = process.env.KM_HOOK_TARGET;
let done = false;
function before(p) {
  if (done || String(p) !== target) return;
  done = true;
  fs.writeFileSync(process.env.KM_HOOK_MARKER, 'fired');
  ${action}
}
const pathArg = (args) => (${op === 'read' ? 'args[0]' : 'args[1]'});
for (const name of ${JSON.stringify(names)}) {
  const p = fs.promises[name];
  fs.promises[name] = async function (...args) { before(pathArg(args)); return p.apply(this, args); };
  const s = fs[name + 'Sync'];
  fs[name + 'Sync'] = function (...args) { before(pathArg(args)); return s.apply(this, args); };
  const c = fs[name];
  fs[name] = function (...args) { try { before(pathArg(args)); } catch (e) { const cb = args[args.length - 1]; if (typeof cb === 'function') return cb(e); throw e; } return c.apply(this, args); };
}
syncBuiltinESMExports();
`;
}

export interface CaseSpec {
  files: Tree;
  outside?: Tree;
  /** links, FIFOs, modes: applied to each sandbox after the files are written */
  prepare?: (s: Sandbox) => void;
  scanArgs?: string[];
  migrateArgs?: string[];
  /** also run `migrate --write --format json` on an identical second sandbox (in parallel with the scan) */
  write?: boolean;
  nodeArgs?: (s: Sandbox) => string[];
  env?: (s: Sandbox) => NodeJS.ProcessEnv;
  limitMs?: number;
}

export interface CaseResult {
  scan: ScanJson;
  scanRun: Run;
  /** the sandbox the scan ran in */
  scanned: Sandbox;
  migrate?: ChangeSetJson;
  migrateRun?: Run;
  /** the sandbox `migrate --write` ran in, with its snapshots */
  written?: Sandbox;
  before?: Map<string, Entry>;
  after?: Map<string, Entry>;
  cleanup(): void;
}

/**
 * Runs one hostile case: `scan --format json` in one sandbox and, with `write`, `migrate --write --format json` in a
 * second identical one, both as child processes of the built CLI, bounded by CASE_LIMIT_MS. Checks the invariants
 * every case shares: exit 0 or 1, no signal, no hang, no rule crash; after `migrate --write` nothing outside the
 * scan root changed and no file the scan could not decode was rewritten.
 */
export async function hostileCase(spec: CaseSpec): Promise<CaseResult> {
  const make = () => {
    const s = sandbox(spec.files, spec.outside ?? {});
    spec.prepare?.(s);
    return s;
  };
  const scanned = make();
  const written = spec.write ? make() : undefined;
  const before = written ? snapshot(written.base) : undefined;
  const limit = { limitMs: spec.limitMs };
  const cleanup = () => {
    scanned.cleanup();
    written?.cleanup();
  };
  // both runs always finish (or are killed at their limit) before anything is checked, and a failed check still
  // removes the sandboxes
  const [s, m] = await Promise.allSettled([
    scanJson(scanned.root, spec.scanArgs ?? [], { ...limit, nodeArgs: spec.nodeArgs?.(scanned), env: spec.env?.(scanned) }),
    written ? migrateJson(written.root, ['--write', ...(spec.migrateArgs ?? [])], { ...limit, nodeArgs: spec.nodeArgs?.(written), env: spec.env?.(written) }) : Promise.resolve(undefined),
  ]);
  try {
    if (s.status === 'rejected') throw s.reason;
    if (m.status === 'rejected') throw m.reason;
    const result: CaseResult = { scan: s.value.json, scanRun: s.value.run, scanned, cleanup };
    if (written && m.value && before) {
      const after = snapshot(written.base);
      Object.assign(result, { migrate: m.value.json, migrateRun: m.value.run, written, before, after });
      const diff = changed(before, after);
      expect(diff.filter((p) => !p.startsWith('repo/')), 'nothing outside the scan root is written').toEqual([]);
      const undecodable = s.value.json.findings.filter((f) => f.ruleId === 'file-not-analysed').map((f) => `repo/${f.file}`);
      for (const f of undecodable) expect(after.get(f)?.hash, `${f} could not be decoded and must not be rewritten`).toBe(before.get(f)?.hash);
      expect(m.value.json.invalid, 'every generated resource validates').toEqual([]);
    }
    return result;
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** the text of a file in the `migrate --write` sandbox */
export function readRepo(s: Sandbox, rel: string): string {
  return readFileSync(path.join(s.root, rel), 'utf8');
}

// ------------------------------------------------------------------------------------------------ mutations
// Used by the property suites: structural mutations through the `yaml` Document API (the result is still YAML, so
// the rules get to see the odd shapes) and text mutations (truncation, garbage lines: mostly broken YAML).

export type TreeOp = { kind: 'drop' | 'duplicate' | 'retype' | 'rename'; at: number; pick: number };
export type TextOp = { kind: 'truncate' | 'garbage' | 'drop-line' | 'duplicate-line'; at: number; pick: number };

/** values a mutated key may get: other types, YAML 1.1 look-alikes, templates, criteria-like and hostile strings */
export const ODD_VALUES: readonly unknown[] = [
  42, -1, 0, 0.5, 1e21, true, false, null, '', 'x', [], {}, [1, 'a', null], { a: { b: [1] } }, 'yes', 'on', '0644', '1:20',
  '{{ .Values.x }}', '{{.data.service}}', '$.data.x', '$SERVICE', '__proto__', 'constructor', 'k'.repeat(300), '<=+10%', '>=', '%',
  '<600', 'pass', 'delivery', 'dev', 'sh.keptn.event.test.triggered', 'v2', 'apps/v1', 'Deployment', ' ', '\t', '日本', '😀',
];

const ODD_KEYS: readonly string[] = [
  'name', 'sli', 'pass', 'warning', 'criteria', 'tasks', 'stages', 'sequences', 'apiVersion', 'kind', 'spec', 'metadata', 'value',
  'actions', 'events', 'image', 'cmd', 'env', 'labels', 'annotations', 'containers', 'template', 'objectives', 'indicators', '<<',
  '__proto__', 'total_score', 'triggeredOn', 'requests', 'remediations', 'actionsOnOpen', 'webhooks', 'x',
];

const GARBAGE: readonly string[] = [
  '{', '}', '[', ']', '- ', ': ', '? ', '&a', '*a', '*undefined', '!!binary x', '|', '>-', '%YAML 1.1', '---', '...', '\t- x',
  'key: [unclosed', 'a: b: c', '"unterminated', "'x", '<<: *a', 'x: &a [*a]', '\u00a0', '#', '- - - -', '{{ .Values.x }}',
  '{{- if .Values.x }}', '{{- end }}', '@x', '`x`', 'name: dup', 'kind: Deployment', 'apiVersion: v1', '- name: "evaluation"',
];

interface Slot {
  parent: { items: unknown[] };
  index: number;
  isPair: boolean;
}

function slots(node: unknown, out: Slot[]): void {
  if (isMap(node) || isSeq(node)) {
    node.items.forEach((item, index) => {
      out.push({ parent: node as unknown as { items: unknown[] }, index, isPair: isPair(item) });
      slots(isPair(item) ? item.value : item, out);
    });
  }
}

/** applies structural mutations to a YAML stream; returns the re-serialised text (never throws for our inputs) */
export function mutateTree(text: string, ops: readonly TreeOp[]): string {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  // a Helm template is not YAML: it gets text mutations only
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return text;
  for (const op of ops) {
    const doc = docs[op.at % docs.length];
    if (!doc) continue;
    const list: Slot[] = [];
    slots(doc.contents, list);
    const slot = list[Math.floor(op.at / Math.max(1, docs.length)) % Math.max(1, list.length)];
    if (!slot) continue;
    const item = slot.parent.items[slot.index];
    const odd = doc.createNode(ODD_VALUES[op.pick % ODD_VALUES.length]);
    if (op.kind === 'drop') slot.parent.items.splice(slot.index, 1);
    else if (op.kind === 'retype') {
      if (isPair(item)) item.value = odd;
      else slot.parent.items[slot.index] = odd;
    } else if (op.kind === 'duplicate') {
      if (isPair(item)) slot.parent.items.splice(slot.index + 1, 0, new Pair(doc.createNode(isScalar(item.key) ? item.key.value : 'k'), odd));
      else slot.parent.items.splice(slot.index + 1, 0, isNode(item) ? item.clone() : item);
    } else if (op.kind === 'rename' && isPair(item)) {
      item.key = doc.createNode(ODD_KEYS[op.pick % ODD_KEYS.length]);
    }
  }
  try {
    return docs.map((d) => d.toString({ lineWidth: 0 })).join('');
  } catch {
    return text;
  }
}

/** applies text mutations: truncation at an offset, garbage lines, dropped and duplicated lines */
export function mutateText(text: string, ops: readonly TextOp[]): string {
  let t = text;
  for (const op of ops) {
    const lines = t.split('\n');
    const at = op.at % Math.max(1, lines.length);
    if (op.kind === 'truncate') t = t.slice(0, op.at % Math.max(1, t.length));
    else if (op.kind === 'garbage') {
      lines.splice(at, 0, ' '.repeat(op.pick % 9) + (GARBAGE[op.pick % GARBAGE.length] as string));
      t = lines.join('\n');
    } else if (op.kind === 'drop-line') {
      lines.splice(at, 1);
      t = lines.join('\n');
    } else {
      lines.splice(at, 0, lines[at] ?? '');
      t = lines.join('\n');
    }
  }
  return t;
}

/** the original lines are all still in `after`, in order: an edit only inserted lines */
export function onlyInserted(before: string, after: string, eol = '\n'): boolean {
  const a = before.split(eol);
  let i = 0;
  for (const line of after.split(eol)) if (i < a.length && line === a[i]) i++;
  return i === a.length;
}

// ------------------------------------------------------------------------------------------------ property check
// The property suites' shared check: write a (mutated) repository, scan and migrate it in-process, and hold the
// invariants: no exception, no rule crash, every generated resource validates, every edit only inserts lines and
// breaks nothing that parsed, every refused file says why.

/** the ten-file Keptn v1 repository of the bench (shipyard, SLO, SLI, job, remediation, webhook, manifests, chart) */
export function baseRepository(): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'km-prop-base-'));
  generateTiny(dir, { seed: 7 });
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  rmSync(dir, { recursive: true, force: true });
  return out;
}

export const treeOp: fc.Arbitrary<TreeOp> = fc.record({ kind: fc.constantFrom('drop', 'duplicate', 'retype', 'rename'), at: fc.nat({ max: 10_000 }), pick: fc.nat({ max: 10_000 }) });
export const textOp: fc.Arbitrary<TextOp> = fc.record({ kind: fc.constantFrom('truncate', 'garbage', 'drop-line', 'duplicate-line'), at: fc.nat({ max: 100_000 }), pick: fc.nat({ max: 10_000 }) });

export type FileOps<Op> = { file: number; ops: Op[] }[];

export const fileOps = <Op>(op: fc.Arbitrary<Op>): fc.Arbitrary<FileOps<Op>> =>
  fc.array(fc.record({ file: fc.nat({ max: 1000 }), ops: fc.array(op, { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 3 });

export const migrateSettings = fc.record({ target: fc.constantFrom(...TARGETS), keys: fc.constantFrom('k8s' as const, 'keptn' as const), evaluations: fc.boolean(), autoscaler: fc.constantFrom('hpa' as const, 'keda' as const) });

/** mutates the files of `base` named in `targets` (by index) and returns the whole tree */
export function mutate<Op>(base: Record<string, string>, targets: readonly string[], plan: FileOps<Op>, apply: (text: string, ops: Op[]) => string): Tree {
  const files: Tree = { ...base };
  for (const { file, ops } of plan) {
    const name = targets[file % targets.length] as string;
    files[name] = apply(files[name] as string, ops);
  }
  return files;
}

export const applyTree = (text: string, ops: TreeOp[]): string => mutateTree(text, ops);
export const applyText = (text: string, ops: TextOp[]): string => mutateText(text, ops);

/**
 * The two mutation properties over `targets` of `base` (structural edits of the parsed tree; text edits), each run
 * in-process with scan and migrate and checked by checkRepository(); `seed` and `seed + 1` keep the runs reproducible.
 */
export function describeMutationProperties(title: string, base: Record<string, string>, targets: readonly string[], seed: number): void {
  const runs = Number(process.env.KM_PROPERTY_RUNS ?? 12);
  const dir = mkdtempSync(path.join(tmpdir(), 'km-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = <Op>(op: fc.Arbitrary<Op>, apply: (text: string, ops: Op[]) => string, runSeed: number) =>
    fc.assert(
      fc.asyncProperty(fileOps(op), migrateSettings, async (plan, settings) => {
        await checkRepository(dir, mutate(base, targets, plan, apply), settings);
      }),
      { seed: runSeed, numRuns: runs, interruptAfterTimeLimit: 40_000 },
    );
  describe(title, () => {
    it('structural mutations (drop, duplicate, retype, rename a key)', { timeout: 60_000 }, () => check(treeOp, applyTree, seed));
    it('text mutations (truncate, garbage lines, dropped and duplicated lines)', { timeout: 60_000 }, () => check(textOp, applyText, seed + 1));
  });
}

const yamlErrors = (text: string): number => {
  const docs = parseAllDocuments(text.replace(/^\ufeff/, ''));
  return Array.isArray(docs) ? docs.reduce((n, d) => n + d.errors.length, 0) : 1;
};

/** writes `files` to `dir` (emptied first), scans and migrates in-process, and checks every invariant */
export async function checkRepository(dir: string, files: Tree, settings: { target: (typeof TARGETS)[number]; keys: 'k8s' | 'keptn'; evaluations: boolean; autoscaler: 'hpa' | 'keda' }): Promise<void> {
  for (const e of readdirSync(dir)) rmSync(path.join(dir, e), { recursive: true, force: true });
  writeTree(dir, files);
  const scanned = await scan({ paths: ['.'], cwd: dir });
  expect(scanned.failures.map((f) => `rule ${f.ruleId} crashed: ${f.error}`)).toEqual([]);
  const { changes } = await migrate({ paths: ['.'], cwd: dir, migrate: { ...settings, outDir: 'keptn-out', unsafe: false } });
  expect(changes.invalid, 'every generated resource validates').toEqual([]);
  for (const f of changes.files) {
    if (f.status === 'skipped') expect(f.reason, `${f.path} refused without a reason`).toBeTruthy();
    if (f.status === 'modified') {
      const before = f.before ?? '';
      expect(onlyInserted(before, f.after), `${f.path}: an edit removed or changed an original line`).toBe(true);
      if (!f.path.includes('/templates/')) expect(yamlErrors(f.after), `${f.path}: the edit broke the YAML`).toBeLessThanOrEqual(yamlErrors(before));
    }
    if (f.status === 'created') {
      const docs = parseAllDocuments(f.after);
      expect(Array.isArray(docs) ? docs.flatMap((d) => d.errors.map((e) => e.message)) : ['not a stream'], `${f.path} is valid YAML`).toEqual([]);
    }
  }
}
