import { locateInEvents, locateKeyTrie, type EventLocation } from './event-locate.js';
import { PackedEvents } from './packed-events.js';
import { hadPath, keepRanges, keepTrie, keptTree, type KeepTrie, type KeptRanges, type PathRanges } from './kept-ranges.js';
import { buildPositionTree, type PositionNode } from './position-tree.js';
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
  /** the ranges a detached document keeps, and the paths they are for */
  kept?: { paths: readonly DataPath[]; data: Int32Array };
}

/** One YAML document of a file: its plain value and, lazily, the source range of every node. */
export class YamlDoc {
  private tree: PositionNode | undefined | null = null;
  /** set when detached: the ranges of the paths kept */
  private kept: KeptRanges | undefined;

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
    const kept = this.kept ? { paths: this.kept.trie.paths, data: this.kept.data } : undefined;
    return { index: this.index, value: this.value, start: this.start, base: this.base, events: this.events?.data, tree: this.tree, ...(kept ? { kept } : {}) };
  }

  static fromWire(w: WireDoc, source: string): YamlDoc {
    const doc = new YamlDoc(w.index, w.value, w.start, w.events ? PackedEvents.fromData(w.events) : undefined, source, w.base);
    doc.tree = w.tree;
    if (w.kept) doc.kept = { trie: keepTrie(w.kept.paths), data: w.kept.data };
    return doc;
  }

  /** the document's tree of source ranges (edits walk it) */
  get root(): PositionNode | undefined {
    return this.readTree();
  }

  /**
   * Keeps only what later readers need of a document nobody edits: the values and source ranges at `keep` (and their
   * parents); everything else (parser events, the rest of the value) is released. Lookups elsewhere fall back to the
   * nearest kept ancestor, as for any missing path.
   */
  detach(keep: readonly DataPath[]): void {
    if (this.kept) return;
    const trie = keepTrie(keep);
    const ranges = keepRanges(trie, this.locate([]), this.rangesOfTrie(trie) ?? ((_node, path) => this.rangesOf(path)));
    const stub: Record<string, unknown> = {};
    keep.forEach((path, p) => {
      if (!hadPath(ranges, p)) return;
      let target = stub;
      let source: unknown = this.value;
      for (let i = 0; i < path.length; i++) {
        const seg = String(path[i]);
        source = (source as Record<string, unknown> | undefined)?.[seg];
        if (i === path.length - 1) target[seg] = source;
        else target = (target[seg] ??= {}) as Record<string, unknown>;
      }
    });
    (this as { value: unknown }).value = stub;
    this.kept = ranges;
    this.tree = undefined;
    this.events = undefined;
  }

  /** rangesOf for the nodes of `trie`, all found in one walk of the events (for paths of mapping keys only) */
  private rangesOfTrie(trie: KeepTrie): ((node: number) => PathRanges | undefined) | undefined {
    if (this.tree !== null || !this.events || trie.paths.some((p) => p.some((seg) => typeof seg !== 'string'))) return undefined;
    const found = locateKeyTrie(this.events, this.source, this.base, trie.child);
    return (node) => {
      const f = found[node];
      return f && { key: rangeFor(f, 'key'), value: rangeFor(f, 'value') };
    };
  }

  /** has(path), locate(path, 'key') and locate(path, 'value') in one lookup: undefined when the path is missing */
  private rangesOf(path: DataPath): PathRanges | undefined {
    const found = this.lookup(path);
    return found.exact ? { key: rangeFor(found, 'key'), value: rangeFor(found, 'value') } : undefined;
  }

  /**
   * The source range of `path`. When the path does not exist (a missing key, a value that came from a
   * merge key), the range of the deepest existing ancestor is returned, so a finding never falls back to line 1.
   */
  locate(path: DataPath, target: LocateTarget = 'value'): Range {
    return rangeFor(this.lookup(path), target);
  }

  /** whether `path` exists in the source (merge-key values do not) */
  has(path: DataPath): boolean {
    return this.lookup(path).exact;
  }

  /** where `path` is (or its deepest existing ancestor), from the parser events while no tree is at hand */
  private lookup(path: DataPath): EventLocation {
    if (this.tree === null && this.events) return locateInEvents(this.events, this.source, this.base, path) ?? { node: { start: this.start, end: this.start }, exact: false };
    const found = this.find(path);
    return { node: found.node?.range ?? { start: this.start, end: this.start }, key: found.entryKey, exact: found.exact };
  }

  /** the keys of the mapping at `path`, in source order, with their ranges */
  keysAt(path: DataPath): { key: string | null; range: Range }[] {
    const found = this.find(path);
    if (!found.exact || found.node?.kind !== 'map') return [];
    return found.node.entries.map((e) => ({ key: e.key, range: e.keyRange }));
  }

  /**
   * The tree to read positions from. One built from the parser events is not kept on the document, only as the most
   * recent one read (an edit reads it several times in a row): keeping one per document read or edited cost memory,
   * and V8, seeing trees live on, then allocated every later tree straight in its old generation, where the short-lived
   * ones of a rule computing thousands of fixes piled up as garbage.
   */
  private readTree(): PositionNode | undefined {
    if (this.kept) return keptTree(this.kept);
    if (this.tree !== null || !this.events) return this.tree ?? undefined;
    if (lastRead?.doc !== this) lastRead = { doc: this, tree: buildPositionTree(this.events.unpack(), this.source, this.base) };
    return lastRead.tree;
  }

  private find(path: DataPath): { node: PositionNode | undefined; entryKey?: Range; exact: boolean } {
    let node = this.readTree();
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

let lastRead: { doc: YamlDoc; tree: PositionNode | undefined } | undefined;

/** the range `locate` answers with for `target`, from what a lookup found */
function rangeFor(found: EventLocation, target: LocateTarget): Range {
  if (found.exact && found.key && target !== 'value') return target === 'key' ? found.key : { start: found.key.start, end: found.node.end };
  if (!found.exact && found.key) return found.key;
  return found.node;
}

function findEntry(entries: readonly { key: string | null; keyRange: Range; value: PositionNode }[], seg: PathSegment) {
  const wanted = String(seg);
  let last;
  for (const e of entries) if (e.key === wanted) last = e;
  return last;
}
