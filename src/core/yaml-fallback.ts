import type { CST, Document as YDocument, DocumentOptions, Node as YNode, ParseOptions, SchemaOptions } from 'yaml';
import { yamlPackage } from './yaml-package.js';
import type { PositionNode } from './position-tree.js';

/**
 * A cheap estimate of how deep a stream nests, screened before `yaml` (2.8.3-2.9.1 abort the process on very deep
 * input) ever sees it. Conservative for block structure, where it over-counts rather than under-counts:
 * - block structure: a stack of indentation columns (one level per deeper indentation, so one-space indentation
 *   counts fully), plus one level per compact indicator at the start of a line (`- - a`, `? ? a`, `: : a`, `- ? : a`),
 *   each of which also opens a column for the lines below it;
 * - flow structure: `[`/`{` minus `]`/`}` wherever they occur (quotes and comments are not tracked, so closing
 *   brackets inside them can hide flow nesting).
 * The two are added. Not a guarantee on its own: parseAllDocumentsWithin() also measures the parsed token tree exactly
 * before `yaml` composes it; this screen only keeps clearly too deep text away from the tokenizer.
 */
export function nestingDepth(text: string): number {
  const n = text.length;
  const columns: number[] = [];
  let flow = 0;
  let maxFlow = 0;
  let maxBlock = 0;
  let i = 0;
  while (i < n) {
    // line start: indentation (tabs too: not valid YAML indentation, but lenient readers may accept it)
    const lineStart = i;
    let c = text.charCodeAt(i);
    while (i < n && (c === 32 || c === 9)) c = text.charCodeAt(++i);
    if (i < n && c !== 10 && c !== 13 && c !== 35) {
      let col = i - lineStart;
      while (columns.length > 0 && (columns[columns.length - 1] as number) > col) columns.pop();
      if (columns.length === 0 || (columns[columns.length - 1] as number) < col) columns.push(col);
      // compact nesting: indicators followed by white space or the end of the line
      for (;;) {
        if (c !== 45 && c !== 63 && c !== 58) break;
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 10;
        if (next !== 32 && next !== 9 && next !== 10 && next !== 13) break;
        i++;
        while (i < n && ((c = text.charCodeAt(i)) === 32 || c === 9)) i++;
        if (i >= n) break;
        c = text.charCodeAt(i);
        col = i - lineStart;
        columns.push(col);
      }
      if (columns.length > maxBlock) maxBlock = columns.length;
    }
    // rest of the line
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c === 10) {
        i++;
        break;
      }
      if (c === 91 || c === 123) {
        if (++flow > maxFlow) maxFlow = flow;
      } else if ((c === 93 || c === 125) && flow > 0) flow--;
    }
  }
  return maxBlock + maxFlow;
}

/** how deep the collections of a parsed (CST) document nest: what the `yaml` composer recurses into */
function tokenDepth(root: CST.Token | undefined, limit: number): number {
  if (!root) return 0;
  let max = 0;
  const stack: [CST.Token, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > max) {
      max = depth;
      if (max > limit) return max;
    }
    for (const item of token.items) {
      const { key, value } = item as CST.CollectionItem;
      if (key) stack.push([key, depth + 1]);
      if (value) stack.push([value, depth + 1]);
    }
  }
  return max;
}

/**
 * `yaml`'s parseAllDocuments() (without pretty error messages), safe on any input: undefined when a document nests
 * deeper than `maxDepth`. The tokenizer and parser are iterative and safe on any input; the composer recurses (and
 * aborts the process on deep input), so it only gets token trees measured within `maxDepth`, after the cheap
 * nestingDepth() screen.
 */
export function parseAllDocumentsWithin(text: string, maxDepth: number, options: DocumentOptions & ParseOptions & SchemaOptions = {}): YDocument.Parsed[] | undefined {
  if (nestingDepth(text) > maxDepth) return undefined;
  const { Composer, Parser } = yamlPackage();
  const tokens = Array.from(new Parser().parse(text));
  for (const token of tokens) if (token.type === 'document' && tokenDepth(token.value, maxDepth) > maxDepth) return undefined;
  return Array.from(new Composer(options).compose(tokens));
}

export interface FallbackDoc {
  value: unknown;
  tree: PositionNode | undefined;
  start: number;
}

/**
 * Second opinion from the `yaml` package for a stream js-yaml rejected: js-yaml is stricter than go-yaml (which
 * Keptn v1 and Kubernetes use) about the indentation of flow collections and multi-line scalars. Returns the
 * documents when `yaml` reads the whole stream without error, else undefined.
 */
export function parseWithYaml(text: string, maxDepth: number): FallbackDoc[] | undefined {
  let docs;
  try {
    docs = parseAllDocumentsWithin(text, maxDepth, { merge: true, uniqueKeys: true, logLevel: 'error' });
  } catch {
    return undefined;
  }
  if (!docs || docs.some((d) => d.errors.length > 0)) return undefined;
  const out: FallbackDoc[] = [];
  for (const d of docs) {
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: 100 });
    } catch {
      return undefined;
    }
    const contents = d.contents as YNode | null;
    out.push({ value, tree: contents ? toTree(contents) : undefined, start: contents?.range?.[0] ?? d.range[0] });
  }
  return out;
}

function toTree(node: YNode): PositionNode {
  const { isAlias, isMap, isScalar, isSeq } = yamlPackage();
  const [start, end] = node.range ?? [0, 0, 0];
  if (isMap(node)) {
    return {
      kind: 'map',
      range: { start, end },
      entries: node.items.map((pair) => {
        const key = pair.key as YNode | null;
        const keyRange = key?.range ? { start: key.range[0], end: key.range[1] } : { start, end: start };
        const v = pair.value as YNode | null;
        const value: PositionNode = v ? toTree(v) : { kind: 'scalar', range: { start: keyRange.end, end: keyRange.end }, empty: true };
        return { key: key && isScalar(key) ? String(key.value) : null, keyRange, value };
      }),
    };
  }
  if (isSeq(node)) return { kind: 'seq', range: { start, end }, items: node.items.map((i) => toTree(i as YNode)) };
  if (isAlias(node)) return { kind: 'alias', range: { start, end } };
  const empty = isScalar(node) && node.value === null && start === end;
  return { kind: 'scalar', range: { start, end }, empty };
}
