// YamlDoc.locate answers from the packed parser events while no position tree is built, and from the tree once one
// is (an edit built it, or it came with the document): both must give the same range for every path, or a finding's
// position would depend on which rule ran first. Documents are printed by the `yaml` package in every style it has
// (block and flow collections, plain, single- and double-quoted strings), plus hand-written anchors, tags and aliases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseYamlStream } from '../src/core/parse-yaml.js';
import { YamlDoc, type DataPath, type LocateTarget } from '../src/core/yaml-doc.js';

const key = fc.constantFrom('a', 'b', 'name', 'x y', 'k:v', '#c', '1', 'yes');
const scalar = fc.oneof(fc.constantFrom('', 'v', 'two words', 'a: b', '"q"', "it's", 'multi\nline', '- x', 'tail\n'), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  seq: fc.array(tie('node'), { maxLength: 3 }),
})).node;
const style = fc.record({
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  flowCollectionPadding: fc.boolean(),
  // '' prints a null as no text at all: an empty scalar, placed by what comes before it
  nullStr: fc.constantFrom('null', '~', ''),
}) as fc.Arbitrary<Parameters<typeof stringify>[2] & object>;

/** every path of a value, and a missing key under each mapping */
function paths(v: unknown, at: DataPath = []): DataPath[] {
  const out: DataPath[] = [at];
  if (Array.isArray(v)) v.forEach((item, i) => out.push(...paths(item, [...at, i])));
  else if (v && typeof v === 'object') {
    for (const [k, item] of Object.entries(v)) out.push(...paths(item, [...at, k]));
    out.push([...at, 'missing']);
  }
  return out;
}

/** each document of `text` twice: answering from its parser events, and from a position tree built beforehand */
function sameAnswers(text: string, value?: unknown): void {
  for (const fromEvents of parseYamlStream(text).docs) {
    const tree = fromEvents.root;
    expect(tree).toBeDefined();
    const fromTree = new YamlDoc(fromEvents.index, fromEvents.value, fromEvents.start, undefined, fromEvents.parsedText, fromEvents.parsedBase, tree);
    compare(fromEvents, fromTree, value === undefined ? fromEvents.value : value, text);
  }
}

function compare(fromEvents: YamlDoc, fromTree: YamlDoc, value: unknown, text: string): void {
  for (const path of paths(value)) {
    for (const target of ['value', 'key', 'entry'] as LocateTarget[]) {
      expect(fromEvents.locate(path, target), `${JSON.stringify(path)} ${target} in\n${text}`).toEqual(fromTree.locate(path, target));
    }
    expect(fromEvents.has(path)).toBe(fromTree.has(path));
  }
}

/** `check` holds for `numRuns` generated values, each printed by the `yaml` package in a generated style */
function forPrintedDocuments(check: (text: string, value: unknown) => void, numRuns: number, seed: number): void {
  fc.assert(
    fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), style, (v, options) => check(stringify(v, options), v)),
    { numRuns, seed },
  );
}

describe('locating a path from parser events or from a position tree', () => {
  it('gives the same ranges for any document the yaml package prints', () => {
    forPrintedDocuments(sameAnswers, 1500, 20261122);
  });

  it('gives the same ranges with anchors, tags, aliases, empty values and nested flow collections at the end', () => {
    const cases = [
      'a: &x "quoted"\nb: *x\nc: !!str plain\nd: !!str &y "both"\n',
      'a:\n  b: [1, [2, "three"]]\n  c: {d: {e: \'f\'}}\n',
      'list:\n  - name: "x"\n    props:\n      k: "v"\n  - name: y\n',
      'a:\n  b:\n  c: ~\n',
      'a: &m\n  k: "v"\nb: *m\n',
      'a: !t [x, "y"]\nb: !t {c: "d"}\n',
      // empty values: a sequence item, a document, after an anchor or a tag, an empty key with a tag
      'a: 1\n---\nitems:\n- x\n-\n',
      '- a\n-\n',
      'x: [a, !!str ]\n',
      '- &z !t\n',
      '--- !!null\n',
      'x: {a: 1, !!str : v}\n',
      'a: {b: [1, 2], c: }\nd:\n  - [x, {}]\n  -\n',
      // the last of duplicate keys wins
      'a: 1\nb: 2\na: {c: 3}\n',
    ];
    for (const text of cases) sameAnswers(text);
  });
});

// detach() finds all the paths it keeps in one walk of the events (locateKeyTrie) when no tree is at hand, and path by
// path otherwise: what it keeps must not depend on which
describe('detaching a document from parser events or from a position tree', () => {
  /** the mapping-key paths of a value that no other one goes on from (detach keeps leaves) */
  function leafKeyPaths(v: unknown): DataPath[] {
    const keyPaths = paths(v).filter((p) => p.length > 0 && p.every((seg) => typeof seg === 'string'));
    return keyPaths.filter((p) => !keyPaths.some((q) => q.length > p.length && p.every((seg, i) => q[i] === seg)));
  }

  function sameKept(text: string, value: unknown): void {
    const keep = leafKeyPaths(value);
    for (const fromEvents of parseYamlStream(text).docs) {
      const fromTree = new YamlDoc(fromEvents.index, fromEvents.value, fromEvents.start, undefined, fromEvents.parsedText, fromEvents.parsedBase, fromEvents.root);
      fromEvents.detach(keep);
      fromTree.detach(keep);
      expect(fromEvents.toWire().kept, text).toEqual(fromTree.toWire().kept);
      expect(fromEvents.value).toEqual(fromTree.value);
    }
  }

  it('keeps the same ranges and values for any document the yaml package prints', () => {
    forPrintedDocuments(sameKept, 1000, 20261123);
  });

  it('keeps the last of duplicate keys, empty values at their key, anchors and tags', () => {
    const cases: [string, unknown][] = [
      ['a: 1\nb: {c: 2}\na: 3\n', { a: 0, b: { c: 0, d: 0 } }],
      ['a:\nb: !!str\nc: &x v\nd: *x\n', { a: 0, b: 0, c: 0, d: 0, e: 0 }],
      ['? a\n: 1\n"b": {\'c\': [x]}\n', { a: 0, b: { c: 0 } }],
    ];
    for (const [text, shape] of cases) sameKept(text, shape);
  });
});
