// changedDocuments (src/core/changed-documents.ts) lets stillParses parse only the documents an edit changed: it must
// give those documents exactly, and refuse (undefined) whenever parsing them alone could differ from parsing the stream.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedDocuments } from '../src/core/changed-documents.js';
import { loadProblems } from '../src/core/load.js';
import { stillParses } from '../src/engine/migrate.js';
import { loadText } from '../src/core/load.js';

const stream = 'a: 1\n---\nkind: Deployment\nspec: {}\n---\nkind: Service\n';

describe('changedDocuments', () => {
  it('returns only the documents whose text changed, each starting at its marker', () => {
    const after = stream.replace('spec: {}', 'spec:\n  replicas: 2');
    expect(changedDocuments(stream, after)).toEqual(['---\nkind: Deployment\nspec:\n  replicas: 2\n']);
    expect(changedDocuments(stream, stream)).toEqual([]);
    expect(changedDocuments(stream, stream.replace('a: 1', 'a: 2'))).toEqual(['a: 2\n']);
  });

  it('refuses when an edit adds, removes or moves a document marker', () => {
    expect(changedDocuments(stream, `${stream}---\nb: 1\n`)).toBeUndefined();
    expect(changedDocuments(stream, stream.replace('---\nkind: Service', 'kind2: Service'))).toBeUndefined();
  });

  it('treats `---` only as a marker at the start of a line and followed by a space, tab or line end', () => {
    const text = 'a: "x\n  ---y"\nb: --- c\n---\tkind: X\n---\r\nkind: Y\r\n';
    expect(changedDocuments(text, text.replace('kind: Y', 'kind: Z'))).toEqual(['---\r\nkind: Z\r\n']);
  });

  it('refuses a stream with directives, which carry across a marker', () => {
    const text = '%YAML 1.2\n---\na: 1\n...\n%TAG !e! tag:example.com,2000:\n---\nb: !e!x 1\n';
    expect(changedDocuments(text, text.replace('a: 1', 'a: 2'))).toBeUndefined();
  });
});

describe('stillParses on changed documents', () => {
  const file = (text: string) => loadText({ relPath: 'm.yaml' }, text, 'yaml').file;

  it('finds a break in a changed document and accepts a clean edit, as the full parse does', () => {
    const broken = stream.replace('spec: {}', 'spec: {}\nspec: 2');
    expect(loadProblems(broken, 'yaml').length).toBeGreaterThan(0);
    expect(stillParses(file(stream), broken, 'yaml', 0)).toMatch(/would break the file/);
    expect(stillParses(file(stream), stream.replace('spec: {}', 'spec:\n  replicas: 2'), 'yaml', 0)).toBeUndefined();
  });

  it('finds an edit that leaves a flow collection open up to the next marker', () => {
    const broken = stream.replace('spec: {}', 'spec: [a,');
    expect(stillParses(file(stream), broken, 'yaml', 0)).toMatch(/would break the file/);
  });
});

describe('stillParses: parsing the changed documents alone agrees with parsing the whole stream', () => {
  const base =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a # c\nspec:\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n        - name: a\n          image: "x:1"\n          args: |\n            one\n            two\n' +
    '---\nkind: Service\nmetadata:\n  name: a\n  anchors: &x [1, 2]\n  again: *x\n---\n# only a comment\n---\nkind: ConfigMap\ndata:\n  k: \'v\'\n';
  const piece = fc.constantFrom('\n', '  ', '- ', ': ', 'x: 1\n', '  y: 2\n', '{', '[', ']', '"', "'", '|\n', '&a ', '*a', '*x', '---', '\n---\n', '---x', '...\n', '#', '\t', 'kind: X\n', 'spec: 1\n', '%YAML 1.2\n');
  it('on random insertions and deletions (fast-check)', () => {
    const file = loadText({ relPath: 'm.yaml' }, base, 'yaml').file;
    expect(loadProblems(base, 'yaml')).toEqual([]);
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(6), fc.array(piece, { minLength: 0, maxLength: 3 }), (at, cut, inserted) => {
        const after = base.slice(0, at) + inserted.join('') + base.slice(Math.min(base.length, at + cut));
        const full = loadProblems(after, 'yaml').length > 0;
        expect(stillParses(file, after, 'yaml', 0) !== undefined).toBe(full);
      }),
      { numRuns: 800, seed: 20261122 },
    );
  });
});
