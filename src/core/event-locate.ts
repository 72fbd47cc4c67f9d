import { EVENT_ID, getScalarValue, type Event } from 'js-yaml';
import type { Range } from './types.js';

export interface EventLocation {
  /** range of the node at the deepest path segment found */
  node: Range;
  /** key range of the last mapping entry on the way, when the node is a mapping value */
  key?: Range;
  exact: boolean;
}

/**
 * Finds a data path in one document's parser events without building a tree: walks the flat event list,
 * skipping whole subtrees, and allocates only the key strings it compares. Used by `YamlDoc.locate` for the
 * handful of lookups a scan makes per document.
 */
export function locateInEvents(events: readonly Event[], source: string, base: number, path: readonly (string | number)[]): EventLocation | undefined {
  if (events.length < 2) return undefined;
  let i = 1;
  let node = rangeAt(events, i, source, base);
  let key: Range | undefined;
  for (const seg of path) {
    const ev = events[i] as Event;
    if (ev.type === EVENT_ID.MAPPING) {
      let j = i + 1;
      let found = -1;
      let foundKey: Range | undefined;
      while (j < events.length && (events[j] as Event).type !== EVENT_ID.POP) {
        const k = events[j] as Event;
        const valueAt = skip(events, j);
        if (k.type === EVENT_ID.SCALAR && k.valueStart >= 0 && getScalarValue(source, k) === String(seg)) {
          found = valueAt;
          foundKey = { start: base + k.valueStart - quoteWidth(source, k), end: base + k.valueEnd + quoteWidth(source, k) };
        }
        j = skip(events, valueAt);
      }
      if (found === -1) return { node, key, exact: false };
      i = found;
      key = foundKey;
      const v = events[i] as Event;
      node = v.type === EVENT_ID.SCALAR && v.valueStart < 0 && foundKey ? foundKey : rangeAt(events, i, source, base);
    } else if (ev.type === EVENT_ID.SEQUENCE && typeof seg === 'number') {
      let j = i + 1;
      let n = 0;
      while (j < events.length && (events[j] as Event).type !== EVENT_ID.POP && n < seg) {
        j = skip(events, j);
        n++;
      }
      if (j >= events.length || (events[j] as Event).type === EVENT_ID.POP) return { node, key, exact: false };
      i = j;
      key = undefined;
      node = rangeAt(events, i, source, base);
    } else {
      return { node, key, exact: false };
    }
  }
  return { node, key, exact: true };
}

/** index just after the node that starts at `i` */
function skip(events: readonly Event[], i: number): number {
  const t = (events[i] as Event).type;
  if (t !== EVENT_ID.MAPPING && t !== EVENT_ID.SEQUENCE) return i + 1;
  let depth = 0;
  for (let j = i; j < events.length; j++) {
    const u = (events[j] as Event).type;
    if (u === EVENT_ID.MAPPING || u === EVENT_ID.SEQUENCE) depth++;
    else if (u === EVENT_ID.POP && --depth === 0) return j + 1;
  }
  return events.length;
}

function quoteWidth(source: string, ev: Extract<Event, { type: 4 }>): number {
  return (ev.style === 2 || ev.style === 3) && (source[ev.valueStart - 1] === "'" || source[ev.valueStart - 1] === '"') ? 1 : 0;
}

/** the start of a node, and its end where the events tell it cheaply (scalars); collections end at their last scalar */
function rangeAt(events: readonly Event[], i: number, source: string, base: number): Range {
  const ev = events[i] as Event;
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

function lastEnd(events: readonly Event[], from: number, to: number): number {
  for (let j = to - 1; j > from; j--) {
    const ev = events[j] as Event;
    if (ev.type === EVENT_ID.SCALAR && ev.valueEnd >= 0) return ev.valueEnd;
    if (ev.type === EVENT_ID.ALIAS) return ev.anchorEnd;
  }
  const ev = events[from] as Event;
  return ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE ? ev.start : 0;
}
