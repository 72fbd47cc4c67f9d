import type { Event } from 'js-yaml';
import { jsYaml } from './js-yaml.js';

const { EVENT_ID, getScalarValue } = jsYaml;
import type { Range } from './types.js';

export interface MapEntry {
  /** the key as text, or null for a complex (collection) key */
  key: string | null;
  keyRange: Range;
  value: PositionNode;
}

export type PositionNode =
  | { kind: 'map'; range: Range; entries: MapEntry[] }
  | { kind: 'seq'; range: Range; items: PositionNode[] }
  | { kind: 'scalar'; range: Range; empty: boolean }
  | { kind: 'alias'; range: Range };

/**
 * Builds a tree of source ranges from one document's parser events (DOCUMENT ... POP).
 * Offsets are shifted by `base` so they point into the whole file.
 */
export function buildPositionTree(events: readonly Event[], source: string, base: number): PositionNode | undefined {
  let i = 0;
  let lastEnd = base;

  const node = (): PositionNode => {
    const ev = events[i++] as Event;
    switch (ev.type) {
      case EVENT_ID.SCALAR: {
        if (ev.valueStart < 0) {
          const at = ev.anchorEnd >= 0 ? base + ev.anchorEnd : ev.tagEnd >= 0 ? base + ev.tagEnd : lastEnd;
          return { kind: 'scalar', range: { start: at, end: at }, empty: true };
        }
        const start = base + firstOf(ev.anchorStart, ev.tagStart, quoteStart(source, ev.valueStart, ev.style));
        const end = base + quoteEnd(source, ev.valueEnd, ev.style);
        lastEnd = end;
        return { kind: 'scalar', range: { start, end }, empty: false };
      }
      case EVENT_ID.ALIAS: {
        const range = { start: base + ev.anchorStart - 1, end: base + ev.anchorEnd };
        lastEnd = range.end;
        return { kind: 'alias', range };
      }
      case EVENT_ID.MAPPING: {
        const start = base + firstOf(ev.anchorStart, ev.tagStart, ev.start);
        const entries: MapEntry[] = [];
        while (i < events.length && (events[i] as Event).type !== EVENT_ID.POP) {
          const keyEvent = events[i] as Event;
          const keyNode = node();
          const key = keyEvent.type === EVENT_ID.SCALAR ? scalarText(source, keyEvent) : null;
          const value = node();
          entries.push({ key, keyRange: keyNode.range, value });
        }
        i++;
        // a flow mapping's closing brace is looked for after its last value, or after its `{` when it is empty
        const end = Math.max(lastEnd, start + (ev.style === 2 ? 1 : 0));
        const range = { start, end: ev.style === 2 ? closingBracket(source, base, end, '}') : end };
        lastEnd = range.end;
        return { kind: 'map', range, entries };
      }
      case EVENT_ID.SEQUENCE: {
        const start = base + firstOf(ev.anchorStart, ev.tagStart, ev.start);
        const items: PositionNode[] = [];
        while (i < events.length && (events[i] as Event).type !== EVENT_ID.POP) items.push(node());
        i++;
        const end = Math.max(lastEnd, start);
        const range = { start, end: ev.style === 2 ? closingBracket(source, base, end, ']') : end };
        lastEnd = range.end;
        return { kind: 'seq', range, items };
      }
      default:
        throw new Error(`unexpected YAML event ${ev.type}`);
    }
  };

  if (events.length < 2 || (events[0] as Event).type !== EVENT_ID.DOCUMENT) return undefined;
  i = 1;
  if ((events[1] as Event).type === EVENT_ID.POP) return undefined;
  return node();
}

function scalarText(source: string, ev: Extract<Event, { type: 4 }>): string {
  if (ev.valueStart < 0) return '';
  return getScalarValue(source, ev);
}

export function firstOf(...offsets: number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const o of offsets) if (o >= 0 && o < best) best = o;
  return best;
}

/** quoted scalars report the inside of the quotes; widen to include them */
export function quoteStart(source: string, start: number, style: number): number {
  if (style === 2 || style === 3) {
    const q = style === 2 ? "'" : '"';
    if (source[start - 1] === q) return start - 1;
  }
  return start;
}

export function quoteEnd(source: string, end: number, style: number): number {
  if (style === 2 || style === 3) {
    const q = style === 2 ? "'" : '"';
    if (source[end] === q) return end + 1;
  }
  return end;
}

export function closingBracket(source: string, base: number, from: number, bracket: string): number {
  const local = from - base;
  const at = source.indexOf(bracket, local);
  return at === -1 ? from : base + at + 1;
}
