// Unit tests for reading files: strict UTF-8 positions, NUL bytes anywhere, FIFOs and other special files, files that
// grow past --max-file-size after discovery, and prototype names used as Kubernetes kinds or table keys.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8Byte } from '../src/core/decode.js';
import { discover } from '../src/core/discover.js';
import { loadFile } from '../src/core/load.js';
import { parseYamlStream } from '../src/core/parse-yaml.js';
import { asStringMap, lookup, lookupTable } from '../src/core/values.js';
import { isWorkloadKind, readWorkload } from '../src/formats/k8s.js';
import { PROVIDER_PLACEHOLDERS } from '../src/formats/sli.js';
import { CONTEXT_EQUIVALENTS } from '../src/formats/webhook.js';
import { buildProject } from '../src/model/build.js';
import { SourceRef } from '../src/model/source-ref.js';
import { SourceFile } from '../src/core/source-file.js';
import { contextEquivalent, JES_NESTED_KEYS, show } from '../src/rules/lib/integrations.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'km-robust-'));
  dirs.push(root);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('decodeText', () => {
  it('finds the first ill-formed byte exactly where the fatal decoder fails', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        decoder.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    // bytes around the edges of Table 3-7 make ill-formed sequences likely
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 10 }), (arr) => {
        const b = Uint8Array.from(arr);
        const bad = firstInvalidUtf8Byte(b);
        expect(bad === b.length).toBe(valid(b));
        if (bad < b.length) expect(valid(b.subarray(0, bad))).toBe(true);
      }),
      { seed: 20_260_802, numRuns: 20_000 },
    );
  });

  it('names the byte and line of a surrogate, an overlong form and a code point above U+10FFFF', () => {
    for (const seq of [[0xed, 0xa0, 0x80], [0xe0, 0x80, 0xaf], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf]]) {
      const bytes = Buffer.concat([Buffer.from('a: 1\nb: '), Buffer.from(seq), Buffer.from('\n')]);
      expect(decodeText(bytes), seq.join(' ')).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid UTF-8 at byte 8\b/), line: 2 });
    }
  });

  it('refuses a NUL byte anywhere, with its line', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\n'.repeat(4000)), Buffer.from('b: "\0"\n')]);
    expect(decodeText(bytes)).toMatchObject({ ok: false, reason: expect.stringMatching(/^binary/), line: 4001 });
  });
});

describe('discover and load: special files and growing files', () => {
  it.runIf(hasMkfifo)('a FIFO in the tree or on the command line is a skip notice, never read', async () => {
    const root = tree({ 'a.yaml': 'x: 1' });
    spawnSync('mkfifo', [path.join(root, 'pipe.yaml'), path.join(root, 'pipe.txt')]);
    const d = await discover(root);
    expect(d.files.map((f) => f.relPath)).toEqual(['a.yaml']);
    // a FIFO whose name is not a candidate stays unmentioned, like any other file keptn-migrate does not read
    expect(d.skipped).toEqual([{ file: 'pipe.yaml', reason: 'not a regular file (FIFO), not read' }]);
    const single = await discover(path.join(root, 'pipe.yaml'));
    expect(single.files).toEqual([]);
    expect(single.skipped).toEqual([{ file: 'pipe.yaml', reason: 'not a regular file (FIFO), not read' }]);
  });

  it('a character device on the command line is a skip notice', async () => {
    const d = await discover('/dev/null');
    expect(d.files).toEqual([]);
    expect(d.skipped).toEqual([{ file: 'null', reason: 'not a regular file (character device), not read' }]);
  });

  it('a file that grew past --max-file-size after discovery is not analysed', async () => {
    const root = tree({ 'a.yaml': 'x: 1\n' });
    const d = await discover(root, { maxFileSize: 100 });
    const ref = d.files[0];
    if (!ref) throw new Error('not discovered');
    expect(ref.maxSize).toBe(100);
    appendFileSync(path.join(root, 'a.yaml'), `y: ${'z'.repeat(200)}\n`);
    expect(await loadFile(ref, new Set())).toMatchObject({ ok: false, reason: expect.stringMatching(/^larger than --max-file-size \(\d+ > 100 bytes\), not analysed$/) });
  });
});

describe('prototype names from the input', () => {
  it('are no workload kinds and crash no reader', () => {
    for (const kind of PROTO_NAMES) expect(isWorkloadKind(kind), kind).toBe(false);
    const text = PROTO_NAMES.map((k) => `apiVersion: v1\nkind: ${k}\nmetadata:\n  name: odd\n`).join('---\n');
    const { docs } = parseYamlStream(text);
    const file = new SourceFile({ relPath: 'odd.yaml' }, text);
    for (const doc of docs) {
      const w = readWorkload(new SourceRef(file, doc), doc.value, false, []);
      expect(w.podTemplatePath).toEqual(['spec', 'template']);
    }
    const loaded = docs.map((doc) => ({ doc, cls: { kind: 'k8s-manifest' as const } }));
    const project = buildProject('/x', [{ file, fileKind: 'yaml', docs: loaded, problems: [], templateActions: [] }], [], []);
    expect(project.workloads).toEqual([]);
    expect(project.resources.map((r) => r.kind)).toEqual(PROTO_NAMES);
  });

  it('find nothing in lookup tables', () => {
    const table = lookupTable({ a: 1 });
    for (const k of PROTO_NAMES) {
      expect(lookup(table, k), k).toBeUndefined();
      expect(PROVIDER_PLACEHOLDERS[k], k).toBeUndefined();
      expect(CONTEXT_EQUIVALENTS[k], k).toBeUndefined();
      expect(JES_NESTED_KEYS[k], k).toBeUndefined();
    }
    expect(lookup(table, 'a')).toBe(1);
    expect(contextEquivalent('.constructor').replacement).toMatch(/^nothing: KEPTN_CONTEXT holds only/);
  });

  it('stay own keys of string maps, and the prototype is untouched', () => {
    const { docs } = parseYamlStream('__proto__: x\nconstructor: y\nok: z\n');
    const map = asStringMap(docs[0]?.value);
    expect(Object.keys(map)).toEqual(['__proto__', 'constructor', 'ok']);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('show() keeps a value with shared references short', () => {
    let bomb: unknown = 'lol';
    for (let i = 0; i < 12; i++) bomb = Array(9).fill(bomb);
    expect(show(bomb).length).toBeLessThanOrEqual(2001);
    expect(show({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
  });
});
