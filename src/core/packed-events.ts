import type { Event } from 'js-yaml';
import { jsYaml } from './js-yaml.js';

const { EVENT_ID } = jsYaml;

const FIELDS = 8;
// slot 0: type | style << 4 | chomping << 8 | fast << 12 | document flags << 16 (each a small enum)
// slots 1-7: start (collections) or valueStart (scalars), valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, indent

/**
 * One document's parser events in an Int32Array, eight numbers an event: a fifth of the memory of the event objects
 * and nothing for the garbage collector to trace. Positions are looked up straight from it; `unpack()` rebuilds the
 * objects for the rare callers that need a tree.
 */
export class PackedEvents {
  private constructor(private readonly packed: Int32Array) {}

  static pack(events: readonly Event[]): PackedEvents {
    const data = new Int32Array(events.length * FIELDS);
    for (let i = 0; i < events.length; i++) {
      const ev = events[i] as Event;
      const o = i * FIELDS;
      switch (ev.type) {
        case EVENT_ID.DOCUMENT:
          data[o] = ev.type | (((ev.explicitStart ? 1 : 0) | (ev.explicitEnd ? 2 : 0)) << 16);
          break;
        case EVENT_ID.SEQUENCE:
        case EVENT_ID.MAPPING:
          data[o] = ev.type | (ev.style << 4);
          data[o + 1] = ev.start;
          data[o + 3] = ev.anchorStart;
          data[o + 4] = ev.anchorEnd;
          data[o + 5] = ev.tagStart;
          data[o + 6] = ev.tagEnd;
          break;
        case EVENT_ID.SCALAR:
          data[o] = ev.type | (ev.style << 4) | (ev.chomping << 8) | ((ev.fast ? 1 : 0) << 12);
          data[o + 1] = ev.valueStart;
          data[o + 2] = ev.valueEnd;
          data[o + 3] = ev.anchorStart;
          data[o + 4] = ev.anchorEnd;
          data[o + 5] = ev.tagStart;
          data[o + 6] = ev.tagEnd;
          data[o + 7] = ev.indent;
          break;
        case EVENT_ID.ALIAS:
          data[o] = ev.type;
          data[o + 3] = ev.anchorStart;
          data[o + 4] = ev.anchorEnd;
          break;
        default:
          data[o] = ev.type;
          break;
      }
    }
    return new PackedEvents(data);
  }

  /** the packed array itself, to hand to another thread (its buffer is transferred, not copied) */
  get data(): Int32Array {
    return this.packed;
  }

  /** events packed by another thread */
  static fromData(data: Int32Array): PackedEvents {
    if (data.length % FIELDS !== 0) throw new Error(`packed events: ${data.length} is not a multiple of ${FIELDS}`);
    return new PackedEvents(data);
  }

  get length(): number {
    return this.packed.length / FIELDS;
  }

  /** the event at `i` as the object js-yaml's helpers (getScalarValue) expect */
  at(i: number): Event {
    const d = this.packed;
    const o = i * FIELDS;
    const head = d[o] as number;
    const type = head & 0xf;
    const style = (head >> 4) & 0xf;
    switch (type) {
      case EVENT_ID.DOCUMENT:
        return { type: EVENT_ID.DOCUMENT, explicitStart: ((head >> 16) & 1) === 1, explicitEnd: ((head >> 16) & 2) === 2, directives: [] };
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        return {
          type,
          start: d[o + 1] as number,
          anchorStart: d[o + 3] as number,
          anchorEnd: d[o + 4] as number,
          tagStart: d[o + 5] as number,
          tagEnd: d[o + 6] as number,
          style: style as 1 | 2,
        } as Event;
      case EVENT_ID.SCALAR:
        return {
          type: EVENT_ID.SCALAR,
          valueStart: d[o + 1] as number,
          valueEnd: d[o + 2] as number,
          anchorStart: d[o + 3] as number,
          anchorEnd: d[o + 4] as number,
          tagStart: d[o + 5] as number,
          tagEnd: d[o + 6] as number,
          style: style as 1,
          chomping: ((head >> 8) & 0xf) as 1,
          indent: d[o + 7] as number,
          fast: ((head >> 12) & 1) === 1,
        };
      case EVENT_ID.ALIAS:
        return { type: EVENT_ID.ALIAS, anchorStart: d[o + 3] as number, anchorEnd: d[o + 4] as number };
      default:
        return { type: EVENT_ID.POP };
    }
  }

  type(i: number): number {
    return (this.packed[i * FIELDS] as number) & 0xf;
  }

  unpack(): Event[] {
    const out: Event[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}
