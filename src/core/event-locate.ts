import type { Event } from 'js-yaml';
import { jsYaml } from './js-yaml.js';

const { EVENT_ID, getScalarValue } = jsYaml;
import type { PackedEvents } from './packed-events.js';
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
  let i = 1;
  let node = rangeAt(events, i, source, base);
  let key: Range | undefined;
  for (const seg of path) {
    const type = events.type(i);
    if (type === EVENT_ID.MAPPING) {
      let j = i + 1;
      let found = -1;
      let foundKey: Range | undefined;
      const wanted = String(seg);
      while (j < events.length && events.type(j) !== EVENT_ID.POP) {
        const valueAt = skip(events, j);
        if (events.type(j) === EVENT_ID.SCALAR) {
          const k = events.at(j) as Extract<Event, { type: 4 }>;
          if (k.valueStart >= 0 && keyEquals(source, k, wanted)) {
            found = valueAt;
            const q = quoteWidth(source, k);
            foundKey = { start: base + k.valueStart - q, end: base + k.valueEnd + q };
          }
        }
        j = skip(events, valueAt);
      }
      if (found === -1) return { node, key, exact: false };
      i = found;
      key = foundKey;
      const v = events.at(i);
      node = v.type === EVENT_ID.SCALAR && v.valueStart < 0 && foundKey ? foundKey : rangeAt(events, i, source, base);
    } else if (type === EVENT_ID.SEQUENCE && typeof seg === 'number') {
      let j = i + 1;
      let n = 0;
      while (j < events.length && events.type(j) !== EVENT_ID.POP && n < seg) {
        j = skip(events, j);
        n++;
      }
      if (j >= events.length || events.type(j) === EVENT_ID.POP) return { node, key, exact: false };
      i = j;
      key = undefined;
      node = rangeAt(events, i, source, base);
    } else {
      return { node, key, exact: false };
    }
  }
  return { node, key, exact: true };
}

/** plain keys compare by their source text; quoted or escaped ones are decoded first */
function keyEquals(source: string, k: Extract<Event, { type: 4 }>, wanted: string): boolean {
  if (k.style === 1 && k.fast) return k.valueEnd - k.valueStart === wanted.length && source.startsWith(wanted, k.valueStart);
  return getScalarValue(source, k) === wanted;
}

/** index just after the node that starts at `i` */
function skip(events: PackedEvents, i: number): number {
  const t = events.type(i);
  if (t !== EVENT_ID.MAPPING && t !== EVENT_ID.SEQUENCE) return i + 1;
  let depth = 0;
  for (let j = i; j < events.length; j++) {
    const u = events.type(j);
    if (u === EVENT_ID.MAPPING || u === EVENT_ID.SEQUENCE) depth++;
    else if (u === EVENT_ID.POP && --depth === 0) return j + 1;
  }
  return events.length;
}

function quoteWidth(source: string, ev: Extract<Event, { type: 4 }>): number {
  return (ev.style === 2 || ev.style === 3) && (source[ev.valueStart - 1] === "'" || source[ev.valueStart - 1] === '"') ? 1 : 0;
}

/** the start of a node, and its end: scalars exactly, collections at their last scalar (flow ones at the bracket) */
function rangeAt(events: PackedEvents, i: number, source: string, base: number): Range {
  const ev = events.at(i);
  switch (ev.type) {
    case EVENT_ID.SCALAR: {
      if (ev.valueStart < 0) return { start: base, end: base };
      const q = quoteWidth(source, ev);
      const start = ev.anchorStart >= 0 ? Math.min(ev.anchorStart, ev.valueStart - q) : ev.tagStart >= 0 ? Math.min(ev.tagStart, ev.valueStart - q) : ev.valueStart - q;
      return { start: base + start, end: base + ev.valueEnd + q };
    }
    case EVENT_ID.ALIAS:
      return { start: base + ev.anchorStart - 1, end: base + ev.anchorEnd };
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE: {
      const start = ev.anchorStart >= 0 ? Math.min(ev.anchorStart, ev.start) : ev.start;
      const end = lastEnd(events, i, skip(events, i));
      if (ev.style !== 2) return { start: base + start, end: base + Math.max(end, start) };
      return { start: base + start, end: base + (end === ev.start ? ev.start + 2 : end + 1) };
    }
    default:
      return { start: base, end: base };
  }
}

function lastEnd(events: PackedEvents, from: number, to: number): number {
  for (let j = to - 1; j > from; j--) {
    const t = events.type(j);
    if (t === EVENT_ID.SCALAR) {
      const ev = events.at(j) as Extract<Event, { type: 4 }>;
      if (ev.valueEnd >= 0) return ev.valueEnd;
    }
    if (t === EVENT_ID.ALIAS) return (events.at(j) as Extract<Event, { type: 5 }>).anchorEnd;
  }
  const ev = events.at(from);
  return ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE ? ev.start : 0;
}
