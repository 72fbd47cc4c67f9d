// Unit tests for the YAML loader's limits: nesting (explicit keys and compact nesting included), alias expansion,
// go-yaml's 1024-character implicit keys, and the bounded serialiser used for values in messages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasBudget, expandedSize, MAX_EXPANDED_NODES, parseYamlStream } from '../src/core/parse-yaml.js';
import { safeJson } from '../src/core/values.js';
import { parseAllDocuments } from 'yaml';
import { nestingDepth, parseAllDocumentsWithin, parseWithYaml } from '../src/core/yaml-fallback.js';

/** `levels` levels of aliases, each a list of `width` aliases of the level below: width^levels leaves */
function aliasBomb(levels: number, width: number): string {
  let text = `a0: &a0 [${Array(width).fill('"lol"').join(',')}]\n`;
  for (let i = 1; i <= levels; i++) text += `a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(',')}]\n`;
  return text;
}

describe('nestingDepth', () => {
  it('counts explicit keys and compact nesting, one level per indicator', () => {
    for (const unit of ['? ', '- ', ': ', '- ? ', '?\t']) {
      expect(nestingDepth(unit.repeat(500) + 'a\n'), JSON.stringify(unit)).toBeGreaterThanOrEqual(500 * unit.replace(/\s/g, '').length);
    }
  });

  it('counts one-space indentation as one level per step', () => {
    const text = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
    expect(nestingDepth(text)).toBeGreaterThanOrEqual(150);
  });

  it('adds flow nesting to block nesting and keeps ordinary files shallow', () => {
    expect(nestingDepth(`a:\n  b: ${'['.repeat(120)}${']'.repeat(120)}\n`)).toBeGreaterThanOrEqual(122);
    const ordinary = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          args: ["a", "[b]"]\n';
    expect(nestingDepth(ordinary)).toBeLessThan(15);
    // comment lines and blank lines do not close indentation levels
    expect(nestingDepth('a:\n  b:\n# c\n\n    d: 1\n')).toBeLessThan(6);
  });
});

describe('parseYamlStream: nesting', () => {
  it('refuses `? ? ? a` as too deep, twice in one process, without handing it to `yaml`', () => {
    const deep = '? '.repeat(2000) + 'a\n';
    for (let i = 0; i < 2; i++) {
      const { docs, problems } = parseYamlStream(deep);
      expect(docs).toEqual([]);
      expect(problems.map((p) => p.code)).toEqual(['too-deep']);
    }
  });

  it('never hands a stream to `yaml` when a later document is too deep, even after a syntax error', () => {
    const text = 'a: [1\n---\n' + '- '.repeat(2000) + 'a\n---\nb: 2\n';
    for (let i = 0; i < 2; i++) {
      const { docs, problems } = parseYamlStream(text);
      expect(problems.map((p) => p.code)).toEqual(['syntax', 'too-deep']);
      expect(docs.map((d) => d.value)).toEqual([{ b: 2 }]);
    }
  });

  it('parseAllDocumentsWithin() measures the parsed tokens, so what the cheap screen under-counts never reaches the composer', () => {
    // closing brackets inside quotes hide the nesting from nestingDepth(); 2,000 levels abort the process in `yaml`
    const hidden = (n: number) => '["]", '.repeat(n) + '1' + ']'.repeat(n) + '\n';
    expect(nestingDepth(hidden(2000))).toBeLessThan(10);
    for (let i = 0; i < 2; i++) expect(parseAllDocumentsWithin(hidden(2000), 100)).toBeUndefined();
    const ok = parseAllDocumentsWithin(hidden(20), 100);
    expect(ok?.map((d) => d.toJS())).toEqual(parseAllDocuments(hidden(20)).map((d) => d.toJS()));
  });

  it('the `yaml` second opinion refuses token trees deeper than the limit before composing them', () => {
    // the screen passes (one line, 60 levels of flow), the exact measure refuses it for a limit of 50
    const flow = '['.repeat(60) + ']'.repeat(60);
    expect(parseWithYaml(flow, 100)).toBeDefined();
    expect(parseWithYaml(flow, 50)).toBeUndefined();
    expect(parseWithYaml('? '.repeat(60) + 'a\n', 50)).toBeUndefined();
  });
});

describe('parseYamlStream: aliases', () => {
  it('refuses a document whose aliases expand beyond the budget, though it has fewer aliases than the cap', () => {
    const started = Date.now();
    const { docs, problems } = parseYamlStream(`value:\n${aliasBomb(9, 9).replace(/^/gm, '  ')}`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(docs.map((d) => d.value)).toEqual([undefined]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'too-many-aliases', message: expect.stringMatching(/expand .*100,000 nodes/) });
  });

  it('reports a recursive alias as such, at the alias', () => {
    const text = 'a: &a\n  b: *a\n';
    const { docs, problems } = parseYamlStream(text);
    expect(docs[0]?.value).toBeUndefined();
    expect(problems).toEqual([{ code: 'too-many-aliases', message: expect.stringMatching(/recursive alias/), offset: text.indexOf('*a') }]);
  });

  it('reports a recursive alias into a sequence the same way, and keeps the other documents of the stream', () => {
    // sequences are finalised into arrays of their size: one that contains itself is constructed as before, then refused
    const text = 'kind: A\n---\na: &a\n  - 1\n  - *a\n---\nkind: [B, C]\n';
    const { docs, problems } = parseYamlStream(text);
    expect(docs.map((d) => d.value)).toEqual([{ kind: 'A' }, undefined, { kind: ['B', 'C'] }]);
    expect(problems).toEqual([{ code: 'too-many-aliases', message: expect.stringMatching(/recursive alias/), offset: text.indexOf('*a') }]);
  });

  it('shares an aliased sequence as one array, as YAML means it', () => {
    const { docs } = parseYamlStream('a: &x [1, 2]\nb: *x\n');
    const v = docs[0]?.value as { a: unknown[]; b: unknown[] };
    expect(v.b).toBe(v.a);
    expect(v.a).toEqual([1, 2]);
  });

  it('keeps documents with ordinary aliases and merge keys', () => {
    const { docs, problems } = parseYamlStream(`${aliasBomb(3, 3)}base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n`);
    expect(problems).toEqual([]);
    expect((docs[0]?.value as Record<string, unknown>).m).toEqual({ x: 1, y: 2 });
  });

  it('budgets 100,000 nodes, or ten times the document for a large one', () => {
    expect(aliasBudget(10)).toBe(MAX_EXPANDED_NODES);
    expect(aliasBudget(50_000)).toBe(500_000);
    const shared = [1, 2, 3];
    expect(expandedSize({ a: shared, b: shared }, 100)).toBe(9);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(expandedSize(cyclic, 1000)).toBe(1001);
  });
});

describe('parseYamlStream: implicit keys longer than 1024 characters', () => {
  const k = 'k'.repeat(1100);

  it('reports plain, quoted, anchored and flow keys at the key, and keeps the document', () => {
    const text = `a: 1\n${k}: 2\n"${k}x": 3\n&x ${k}y: 4\nf: {${k}z: 5}\n`;
    const { docs, problems } = parseYamlStream(text);
    expect(problems.map((p) => [p.code, p.offset])).toEqual([
      ['syntax', text.indexOf(`${k}: 2`)],
      ['syntax', text.indexOf(`"${k}x"`)],
      ['syntax', text.indexOf('&x')],
      ['syntax', text.indexOf(`${k}z`)],
    ]);
    expect(problems[0]?.message).toBe('implicit key longer than 1024 characters (go-yaml rejects it)');
    expect(Object.keys(docs[0]?.value as object)).toHaveLength(5);
  });

  it('leaves long values, explicit keys and keys of exactly 1024 characters alone', () => {
    const exact = 'k'.repeat(1024);
    const { problems } = parseYamlStream(`v: ${k}\nl: [${k}]\n? ${k}\n: 1\n${exact}: 2\n`);
    expect(problems).toEqual([]);
  });

  it('reports the key in the document it is in, with the offset in the file', () => {
    const text = `a: [1\n---\nb: 1\n${k}: 2\n`;
    const { problems } = parseYamlStream(text);
    expect(problems.map((p) => [p.code, p.offset])).toEqual([
      ['syntax', expect.any(Number)],
      ['syntax', text.indexOf(k)],
    ]);
  });
});

describe('safeJson', () => {
  it('writes what JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(safeJson(v, 1_000_000)).toBe(JSON.stringify(v));
      }),
      { seed: 20_260_801, numRuns: 500 },
    );
    expect(safeJson({ d: new Date(0), u: undefined, n: Number.NaN, l: [undefined] })).toBe(JSON.stringify({ d: new Date(0), u: undefined, n: Number.NaN, l: [undefined] }));
  });

  it('cuts long output, cycles and deep nesting, in time proportional to the output', () => {
    expect(safeJson({ a: 'x'.repeat(50) }, 20)).toBe(`${'{"a":"xxxxxxxxxxxxxx'}…`);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(safeJson(cyclic)).toBe('{"a":1,"self":"[Circular]"}');
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(safeJson(deep, 100_000).endsWith('…')).toBe(true);
    // 9^12 leaves through shared references
    let bomb: unknown = 'lol';
    for (let i = 0; i < 12; i++) bomb = Array(9).fill(bomb);
    const started = Date.now();
    expect(safeJson(bomb, 5000)).toHaveLength(5001);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
