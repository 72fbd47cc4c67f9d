import type { Event } from 'js-yaml';
import { jsYaml } from './js-yaml.js';

const { EVENT_ID } = jsYaml;

const FIELDS = 4;
// slot 0: type | style << 4 | chomping << 8 | fast << 12 | decorated << 13 | document flags << 16 (each a small enum)
// slots 1-3: scalars: valueStart, valueEnd, indent; collections: start and, in slot 2, the index of the POP that
// closes them (documents too), so a reader skips a whole subtree in one step; a POP: in slot 1, the index of what it
// closes; aliases: anchorStart, anchorEnd
const CLOSED_AT = 2;
const OPENED_AT = 1;
const DECORATED = 1 << 13;
// an anchor or a tag (rare) goes to a row of its own after the events: event index, anchorStart, anchorEnd, tagStart, tagEnd
const EXTRA = 5;

/**
 * One document's parser events in an Int32Array of four numbers an event (a tenth of the memory of the event objects
 * and nothing for the garbage collector to trace), anchors and tags in rows after them. Layout: the number of events,
 * the events, the rows. Positions are looked up straight from it; `unpack()` rebuilds the objects for the rare callers
 * that need a tree.
 */
export class PackedEvents {
  private readonly count: number;

  private constructor(private readonly packed: Int32Array) {
    this.count = packed[0] as number;
  }

  static pack(events: readonly Event[]): PackedEvents {
    let decorated = 0;
    for (const ev of events) if (isDecorated(ev)) decorated++;
    const data = new Int32Array(1 + events.length * FIELDS + decorated * EXTRA);
    data[0] = events.length;
    let row = 1 + events.length * FIELDS;
    const open: number[] = [];
    for (let i = 0; i < events.length; i++) {
      const ev = events[i] as Event;
      const o = 1 + i * FIELDS;
      let head: number;
      if (ev.type === EVENT_ID.DOCUMENT || ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) open.push(o);
      else if (ev.type === EVENT_ID.POP) {
        const at = open.pop();
        if (at !== undefined) {
          data[at + CLOSED_AT] = i;
          data[o + OPENED_AT] = (at - 1) / FIELDS;
        }
      }
      switch (ev.type) {
        case EVENT_ID.DOCUMENT:
          head = ev.type | (((ev.explicitStart ? 1 : 0) | (ev.explicitEnd ? 2 : 0)) << 16);
          break;
        case EVENT_ID.SEQUENCE:
        case EVENT_ID.MAPPING:
          head = ev.type | (ev.style << 4);
          data[o + 1] = ev.start;
          break;
        case EVENT_ID.SCALAR:
          head = ev.type | (ev.style << 4) | (ev.chomping << 8) | ((ev.fast ? 1 : 0) << 12);
          data[o + 1] = ev.valueStart;
          data[o + 2] = ev.valueEnd;
          data[o + 3] = ev.indent;
          break;
        case EVENT_ID.ALIAS:
          head = ev.type;
          data[o + 1] = ev.anchorStart;
          data[o + 2] = ev.anchorEnd;
          break;
        default:
          head = ev.type;
          break;
      }
      if (isDecorated(ev)) {
        head |= DECORATED;
        data.set([i, ev.anchorStart, ev.anchorEnd, ev.tagStart, ev.tagEnd], row);
        row += EXTRA;
      }
      data[o] = head;
    }
    return new PackedEvents(data);
  }

  /** the packed array itself, to hand to another thread (its buffer is transferred, not copied) */
  get data(): Int32Array {
    return this.packed;
  }

  /** events packed by another thread */
  static fromData(data: Int32Array): PackedEvents {
    const count = data[0] ?? -1;
    const rows = data.length - 1 - count * FIELDS;
    if (count < 0 || rows < 0 || rows % EXTRA !== 0) throw new Error(`packed events: ${data.length} numbers do not hold ${count} events`);
    return new PackedEvents(data);
  }

  get length(): number {
    return this.count;
  }

  /** the event at `i` as the object js-yaml's helpers (getScalarValue) expect */
  at(i: number): Event {
    const d = this.packed;
    const o = 1 + i * FIELDS;
    const head = d[o] as number;
    const type = head & 0xf;
    const style = (head >> 4) & 0xf;
    const row = (head & DECORATED) === 0 ? -1 : this.rowOf(i);
    switch (type) {
      case EVENT_ID.DOCUMENT:
        return { type: EVENT_ID.DOCUMENT, explicitStart: ((head >> 16) & 1) === 1, explicitEnd: ((head >> 16) & 2) === 2, directives: [] };
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        return {
          type,
          start: d[o + 1] as number,
          anchorStart: row < 0 ? -1 : (d[row + 1] as number),
          anchorEnd: row < 0 ? -1 : (d[row + 2] as number),
          tagStart: row < 0 ? -1 : (d[row + 3] as number),
          tagEnd: row < 0 ? -1 : (d[row + 4] as number),
          style: style as 1 | 2,
        } as Event;
      case EVENT_ID.SCALAR:
        return {
          type: EVENT_ID.SCALAR,
          valueStart: d[o + 1] as number,
          valueEnd: d[o + 2] as number,
          anchorStart: row < 0 ? -1 : (d[row + 1] as number),
          anchorEnd: row < 0 ? -1 : (d[row + 2] as number),
          tagStart: row < 0 ? -1 : (d[row + 3] as number),
          tagEnd: row < 0 ? -1 : (d[row + 4] as number),
          style: style as 1,
          chomping: ((head >> 8) & 0xf) as 1,
          indent: d[o + 3] as number,
          fast: ((head >> 12) & 1) === 1,
        };
      case EVENT_ID.ALIAS:
        return { type: EVENT_ID.ALIAS, anchorStart: d[o + 1] as number, anchorEnd: d[o + 2] as number };
      default:
        return { type: EVENT_ID.POP };
    }
  }

  type(i: number): number {
    return (this.packed[1 + i * FIELDS] as number) & 0xf;
  }

  /** where a scalar's value ends (`at(i).valueEnd`) or an alias's name (`anchorEnd`), without building the event */
  valueEnd(i: number): number {
    return this.packed[1 + i * FIELDS + 2] as number;
  }

  /** where a scalar's value starts, -1 for an empty one (`at(i).valueStart`) */
  valueStart(i: number): number {
    return this.packed[1 + i * FIELDS + 1] as number;
  }

  style(i: number): number {
    return ((this.packed[1 + i * FIELDS] as number) >> 4) & 0xf;
  }

  /** a plain scalar whose value is its source text as written (no escapes, no folding: js-yaml's `fast`) */
  isPlainText(i: number): boolean {
    const head = this.packed[1 + i * FIELDS] as number;
    return (head & (0xf | (0xf << 4) | (1 << 12))) === (EVENT_ID.SCALAR | (1 << 4) | (1 << 12));
  }

  /** the index just after the node that starts at `i` (after its closing POP for a collection or a document) */
  after(i: number): number {
    const o = 1 + i * FIELDS;
    const type = (this.packed[o] as number) & 0xf;
    if (type !== EVENT_ID.MAPPING && type !== EVENT_ID.SEQUENCE && type !== EVENT_ID.DOCUMENT) return i + 1;
    const closed = this.closedAt(i);
    return closed === -1 ? this.count : closed + 1;
  }

  /** the index of the collection or document the POP at `i` closes; -1 when the events start inside it */
  openedAt(i: number): number {
    const opened = this.packed[1 + i * FIELDS + OPENED_AT] as number;
    return opened < i && ((this.packed[1 + i * FIELDS] as number) & 0xf) === EVENT_ID.POP ? opened : -1;
  }

  /** the index of the POP that closes the collection or document at `i`; -1 when the events end before it */
  closedAt(i: number): number {
    const closed = this.packed[1 + i * FIELDS + CLOSED_AT] as number;
    return closed > i ? closed : -1;
  }

  unpack(): Event[] {
    const out: Event[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }

  /** where the anchor and tag row of event `i` starts (rows are in event order), -1 when it has none */
  private rowOf(i: number): number {
    const d = this.packed;
    const first = 1 + this.count * FIELDS;
    let lo = 0;
    let hi = (d.length - first) / EXTRA - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = first + mid * EXTRA;
      const at = d[r] as number;
      if (at === i) return r;
      if (at < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

function isDecorated(ev: Event): ev is Extract<Event, { tagStart: number }> {
  return 'tagStart' in ev && (ev.anchorStart >= 0 || ev.tagStart >= 0);
}
