import type { MapEntry, PositionNode } from './position-tree.js';
import type { Range } from './types.js';

type PathSegment = string | number;
type DataPath = readonly PathSegment[];

/**
 * The source ranges a detached document keeps (YamlDoc.detach), in numbers rather than a tree of objects: most
 * documents of a GitOps repository are detached, and a tree of ~25 small objects each was a tenth of a scan's heap.
 * The tree is rebuilt, the same as detach used to keep it, each time a reader asks for it.
 *
 * The paths to keep form a trie shared by every document detached with them; a document stores, per trie node,
 * its key and value ranges (key start -1: absent), its root range, and which paths it has.
 */
export interface KeepTrie {
  readonly paths: readonly DataPath[];
  /** per node: its key, its parent, whether it was made for the last segment of a path (a scalar) */
  readonly key: string[];
  readonly parent: number[];
  readonly scalar: boolean[];
  readonly child: Map<string, number>[];
  /** per path: its nodes, first segment first */
  readonly nodesOf: number[][];
}

export interface KeptRanges {
  trie: KeepTrie;
  /** [root start, root end, per path: 1 when the document has it, then per node ≥ 1: key start, key end, value start, value end] */
  data: Int32Array;
}

const tries = new Map<string, KeepTrie>();
/** callers pass the same constant list for thousands of documents: found by identity before by content */
const triesOf = new WeakMap<readonly DataPath[], KeepTrie>();

export function keepTrie(paths: readonly DataPath[]): KeepTrie {
  const same = triesOf.get(paths);
  if (same) return same;
  const id = JSON.stringify(paths);
  const known = tries.get(id);
  if (known) {
    triesOf.set(paths, known);
    return known;
  }
  const t: KeepTrie = { paths, key: [''], parent: [-1], scalar: [false], child: [new Map()], nodesOf: [] };
  for (const path of paths) {
    const nodes: number[] = [];
    let node = 0;
    for (let i = 0; i < path.length; i++) {
      const seg = String(path[i]);
      const children = t.child[node] as Map<string, number>;
      let next = children.get(seg);
      // one path ending where another goes on would make the kept node a scalar for some documents and a mapping for
      // others, depending on which of the paths they have: not supported (detach's callers keep leaves only)
      if (next !== undefined && t.scalar[next] !== (i === path.length - 1)) {
        throw new Error(`kept paths: ${JSON.stringify(path)} ends where another kept path goes on, or goes on where one ends`);
      }
      if (next === undefined) {
        next = t.key.length;
        t.key.push(seg);
        t.parent.push(node);
        t.scalar.push(i === path.length - 1);
        t.child.push(new Map());
        children.set(seg, next);
      }
      nodes.push(next);
      node = next;
    }
    t.nodesOf.push(nodes);
  }
  tries.set(id, t);
  triesOf.set(paths, t);
  return t;
}

/** the ranges `locate` gives for the key and the value of a path the document has */
export interface PathRanges {
  key: Range;
  value: Range;
}

/**
 * Records the ranges of the paths a document has, asking the document once about each path and parent: `rangesOf`
 * answers for a trie node and its path, undefined when the document does not have it.
 */
export function keepRanges(trie: KeepTrie, root: Range, rangesOf: (node: number, path: DataPath) => PathRanges | undefined): KeptRanges {
  const header = 2 + trie.paths.length;
  const data = new Int32Array(header + 4 * trie.key.length).fill(-1);
  data[0] = root.start;
  data[1] = root.end;
  trie.paths.forEach((path, p) => {
    const nodes = trie.nodesOf[p] as number[];
    const whole = path.length > 0 ? rangesOf(nodes[nodes.length - 1] as number, path) : undefined;
    data[2 + p] = whole ? 1 : 0;
    if (!whole) return;
    nodes.forEach((node, i) => {
      const at = header + 4 * node;
      if (data[at] !== -1) return;
      const r = i === path.length - 1 ? whole : (rangesOf(node, path.slice(0, i + 1)) as PathRanges);
      data.set([r.key.start, r.key.end, r.value.start, r.value.end], at);
    });
  });
  return { trie, data };
}

/** whether the document had path `p` of the trie when it was detached */
export function hadPath({ data }: KeptRanges, p: number): boolean {
  return data[2 + p] === 1;
}

/** the tree detach used to keep: entries in the order the kept paths first reach them */
export function keptTree({ trie, data }: KeptRanges): PositionNode {
  const root: Extract<PositionNode, { kind: 'map' }> = { kind: 'map', range: { start: data[0] as number, end: data[1] as number }, entries: [] };
  const made = new Map<number, PositionNode>([[0, root]]);
  const header = 2 + trie.paths.length;
  trie.nodesOf.forEach((nodes, p) => {
    if (data[2 + p] !== 1) return;
    for (const node of nodes) {
      if (made.has(node)) continue;
      // parents come first on the path, and are mappings: no kept path ends where another goes on
      const parent = made.get(trie.parent[node] as number) as Extract<PositionNode, { kind: 'map' }>;
      const at = header + 4 * node;
      const range = { start: data[at + 2] as number, end: data[at + 3] as number };
      const value: PositionNode = trie.scalar[node] ? { kind: 'scalar', range, empty: false } : { kind: 'map', range, entries: [] };
      const entry: MapEntry = { key: trie.key[node] as string, keyRange: { start: data[at] as number, end: data[at + 1] as number }, value };
      parent.entries.push(entry);
      made.set(node, value);
    }
  });
  return root;
}
