// The YAML side of the rewrite path: the shared printer for generated YAML (src/edit/print-yaml.ts), insertions
// under duplicate keys and several sub-mappings in one insertion (src/edit/yaml-insert.ts), the check that an edit
// adds no YAML error (stillParses, src/engine/migrate.ts) and job-executor resource quantities (src/tasks/jes.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadText } from '../src/core/load.js';
import { applyEdits } from '../src/edit/apply-edits.js';
import { misread, printYaml } from '../src/edit/print-yaml.js';
import { insertEntries, insertNested } from '../src/edit/yaml-insert.js';
import { migrate, stillParses } from '../src/engine/migrate.js';
import { resourceQuantity } from '../src/tasks/jes.js';
import { baseRepository, writeTree } from './support/hostile.js';

describe('printYaml', () => {
  // YAML 1.1 (go-yaml, Kubernetes), YAML 1.2 core and go-yaml's own number and timestamp rules
  const TRICKY = ['yes', 'No', 'on', 'OFF', 'y', 'N', '0644', '010', '1_000', '1_0.5', '1:20', '190:20:30.15', '0x1F', '0o17', '0b101', '~', 'null', 'NULL', '', '1e3', '.5', '1.', '-.5', '+12', '.inf', '-.Inf', '.NaN', 'true', 'False', '2024-01-01', '2024-1-2', '2024-01-01T10:00:00Z', '<<'];
  const PLAIN = ['carts', '1.4.2', 'v1', 'sh.keptn.event.test.triggered', 'alpine:3.19', 'app.kubernetes.io/name', 'a b', '='];

  it('every string reads back as the same string under YAML 1.1 and 1.2, as keys and as values', () => {
    const value = { list: [...TRICKY, ...PLAIN], map: Object.fromEntries(TRICKY.map((s, i) => [s, i])), n: [1, 0.5, true, null] };
    const text = printYaml(value);
    expect(parseDocument(text).toJS()).toEqual(value);
    expect(parseDocument(text, { version: '1.1' }).toJS()).toEqual(value);
    expect(parseAllDocuments(text).flatMap((d) => d.errors)).toEqual([]);
  });

  it('quotes only what some reader would misread; plain strings and real numbers stay plain', () => {
    for (const s of TRICKY) expect(printYaml({ v: s }), s).toBe(`v: ${JSON.stringify(s)}\n`);
    for (const s of PLAIN) expect(printYaml({ v: s }), s).toBe(`v: ${s}\n`);
    expect(printYaml({ a: 1, b: true, c: null })).toBe('a: 1\nb: true\nc: null\n');
    for (const s of PLAIN) expect(misread(s), s).toBe(false);
  });

  it('is deterministic and never folds long lines', () => {
    const v = { cmd: ['sh', '-c', `echo ${'x '.repeat(80)}done`] };
    expect(printYaml(v)).toBe(printYaml(JSON.parse(JSON.stringify(v))));
    expect(printYaml(v).split('\n').length).toBe(5);
  });
});

function load(text: string, kind: 'yaml' | 'helm-template' = 'yaml') {
  const lf = loadText({ relPath: 'x.yaml' }, text, kind);
  return { file: lf.file, doc: lf.docs[0]!.doc, templateActions: lf.templateActions };
}
const apply = (text: string, edits: { range: { start: number; end: number }; text: string }[]) => applyEdits(text, edits.map((e) => ({ ...e, file: 'x.yaml' })));

describe('insertEntries under duplicate keys', () => {
  it('follows the last of duplicate keys, the one readers keep', () => {
    const text = 'metadata:\n  labels:\n    tier: old\n  labels:\n    app: carts\n';
    const r = insertEntries(load(text), ['metadata', 'labels'], [['a', 'b']]);
    expect(r.ok).toBe(true);
    expect(apply(text, r.ok ? r.edits : [])).toBe('metadata:\n  labels:\n    tier: old\n  labels:\n    app: carts\n    a: "b"\n');
  });

  it('a key present only in the losing duplicate is still added to the winning one', () => {
    const text = 'metadata:\n  labels:\n    a: x\n  labels:\n    app: carts\n';
    const r = insertEntries(load(text), ['metadata', 'labels'], [['a', 'b']]);
    expect(apply(text, r.ok ? r.edits : [])).toBe('metadata:\n  labels:\n    a: x\n  labels:\n    app: carts\n    a: "b"\n');
  });
});

describe('insertNested', () => {
  const groups = { labels: [['app.kubernetes.io/name', 'carts']] as [string, string][], annotations: [['keptn.sh/post-deployment-tasks', 'smoke']] as [string, string][] };

  it('creates one parent for all groups when it is missing', () => {
    const text = 'spec:\n  template:\n    spec:\n      containers:\n        - name: a\n';
    const r = insertNested(load(text), ['spec', 'template', 'metadata'], groups);
    expect(r.refused).toEqual([]);
    expect(r.edits).toHaveLength(1);
    expect(apply(text, r.edits)).toBe(
      'spec:\n  template:\n    spec:\n      containers:\n        - name: a\n    metadata:\n      labels:\n        app.kubernetes.io/name: "carts"\n      annotations:\n        keptn.sh/post-deployment-tasks: "smoke"\n',
    );
  });

  it('fills an empty or null parent and an empty flow parent in one edit', () => {
    expect(apply('metadata:\nspec: 1\n', insertNested(load('metadata:\nspec: 1\n'), ['metadata'], groups).edits)).toBe(
      'metadata:\n  labels:\n    app.kubernetes.io/name: "carts"\n  annotations:\n    keptn.sh/post-deployment-tasks: "smoke"\nspec: 1\n',
    );
    expect(apply('metadata: ~\n', insertNested(load('metadata: ~\n'), ['metadata'], groups).edits)).toBe(
      'metadata:\n  labels:\n    app.kubernetes.io/name: "carts"\n  annotations:\n    keptn.sh/post-deployment-tasks: "smoke"\n',
    );
    expect(apply('metadata: {}\n', insertNested(load('metadata: {}\n'), ['metadata'], groups).edits)).toBe(
      'metadata: {labels: {app.kubernetes.io/name: "carts"}, annotations: {keptn.sh/post-deployment-tasks: "smoke"}}\n',
    );
  });

  it('adds to groups that exist and creates the others, each once; empty groups are ignored', () => {
    const text = 'metadata:\n  name: x\n  labels:\n    app: carts\n';
    const r = insertNested(load(text), ['metadata'], { ...groups, empty: [] });
    expect(r.refused).toEqual([]);
    expect(apply(text, r.edits)).toBe('metadata:\n  name: x\n  labels:\n    app: carts\n    app.kubernetes.io/name: "carts"\n  annotations:\n    keptn.sh/post-deployment-tasks: "smoke"\n');
    const parsed = parseDocument(apply(text, r.edits));
    expect(parsed.errors).toEqual([]);
  });

  it('refuses per group, with the snippet of that group', () => {
    const text = 'metadata:\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n  annotations:\n    a: b\n  name: x\n';
    const r = insertNested(load(text, 'helm-template'), ['metadata'], groups);
    expect(r.refused.map((x) => x.key)).toEqual(['labels']);
    expect(r.refused[0]?.reason).toMatch(/Helm template actions/);
    expect(r.refused[0]?.snippet).toBe('metadata:\n  labels:\n    app.kubernetes.io/name: "carts"');
    expect(apply(text, r.edits)).toBe(text.replace('    a: b\n', '    a: b\n    keptn.sh/post-deployment-tasks: "smoke"\n'));
    // a new group goes into the parent block, which holds the action: refused, each group with its own snippet
    const created = insertNested(load(text.replace('  annotations:\n    a: b\n', ''), 'helm-template'), ['metadata'], groups);
    expect(created.edits).toEqual([]);
    expect(created.refused.map((x) => x.snippet)).toEqual(['metadata:\n  labels:\n    app.kubernetes.io/name: "carts"', 'metadata:\n  annotations:\n    keptn.sh/post-deployment-tasks: "smoke"']);
  });
});

describe('stillParses', () => {
  const file = (text: string) => loadText({ relPath: 'm.yaml' }, text, 'yaml').file;

  it('refuses an edit that adds a YAML error to a file that already had one (js-yaml sees only the first)', () => {
    const before = 'apiVersion: apps/v1\napiVersion: apps/v1\nkind: Deployment\n';
    expect(stillParses(file(before), `${before}spec:\n  a: 1\nspec:\n  b: 1\n`, 'yaml')).toMatch(/would break the file/);
    expect(stillParses(file(before), `${before}spec:\n  a: 1\n`, 'yaml')).toBeUndefined();
  });

  it('reads Helm templates with their actions masked', () => {
    const before = 'metadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec:\n  a: 1\n{{- end }}\n';
    expect(stillParses(file(before), `${before}metadata:\n  x: 1\n`, 'helm-template')).toMatch(/would break the file/);
    expect(stillParses(file(before), before.replace('  a: 1\n', '  a: 1\n  b: "2"\n'), 'helm-template')).toBeUndefined();
  });

  it('refuses to verify (and so to edit) a file nested too deeply for the yaml package', () => {
    const deep = `a: ${'['.repeat(150)}${']'.repeat(150)}\n`;
    expect(stillParses(file(deep), `${deep}b: 1\n`, 'yaml')).toMatch(/nested more than 100 levels/);
  });
});

describe('job-executor resource quantities', () => {
  it('keeps Kubernetes quantities, drops the rest', () => {
    for (const ok of ['500m', '256Mi', '1Gi', '2', '1e3', '0.5', '+1', '.5', '1.']) expect(resourceQuantity(ok), ok).toBe(ok);
    expect(resourceQuantity(2)).toBe(2);
    expect(resourceQuantity(0.5)).toBe('0.5');
    for (const bad of ['yes', 'true', '1 GB', '1GB', '-1', ' 500m', '1e3Mi', '', 'Mi']) expect(resourceQuantity(bad), bad).toBeUndefined();
    for (const bad of [true, null, -1, Number.NaN, [], {}]) expect(resourceQuantity(bad), String(bad)).toBeUndefined();
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'km-rewrite-yaml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a value that is not a quantity is left out with a loss naming the key and the value', { timeout: 30_000 }, async () => {
    const base = baseRepository();
    const job = (base['keptn/carts/job/config.yaml'] ?? '').replace(/limits: \{cpu: 500m, memory: 256Mi\}/, 'limits: {cpu: yes, memory: 256Mi}');
    expect(job).toContain('cpu: yes');
    writeTree(dir, { ...base, 'keptn/carts/job/config.yaml': job });
    const { changes } = await migrate({ paths: ['.'], cwd: dir, migrate: { target: 'keptn-v2', keys: 'k8s', evaluations: false, autoscaler: 'hpa', outDir: 'keptn-out', unsafe: false } });
    expect(changes.invalid).toEqual([]);
    expect(changes.losses.map((l) => l.message)).toContainEqual(expect.stringMatching(/resources\.limits\.cpu: "yes" is not a Kubernetes quantity/));
    const defs = changes.files.filter((f) => f.status === 'created' && /keptntaskdefinition/.test(f.path)).map((f) => f.after);
    expect(defs.some((t) => /limits:\n\s+memory: 256Mi\n/.test(t))).toBe(true);
    expect(defs.join('\n')).not.toMatch(/cpu: "?yes/);
  });
});
