import { describe, expect, it } from 'vitest';
import { loadBytes } from '../src/core/load.js';
import { parseYamlStream, splitDocuments } from '../src/core/parse-yaml.js';

const pos = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1) as string).length + 1}`;
};

describe('parseYamlStream', () => {
  it('parses a multi-document stream with values and positions', () => {
    const text = 'a: 1\n---\nkind: Deployment\nmetadata:\n  name: carts\n---\n# only a comment\n';
    const { docs, problems } = parseYamlStream(text);
    expect(problems).toEqual([]);
    expect(docs.map((d) => d.value)).toEqual([{ a: 1 }, { kind: 'Deployment', metadata: { name: 'carts' } }, null]);
    expect(pos(text, docs[1]!.locate(['metadata', 'name']).start)).toBe('5:9');
    expect(pos(text, docs[1]!.locate(['metadata', 'name'], 'key').start)).toBe('5:3');
  });

  it('keeps the other documents when one is broken', () => {
    const text = 'a: 1\n---\nb: [1, 2\n---\nc: 3\n';
    const { docs, problems } = parseYamlStream(text);
    expect(docs.map((d) => d.value)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toBe('syntax');
    expect(pos(text, docs[1]!.locate(['c']).start)).toBe('5:4');
  });

  it('reports duplicate keys at the second key and keeps the last value', () => {
    const text = 'x: 1\ny: 2\nx: 3\n';
    const { docs, problems } = parseYamlStream(text);
    expect(docs[0]!.value).toEqual({ x: 3, y: 2 });
    expect(problems.map((p) => [p.code, pos(text, p.offset)])).toEqual([['duplicate-key', '3:1']]);
  });

  it('refuses deep nesting, twice in one process, without crashing', () => {
    const deep = 'k: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n';
    for (let i = 0; i < 2; i++) {
      const { docs, problems } = parseYamlStream(deep);
      expect(docs).toEqual([]);
      expect(problems[0]!.code).toBe('too-deep');
    }
  });

  it('refuses alias floods', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 120; i++) lines.push(`k${i}: *a`);
    const { problems } = parseYamlStream(lines.join('\n'));
    expect(problems.map((p) => p.code)).toContain('too-many-aliases');
  });

  it('keeps YAML 1.1-looking scalars as written by the reader schema and reads merge keys', () => {
    const { docs } = parseYamlStream('base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\nmode: "0644"\n');
    expect(docs[0]!.value).toEqual({ base: { x: 1 }, m: { x: 1, y: 2 }, mode: '0644' });
    expect(docs[0]!.has(['m', 'x'])).toBe(false);
  });

  it('splits streams at document markers only', () => {
    expect(splitDocuments('a: 1\n---\nb: "---"\n--- \nc: 1').map((c) => c.offset)).toEqual([0, 5, 18]);
  });
});

describe('locate', () => {
  const text = [
    'spec:', //                                 1
    '  stages:', //                             2
    '    - name: "dev"', //                      3
    '      sequences:', //                       4
    '        - {name: delivery, tasks: []}', //  5
    '  script: |', //                            6
    '    echo hi', //                            7
    '  empty:', //                               8
    '',
  ].join('\n');
  const doc = parseYamlStream(text).docs[0]!;

  it('points at quoted values including the quotes', () => {
    const r = doc.locate(['spec', 'stages', 0, 'name']);
    expect(text.slice(r.start, r.end)).toBe('"dev"');
  });

  it('points into flow collections', () => {
    const r = doc.locate(['spec', 'stages', 0, 'sequences', 0, 'name']);
    expect(text.slice(r.start, r.end)).toBe('delivery');
    const tasks = doc.locate(['spec', 'stages', 0, 'sequences', 0, 'tasks']);
    expect(text.slice(tasks.start, tasks.end)).toBe('[]');
  });

  it('falls back to the deepest existing key, never to line 1', () => {
    const r = doc.locate(['spec', 'stages', 0, 'sequences', 0, 'triggeredOn', 0]);
    expect(pos(text, r.start)).toBe('5:11');
    expect(pos(text, doc.locate(['spec', 'missing']).start)).toBe('1:1');
  });

  it('locates an empty value at its key', () => {
    expect(pos(text, doc.locate(['spec', 'empty']).start)).toBe('8:3');
  });

  it('lists keys with ranges', () => {
    expect(doc.keysAt(['spec']).map((k) => [k.key, pos(text, k.range.start)])).toEqual([
      ['stages', '2:3'],
      ['script', '6:3'],
      ['empty', '8:3'],
    ]);
  });
});

describe('loadBytes', () => {
  it('strips the BOM, keeps CRLF, and gives BOM-free columns', () => {
    const bytes = Buffer.from('\ufeffkind: Shipyard\r\nmetadata:\r\n  name: x\r\n', 'utf8');
    const r = loadBytes({ relPath: 'a.yaml' }, bytes, 'yaml');
    if (r.ok !== true) throw new Error('not loaded');
    expect(r.loaded.file.bom).toBe(true);
    expect(r.loaded.file.eol).toBe('\r\n');
    const d = r.loaded.docs[0]!.doc;
    expect(r.loaded.file.position(d.locate(['metadata', 'name']).start)).toEqual({ line: 3, column: 9 });
  });

  it('refuses binary and invalid UTF-8 with the line', () => {
    const bin = loadBytes({ relPath: 'b.yaml' }, Buffer.from([0x61, 0x0a, 0x00, 0x01]), 'yaml');
    expect(bin.ok).toBe(false);
    const bad = loadBytes({ relPath: 'c.yaml' }, Buffer.from([0x61, 0x3a, 0x0a, 0x62, 0x3a, 0x20, 0xe9, 0x0a]), 'yaml');
    expect(bad).toMatchObject({ ok: false, line: 2 });
  });

  it('reads Helm templates with actions blanked out, positions unchanged', () => {
    const text = 'metadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "x" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.n }}\n';
    const r = loadBytes({ relPath: 'templates/d.yaml' }, Buffer.from(text), 'helm-template');
    if (r.ok !== true) throw new Error('not loaded');
    expect(r.loaded.problems).toEqual([]);
    const d = r.loaded.docs[0]!.doc;
    expect(r.loaded.file.position(d.locate(['spec', 'replicas']).start)).toEqual({ line: 6, column: 13 });
    expect(r.loaded.templateActions).toHaveLength(3);
  });
});
