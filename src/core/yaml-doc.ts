import { locateInEvents } from './event-locate.js';
import { PackedEvents } from './packed-events.js';
import { buildPositionTree, type MapEntry, type PositionNode } from './position-tree.js';
import type { Range } from './types.js';

export type PathSegment = string | number;
export type DataPath = readonly PathSegment[];

export type LocateTarget = 'value' | 'key' | 'entry';

/** A YamlDoc as a worker thread sends it: plain data for the structured clone, the events as a transferable array. */
export interface WireDoc {
  index: number;
  value: unknown;
  start: number;
  base: number;
  events?: Int32Array;
  /** null: built lazily from the events; undefined: no positions */
  tree: PositionNode | undefined | null;
  detached: boolean;
}

/** One YAML document of a file: its plain value and, lazily, the source range of every node. */
export class YamlDoc {
  private tree: PositionNode | undefined | null = null;
  private detached = false;

  constructor(
    /** 0-based position of the document in its file's stream */
    readonly index: number,
    readonly value: unknown,
    /** where the document's content starts in the file */
    readonly start: number,
    private events: PackedEvents | undefined,
    private readonly source: string,
    private readonly base: number,
    prebuilt?: PositionNode,
  ) {
    if (prebuilt) this.tree = prebuilt;
  }

  /** the text the document was parsed from: the file's, or a Helm template's with its actions masked */
  get parsedText(): string {
    return this.source;
  }

  /** where `parsedText` starts in the file (a document parsed on its own after a syntax error elsewhere) */
  get parsedBase(): number {
    return this.base;
  }

  toWire(): WireDoc {
    return { index: this.index, value: this.value, start: this.start, base: this.base, events: this.events?.data, tree: this.tree, detached: this.detached };
  }

  static fromWire(w: WireDoc, source: string): YamlDoc {
    const doc = new YamlDoc(w.index, w.value, w.start, w.events ? PackedEvents.fromData(w.events) : undefined, source, w.base);
    doc.tree = w.tree;
    doc.detached = w.detached;
    return doc;
  }

  get root(): PositionNode | undefined {
    if (this.tree === null) this.tree = this.events ? buildPositionTree(this.events.unpack(), this.source, this.base) : undefined;
    return this.tree;
  }

  /**
   * Keeps only what later readers need of a document nobody edits: the values and source ranges at `keep` (and their
   * parents); everything else (parser events, the rest of the value) is released. Lookups elsewhere fall back to the
   * nearest kept ancestor, as for any missing path.
   */
  detach(keep: readonly DataPath[]): void {
    if (this.detached) return;
    this.detached = true;
    const root: Extract<PositionNode, { kind: 'map' }> = { kind: 'map', range: this.locate([]), entries: [] };
    const stub: Record<string, unknown> = {};
    for (const path of keep) {
      if (path.length === 0 || !this.has(path)) continue;
      let node: PositionNode = root;
      let target = stub;
      let source: unknown = this.value;
      for (let i = 0; i < path.length; i++) {
        const seg = String(path[i]);
        source = (source as Record<string, unknown> | undefined)?.[seg];
        const last = i === path.length - 1;
        if (node.kind !== 'map') break;
        let entry: MapEntry | undefined = node.entries.find((e) => e.key === seg);
        if (!entry) {
          const sub = path.slice(0, i + 1);
          entry = {
            key: seg,
            keyRange: this.locate(sub, 'key'),
            value: last ? { kind: 'scalar', range: this.locate(sub), empty: false } : { kind: 'map', range: this.locate(sub), entries: [] },
          };
          node.entries.push(entry);
        }
        node = entry.value;
        if (last) target[seg] = source;
        else target = (target[seg] ??= {}) as Record<string, unknown>;
      }
    }
    (this as { value: unknown }).value = stub;
    this.tree = root;
    this.events = undefined;
  }

  /**
   * Drops the position tree an edit built, when the parser events can rebuild it: a scan computes fixes for
   * thousands of documents and must not keep a tree for each.
   */
  releaseTree(): void {
    if (this.events && !this.detached) this.tree = null;
  }

  /**
   * The source range of `path`. When the path does not exist (a missing key, a value that came from a
   * merge key), the range of the deepest existing ancestor is returned, so a finding never falls back to line 1.
   */
  locate(path: DataPath, target: LocateTarget = 'value'): Range {
    if (this.tree === null && this.events) {
      const r = locateInEvents(this.events, this.source, this.base, path);
      if (!r) return { start: this.start, end: this.start };
      if (r.exact && r.key && target !== 'value') return target === 'key' ? r.key : { start: r.key.start, end: r.node.end };
      if (!r.exact && r.key) return r.key;
      return r.node;
    }
    const found = this.find(path);
    if (found.exact && found.entryKey && target !== 'value') {
      return target === 'key' || !found.node ? found.entryKey : { start: found.entryKey.start, end: found.node.range.end };
    }
    if (!found.exact && found.entryKey) return found.entryKey;
    return found.node?.range ?? { start: this.start, end: this.start };
  }

  /** whether `path` exists in the source (merge-key values do not) */
  has(path: DataPath): boolean {
    if (this.tree === null && this.events) return locateInEvents(this.events, this.source, this.base, path)?.exact ?? false;
    return this.find(path).exact;
  }

  /** the keys of the mapping at `path`, in source order, with their ranges */
  keysAt(path: DataPath): { key: string | null; range: Range }[] {
    const found = this.find(path);
    if (!found.exact || found.node?.kind !== 'map') return [];
    return found.node.entries.map((e) => ({ key: e.key, range: e.keyRange }));
  }

  private find(path: DataPath): { node: PositionNode | undefined; entryKey?: Range; exact: boolean } {
    let node = this.root;
    let entryKey: Range | undefined;
    for (const seg of path) {
      if (!node) return { node, exact: false };
      if (node.kind === 'map') {
        const entry = findEntry(node.entries, seg);
        if (!entry) return { node, entryKey, exact: false };
        entryKey = entry.keyRange;
        node = entry.value.kind === 'scalar' && entry.value.empty ? { ...entry.value, range: entry.keyRange } : entry.value;
      } else if (node.kind === 'seq' && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) return { node, entryKey, exact: false };
        entryKey = undefined;
        node = item;
      } else {
        return { node, entryKey, exact: false };
      }
    }
    return { node, entryKey, exact: true };
  }
}

function findEntry(entries: readonly { key: string | null; keyRange: Range; value: PositionNode }[], seg: PathSegment) {
  const wanted = String(seg);
  let last;
  for (const e of entries) if (e.key === wanted) last = e;
  return last;
}
