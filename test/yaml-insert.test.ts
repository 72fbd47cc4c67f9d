import { describe, expect, it } from 'vitest';
import { loadText } from '../src/core/load.js';
import { applyEdits } from '../src/edit/apply-edits.js';
import { insertEntries } from '../src/edit/yaml-insert.js';

function insert(text: string, path: (string | number)[], entries: [string, string][], kind: 'yaml' | 'helm-template' = 'yaml') {
  const lf = loadText({ relPath: 'x.yaml' }, text, kind);
  const r = insertEntries({ file: lf.file, doc: lf.docs[0]!.doc, templateActions: lf.templateActions }, path, entries);
  if (!r.ok) return { error: r.reason, snippet: r.snippet };
  return { text: applyEdits(text, r.edits.map((e) => ({ ...e, file: 'x.yaml' }))) };
}

describe('insertEntries', () => {
  it('appends to a block mapping with its indentation, keeping comments and other lines', () => {
    const text = 'metadata:\n    labels:   # team labels\n        app: carts  # kept\n        tier: web\nspec: {}\n';
    expect(insert(text, ['metadata', 'labels'], [['app.kubernetes.io/name', 'carts']]).text).toBe(
      'metadata:\n    labels:   # team labels\n        app: carts  # kept\n        tier: web\n        app.kubernetes.io/name: "carts"\nspec: {}\n',
    );
  });

  it('creates missing parents at the document indentation step', () => {
    const text = 'spec:\n  template:\n    spec:\n      containers:\n        - name: a\n';
    expect(insert(text, ['spec', 'template', 'metadata', 'annotations'], [['keptn.sh/workload', 'a']]).text).toBe(
      'spec:\n  template:\n    spec:\n      containers:\n        - name: a\n    metadata:\n      annotations:\n        keptn.sh/workload: "a"\n',
    );
  });

  it('keeps CRLF line endings', () => {
    const text = 'metadata:\r\n  name: ns\r\n';
    expect(insert(text, ['metadata', 'annotations'], [['keptn.sh/lifecycle-toolkit', 'enabled']]).text).toBe(
      'metadata:\r\n  name: ns\r\n  annotations:\r\n    keptn.sh/lifecycle-toolkit: "enabled"\r\n',
    );
  });

  it('fills empty and null values, and flow mappings', () => {
    expect(insert('metadata:\n  labels:\n  name: x\n', ['metadata', 'labels'], [['a', 'b']]).text).toBe('metadata:\n  labels:\n    a: "b"\n  name: x\n');
    expect(insert('metadata:\n  labels: ~\n', ['metadata', 'labels'], [['a', 'b']]).text).toBe('metadata:\n  labels:\n    a: "b"\n');
    expect(insert('metadata: {labels: {x: y}}\n', ['metadata', 'labels'], [['a', 'b']]).text).toBe('metadata: {labels: {x: y, a: "b"}}\n');
    expect(insert('metadata:\n  labels: {}\n', ['metadata', 'labels'], [['a', 'b']]).text).toBe('metadata:\n  labels: {a: "b"}\n');
  });

  it('leaves existing keys alone and is a no-op when everything is there', () => {
    const text = 'metadata:\n  labels:\n    a: "b"\n';
    expect(insert(text, ['metadata', 'labels'], [['a', 'other']]).text).toBe(text);
  });

  it('appends after a nested block and after trailing comments of the block', () => {
    const text = 'a:\n  b:\n    c: 1\n    # a note\n  d: 2\ne: 3\n';
    expect(insert(text, ['a'], [['x', 'y']]).text).toBe('a:\n  b:\n    c: 1\n    # a note\n  d: 2\n  x: "y"\ne: 3\n');
  });

  it('refuses Helm blocks that hold actions and gives the snippet', () => {
    const text = 'metadata:\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\nspec:\n  replicas: 1\n';
    const r = insert(text, ['metadata', 'labels'], [['app.kubernetes.io/part-of', 'shop']], 'helm-template');
    expect(r.error).toContain('Helm template actions');
    expect(r.snippet).toBe('metadata:\n  labels:\n    app.kubernetes.io/part-of: "shop"');
  });

  it('edits a Helm template where the block is plain YAML', () => {
    const text = 'metadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n';
    expect(insert(text, ['spec', 'template', 'metadata', 'labels'], [['k', 'v']], 'helm-template').text).toBe(text + '        k: "v"\n');
  });
});
