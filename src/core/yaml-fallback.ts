import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node as YNode } from 'yaml';
import type { PositionNode } from './position-tree.js';

/** Flow-bracket and indentation depth, cheap to compute; `yaml` 2.8.3-2.9.1 abort the process on very deep input. */
export function nestingDepth(text: string): number {
  let flow = 0;
  let maxFlow = 0;
  let maxIndent = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 45) {
        indent++;
        continue;
      }
      lineStart = false;
      if (indent > maxIndent) maxIndent = indent;
    }
    if (c === 91 || c === 123) {
      if (++flow > maxFlow) maxFlow = flow;
    } else if (c === 93 || c === 125) flow = Math.max(0, flow - 1);
  }
  return Math.max(maxFlow, Math.ceil(maxIndent / 2));
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
  if (nestingDepth(text) > maxDepth) return undefined;
  let docs;
  try {
    docs = parseAllDocuments(text, { merge: true, uniqueKeys: true, logLevel: 'error' });
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs)) return undefined;
  if (docs.some((d) => d.errors.length > 0)) return undefined;
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
