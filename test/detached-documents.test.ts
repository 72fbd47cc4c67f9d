// Most documents of a GitOps repository are Kubernetes resources the rules read only a few paths of: the loader
// detaches them (model/release.ts), keeping those paths' values and source ranges in numbers (core/kept-ranges.ts).
// A detached document must answer for those paths exactly as the whole document did, in every thread; and reading
// positions must not leave a position tree on each document read.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../src/core/load-wire.js';
import { loadText } from '../src/core/load.js';
import { parseYamlStream } from '../src/core/parse-yaml.js';
import type { DataPath, LocateTarget, YamlDoc } from '../src/core/yaml-doc.js';
import { scan, withSummaryModel } from '../src/engine/scan.js';
import { RESOURCE_PATHS } from '../src/model/release.js';
import { SCAN_FORMATS } from '../src/reporters/formats.js';
import { loadReporter } from '../src/reporters/load.js';

const TEXT = [
  '# kind before apiVersion, quoted and flow values, an anchor and a tag',
  'kind: ConfigMap',
  'apiVersion: v1',
  'metadata:',
  '  labels: {app: "carts", tier: backend}',
  '  name: "carts-config"',
  '  annotations: &notes',
  '    note: !!str "kept"',
  'data:',
  '  code: |',
  '    console.log("hi")',
  '  other: "released"',
  'spec:',
  '  replicas: 2',
  '',
].join('\n');

const prefixes = (paths: readonly DataPath[]) => [[], ...paths.flatMap((p) => p.map((_, i) => p.slice(0, i + 1)))];
const targets: LocateTarget[] = ['value', 'key', 'entry'];

function answers(doc: YamlDoc, paths: DataPath[]) {
  return paths.map((p) => ({ path: p, has: doc.has(p), ranges: targets.map((t) => doc.locate(p, t)) }));
}

describe('a detached document', () => {
  const paths = [...prefixes(RESOURCE_PATHS), ['data', 'other'], ['spec'], ['metadata', 'labels', 'app']];
  const whole = parseYamlStream(TEXT).docs[0] as YamlDoc;
  // what detach keeps: the kept paths this document has, and their parents
  const kept = RESOURCE_PATHS.filter((p) => whole.has(p)).map((p) => p.join('.'));
  const isKept = (p: DataPath) => p.length === 0 || kept.some((k) => k === p.join('.') || k.startsWith(`${p.join('.')}.`));

  it('locates its kept paths as the whole document does, and what it released at the nearest kept ancestor', () => {
    const detached = parseYamlStream(TEXT).docs[0] as YamlDoc;
    detached.detach(RESOURCE_PATHS);
    const before = answers(whole, paths);
    const after = answers(detached, paths);
    after.forEach((a, i) => {
      const b = before[i] as (typeof before)[number];
      if (isKept(a.path)) expect(a, JSON.stringify(a.path)).toEqual(b);
      else expect(a.has, JSON.stringify(a.path)).toBe(false);
    });
    expect(detached.value).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { labels: { app: 'carts', tier: 'backend' }, name: 'carts-config', annotations: { note: 'kept' } }, data: { code: 'console.log("hi")\n' } });
    // the keys it kept, in the order of the kept paths
    expect(detached.keysAt([]).map((k) => k.key)).toEqual(['apiVersion', 'kind', 'metadata', 'data']);
    expect(detached.keysAt(['metadata'])).toEqual(whole.keysAt(['metadata']).filter((k) => k.key !== null).sort((a, b) => ['name', 'labels', 'annotations'].indexOf(a.key as string) - ['name', 'labels', 'annotations'].indexOf(b.key as string)));
  });

  it('refuses kept paths of which one ends where another goes on (the kept node could be either kind)', () => {
    const doc = () => parseYamlStream('a:\n  b: 1\n').docs[0] as YamlDoc;
    expect(() => doc().detach([['a', 'b'], ['a']])).toThrow(/ends where another kept path goes on/);
    expect(() => doc().detach([['a'], ['a', 'b']])).toThrow(/ends where another kept path goes on/);
    const same = doc();
    same.detach([['a', 'b'], ['a', 'b']]);
    expect(same.locate(['a', 'b'])).toEqual(doc().locate(['a', 'b']));
  });

  it('answers the same after the trip from a worker thread', () => {
    const loaded = loadText({ relPath: 'cm.yaml' }, TEXT, 'yaml');
    const doc = loaded.docs[0]?.doc as YamlDoc;
    doc.detach(RESOURCE_PATHS);
    const expected = answers(doc, paths);
    const transfer: ArrayBuffer[] = [];
    const wire = toWire({ ok: true, loaded }, transfer);
    expect(transfer).toHaveLength(1);
    const back = fromWire(structuredClone(wire, { transfer }));
    expect(back.ok).toBe(true);
    if (back.ok !== true) return;
    const copy = back.loaded.docs[0]?.doc as YamlDoc;
    expect(answers(copy, paths)).toEqual(expected);
    expect(copy.value).toEqual(doc.value);
  });
});

describe('reading positions', () => {
  it('keeps no position tree on the documents it read the keys of or edited', () => {
    const [a, b] = parseYamlStream('x:\n  y: 1\n---\nz:\n  w: 2\n').docs as [YamlDoc, YamlDoc];
    const tree = (d: YamlDoc) => (d as unknown as { tree: unknown }).tree;
    expect(a.keysAt(['x']).map((k) => k.key)).toEqual(['y']);
    expect(b.keysAt(['z']).map((k) => k.key)).toEqual(['w']);
    expect([tree(a), tree(b)]).toEqual([null, null]);
    // nor does an edit, which walks the tree several times: the last one read is kept for the next read, of any document
    const first = a.root;
    expect(first).toBeDefined();
    expect(a.root).toBe(first);
    expect(tree(a)).toBeNull();
    expect(b.root).not.toBe(first);
    expect(a.root).toEqual(first);
  });
});

describe('the report of a scan', () => {
  it('is the same, in every format, from the model cut to the project summaries (what a scan frees before reporting)', async () => {
    const result = await scan({ paths: [path.resolve(import.meta.dirname, '../examples/sockshop')], concurrency: 'off' });
    const slim = withSummaryModel(result);
    expect(slim.project.files).toEqual([]);
    expect(result.findings.length).toBeGreaterThan(50);
    const ctx = { color: false, toolVersion: 'test', failOn: 'blocker' as const };
    for (const format of SCAN_FORMATS) {
      const reporter = await loadReporter(format);
      expect(reporter(slim, ctx), format).toBe(reporter(result, ctx));
    }
  });
});
