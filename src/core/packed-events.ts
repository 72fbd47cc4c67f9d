import type { Event } from 'js-yaml';
import { jsYaml } from './js-yaml.js';

const { EVENT_ID } = jsYaml;

const FIELDS = 12;

/**
 * One document's parser events in an Int32Array: a third of the memory of the event objects and nothing for the
 * garbage collector to trace. Positions are looked up straight from it; `unpack()` rebuilds the objects for the
 * rare callers that need a tree.
 */
export class PackedEvents {
  private constructor(private readonly packed: Int32Array) {}

  static pack(events: readonly Event[]): PackedEvents {
    const data = new Int32Array(events.length * FIELDS);
    events.forEach((ev, i) => {
      const o = i * FIELDS;
      data[o] = ev.type;
      switch (ev.type) {
        case EVENT_ID.DOCUMENT:
          data[o + 1] = (ev.explicitStart ? 1 : 0) | (ev.explicitEnd ? 2 : 0);
          break;
        case EVENT_ID.SEQUENCE:
        case EVENT_ID.MAPPING:
          data[o + 1] = ev.start;
          data[o + 4] = ev.anchorStart;
          data[o + 5] = ev.anchorEnd;
          data[o + 6] = ev.tagStart;
          data[o + 7] = ev.tagEnd;
          data[o + 8] = ev.style;
          break;
        case EVENT_ID.SCALAR:
          data[o + 2] = ev.valueStart;
          data[o + 3] = ev.valueEnd;
          data[o + 4] = ev.anchorStart;
          data[o + 5] = ev.anchorEnd;
          data[o + 6] = ev.tagStart;
          data[o + 7] = ev.tagEnd;
          data[o + 8] = ev.style;
          data[o + 9] = ev.chomping;
          data[o + 10] = ev.indent;
          data[o + 11] = ev.fast ? 1 : 0;
          break;
        case EVENT_ID.ALIAS:
          data[o + 4] = ev.anchorStart;
          data[o + 5] = ev.anchorEnd;
          break;
        default:
          break;
      }
    });
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
    const type = d[o] as number;
    switch (type) {
      case EVENT_ID.DOCUMENT:
        return { type: EVENT_ID.DOCUMENT, explicitStart: ((d[o + 1] as number) & 1) === 1, explicitEnd: ((d[o + 1] as number) & 2) === 2, directives: [] };
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        return {
          type,
          start: d[o + 1] as number,
          anchorStart: d[o + 4] as number,
          anchorEnd: d[o + 5] as number,
          tagStart: d[o + 6] as number,
          tagEnd: d[o + 7] as number,
          style: d[o + 8] as 1 | 2,
        } as Event;
      case EVENT_ID.SCALAR:
        return {
          type: EVENT_ID.SCALAR,
          valueStart: d[o + 2] as number,
          valueEnd: d[o + 3] as number,
          anchorStart: d[o + 4] as number,
          anchorEnd: d[o + 5] as number,
          tagStart: d[o + 6] as number,
          tagEnd: d[o + 7] as number,
          style: d[o + 8] as 1,
          chomping: d[o + 9] as 1,
          indent: d[o + 10] as number,
          fast: d[o + 11] === 1,
        };
      case EVENT_ID.ALIAS:
        return { type: EVENT_ID.ALIAS, anchorStart: d[o + 4] as number, anchorEnd: d[o + 5] as number };
      default:
        return { type: EVENT_ID.POP };
    }
  }

  type(i: number): number {
    return this.packed[i * FIELDS] as number;
  }

  unpack(): Event[] {
    const out: Event[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}
