import type { Event } from 'js-yaml';
import { jsYaml } from './js-yaml.js';

const { EVENT_ID, getScalarValue } = jsYaml;
import type { PackedEvents } from './packed-events.js';
import { closingBracket, firstOf, quoteEnd, quoteStart } from './position-tree.js';
import type { Range } from './types.js';

export interface EventLocation {
  /** range of the node at the deepest path segment found */
  node: Range;
  /** key range of the last mapping entry on the way, when the node is a mapping value */
  key?: Range;
  exact: boolean;
}

/**
 * Finds a data path in one document's packed parser events without building a tree: walks the flat list,
 * skipping whole subtrees by event type, and materialises only the key events it compares. Used by
 * `YamlDoc.locate` for the handful of lookups a scan makes per document.
 */
export function locateInEvents(events: PackedEvents, source: string, base: number, path: readonly (string | number)[]): EventLocation | undefined {
  if (events.length < 2) return undefined;
  // the node's range is computed once, for where the walk stops: a collection's end costs a walk of its own
  let i = 1;
  let key: Range | undefined;
  const stop = (exact: boolean): EventLocation => ({ node: valueRange(events, i, key, source, base), key, exact });
  for (const seg of path) {
    const type = events.type(i);
    if (type === EVENT_ID.MAPPING) {
      let found = -1;
      let foundKey = -1;
      const wanted = String(seg);
      forEachEntry(events, i, (k, v) => {
        if (keyEquals(events, k, source, wanted)) [foundKey, found] = [k, v];
      });
      if (found === -1) return stop(false);
      i = found;
      key = keyRange(events, foundKey, source, base);
    } else if (type === EVENT_ID.SEQUENCE && typeof seg === 'number') {
      let j = i + 1;
      let n = 0;
      while (j < events.length && events.type(j) !== EVENT_ID.POP && n < seg) {
        j = events.after(j);
        n++;
      }
      if (j >= events.length || events.type(j) === EVENT_ID.POP) return stop(false);
      i = j;
      key = undefined;
    } else {
      return stop(false);
    }
  }
  return stop(true);
}

/**
 * locateInEvents for every node of a trie of mapping keys in one walk of the document: per trie node (by its index),
 * what a lookup of its path finds when the path exists (undefined when it does not). A mapping's keys are read once
 * for all the children the trie wants of it; the last of duplicate keys wins, as in a lookup.
 */
export function locateKeyTrie(
  events: PackedEvents,
  source: string,
  base: number,
  children: readonly ReadonlyMap<string, number>[],
): (EventLocation | undefined)[] {
  const out: (EventLocation | undefined)[] = new Array(children.length).fill(undefined);
  if (events.length < 2) return out;
  const visit = (node: number, i: number, key: Range | undefined) => {
    out[node] = { node: valueRange(events, i, key, source, base), key, exact: true };
    const wanted = children[node] as ReadonlyMap<string, number>;
    if (wanted.size === 0 || events.type(i) !== EVENT_ID.MAPPING) return;
    const found = new Map<number, [key: number, value: number]>();
    forEachEntry(events, i, (k, v) => {
      for (const [name, child] of wanted) if (keyEquals(events, k, source, name)) found.set(child, [k, v]);
    });
    for (const [child, [k, v]] of found) visit(child, v, keyRange(events, k, source, base));
  };
  visit(0, 1, undefined);
  return out;
}

/** calls `entry` with the event index of each scalar key of the mapping at `i` and of its value, in source order */
function forEachEntry(events: PackedEvents, i: number, entry: (key: number, value: number) => void): void {
  let j = i + 1;
  while (j < events.length && events.type(j) !== EVENT_ID.POP) {
    const value = events.after(j);
    if (events.type(j) === EVENT_ID.SCALAR) entry(j, value);
    j = events.after(value);
  }
}

/** the range of the scalar key at `j` (an empty one where the tree puts it) */
function keyRange(events: PackedEvents, j: number, source: string, base: number): Range {
  return events.valueStart(j) >= 0 ? scalarRange(events.at(j) as Extract<Event, { type: 4 }>, source, base) : emptyAt(events, j, source, base);
}

/** the range of the node at `i`, found under the key at `key`: an empty value takes its key's range, as in the tree */
function valueRange(events: PackedEvents, i: number, key: Range | undefined, source: string, base: number): Range {
  const emptyValue = key !== undefined && events.type(i) === EVENT_ID.SCALAR && events.valueStart(i) < 0;
  return emptyValue && key ? key : rangeAt(events, i, source, base);
}

/**
 * Whether the scalar key at `j` reads as `wanted`: a plain key written as its value compares by its source text;
 * others are decoded first; an empty key (`? ` or a tag alone) is the empty string, as the tree reads it.
 */
function keyEquals(events: PackedEvents, j: number, source: string, wanted: string): boolean {
  const start = events.valueStart(j);
  if (start < 0) return wanted === '';
  if (events.isPlainText(j)) return events.valueEnd(j) - start === wanted.length && source.startsWith(wanted, start);
  return getScalarValue(source, events.at(j) as Extract<Event, { type: 4 }>) === wanted;
}

/** a non-empty scalar's range, quotes, anchor and tag included: as buildPositionTree gives it */
function scalarRange(ev: Extract<Event, { type: 4 }>, source: string, base: number): Range {
  return { start: base + firstOf(ev.anchorStart, ev.tagStart, quoteStart(source, ev.valueStart, ev.style)), end: base + quoteEnd(source, ev.valueEnd, ev.style) };
}
/** the range of the node that starts at `i`: the one buildPositionTree gives it, so a lookup answers the same whether a tree was built or not */
function rangeAt(events: PackedEvents, i: number, source: string, base: number): Range {
  const ev = events.at(i);
  switch (ev.type) {
    case EVENT_ID.SCALAR:
      return ev.valueStart < 0 ? emptyAt(events, i, source, base) : scalarRange(ev, source, base);
    case EVENT_ID.ALIAS:
      return { start: base + ev.anchorStart - 1, end: base + ev.anchorEnd };
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return { start: base + firstOf(ev.anchorStart, ev.tagStart, ev.start), end: collectionEnd(events, i, source, base) };
    default:
      return { start: base, end: base };
  }
}

/**
 * Where the collection starting at `i` ends, as buildPositionTree computes it: at the end of the last node in it with
 * text (a closing quote included; a nested collection's own end), at least at its own start; a flow collection at its
 * closing bracket after that.
 */
function collectionEnd(events: PackedEvents, i: number, source: string, base: number): number {
  const pop = events.closedAt(i);
  return closeAt(events, i, lastEndIn(events, i, pop === -1 ? events.length : pop, source, base), source, base);
}

/**
 * An empty scalar (a missing value, or an anchor or tag alone) has no text: the tree puts it, zero-width, after its
 * anchor or tag, else where the last node with text before it ended (the document's start when none did).
 */
function emptyAt(events: PackedEvents, i: number, source: string, base: number): Range {
  const ev = events.at(i) as Extract<Event, { type: 4 }>;
  const at = ev.anchorEnd >= 0 ? base + ev.anchorEnd : ev.tagEnd >= 0 ? base + ev.tagEnd : Math.max(base, lastEndIn(events, 0, i, source, base));
  return { start: at, end: at };
}

/**
 * The tree's running end at event `to`, looking back no further than event `from`: where the last node with text
 * ended (a collection closed before `to` counts as a whole), -Infinity when none did.
 */
function lastEndIn(events: PackedEvents, from: number, to: number, source: string, base: number): number {
  for (let j = to - 1; j > from; j--) {
    const t = events.type(j);
    if (t === EVENT_ID.SCALAR) {
      if (events.valueStart(j) >= 0) return base + quoteEnd(source, events.valueEnd(j), events.style(j));
    } else if (t === EVENT_ID.ALIAS) {
      return base + events.valueEnd(j);
    } else if (t === EVENT_ID.POP) {
      const open = events.openedAt(j);
      if (open > from) return collectionEnd(events, open, source, base);
    }
  }
  return Number.NEGATIVE_INFINITY;
}

/** the end of the collection at `i` whose content ends at `last` */
function closeAt(events: PackedEvents, i: number, last: number, source: string, base: number): number {
  const open = events.at(i) as Extract<Event, { type: 2 | 3 }>;
  const map = open.type === EVENT_ID.MAPPING;
  const end = Math.max(last, base + firstOf(open.anchorStart, open.tagStart, open.start) + (open.style === 2 && map ? 1 : 0));
  return open.style === 2 ? closingBracket(source, base, end, map ? '}' : ']') : end;
}
