// PackedEvents (src/core/packed-events.ts) keeps every document's parser events for positions: unpacking must give back
// exactly the events js-yaml produced, anchors and tags included (they are stored apart from the events).
import { describe, expect, it } from 'vitest';
import { jsYaml } from '../src/core/js-yaml.js';
import { PackedEvents } from '../src/core/packed-events.js';

const text = [
  '--- !shop',
  'plain: value',
  'anchored: &a {x: 1, "y": [2, 3]}',
  'alias: *a',
  'tagged: !!str 42',
  'both: &b !custom text',
  'block: |-',
  '  line one',
  '  line two',
  'folded: >+',
  '  folded',
  '',
  "quoted: 'it''s'",
  'seq: &s',
  '  - &i one',
  '  - !t two',
  '  - *i',
  'empty:',
  '...',
  '---',
  '- last',
  '',
].join('\n');

describe('PackedEvents', () => {
  const events = jsYaml.parseEvents(text, { maxDepth: 100 });

  it('unpacks to the events js-yaml produced (documents without their directives)', () => {
    const expected = events.map((e) => (e.type === jsYaml.EVENT_ID.DOCUMENT ? { ...e, directives: [] } : e));
    expect(PackedEvents.pack(events).unpack()).toEqual(expected);
  });

  it('knows where each node ends (after the POP that closes a collection or a document, else the next event) and what each POP closes', () => {
    for (const doc of [events, jsYaml.parseEvents('a:\n  b: [1, {c: d}]\n  e: {}\nf: []\n', { maxDepth: 100 })]) {
      const packed = PackedEvents.pack(doc);
      doc.forEach((ev, i) => {
        let end = i + 1;
        if (ev.type === jsYaml.EVENT_ID.DOCUMENT || ev.type === jsYaml.EVENT_ID.MAPPING || ev.type === jsYaml.EVENT_ID.SEQUENCE) {
          for (let depth = 0, j = i; j < doc.length; j++) {
            const t = (doc[j] as { type: number }).type;
            if (t === jsYaml.EVENT_ID.DOCUMENT || t === jsYaml.EVENT_ID.MAPPING || t === jsYaml.EVENT_ID.SEQUENCE) depth++;
            else if (t === jsYaml.EVENT_ID.POP && --depth === 0) {
              end = j + 1;
              break;
            }
          }
        }
        expect(packed.after(i), `event ${i}`).toBe(end);
        if (end > i + 1) expect(packed.openedAt(end - 1), `POP ${end - 1}`).toBe(i);
      });
    }
  });

  it('takes four numbers an event, and five more per anchored or tagged node', () => {
    const decorated = events.filter((e) => e.type !== jsYaml.EVENT_ID.ALIAS && 'tagStart' in e && (e.anchorStart >= 0 || e.tagStart >= 0)).length;
    expect(decorated).toBeGreaterThanOrEqual(7);
    expect(PackedEvents.pack(events).data.length).toBe(1 + 4 * events.length + 5 * decorated);
  });

  it('travels as its array (to and from a worker thread) and refuses an array of another shape', () => {
    const packed = PackedEvents.pack(events);
    expect(PackedEvents.fromData(packed.data.slice()).unpack()).toEqual(packed.unpack());
    expect(() => PackedEvents.fromData(packed.data.slice(0, packed.data.length - 1))).toThrow(/do not hold/);
    expect(() => PackedEvents.fromData(new Int32Array([-1]))).toThrow(/do not hold/);
  });
});
