import { CORE_SCHEMA, EVENT_ID, constructFromEvents, legacyMapTag, mergeTag, parseEvents, type Event } from 'js-yaml';
import { PackedEvents } from './packed-events.js';
import { parseWithYaml } from './yaml-fallback.js';
import { YamlDoc } from './yaml-doc.js';

const SCHEMA = CORE_SCHEMA.withTags(mergeTag);
/** stringifies complex (collection) keys instead of failing, like go-yaml into map[string]any would not: used only to recover */
const LENIENT_SCHEMA = CORE_SCHEMA.withTags(mergeTag, legacyMapTag);
export const MAX_DEPTH = 100;
export const MAX_ALIASES = 100;

export type ParseProblemCode = 'syntax' | 'duplicate-key' | 'too-deep' | 'too-many-aliases';

export interface ParseProblem {
  code: ParseProblemCode;
  message: string;
  /** offset into the file text */
  offset: number;
}

export interface ParsedStream {
  docs: YamlDoc[];
  problems: ParseProblem[];
}

interface YamlErrorLike {
  reason?: string;
  message: string;
  mark?: { position: number };
}

/**
 * Parses a YAML stream with positions. Never throws: a syntax error in one document costs only that
 * document (the stream is split at `---` lines and the rest is parsed), duplicate keys are reported and
 * resolved last-wins, too-deep nesting and alias floods are refused.
 */
export function parseYamlStream(text: string): ParsedStream {
  const problems: ParseProblem[] = [];
  const whole = tryParse(text, 0, problems, false);
  if (whole) return { docs: whole, problems };
  problems.length = 0;
  const second = parseWithYaml(text, MAX_DEPTH);
  if (second) return { docs: second.map((d, i) => new YamlDoc(i, d.value, d.start, undefined, text, 0, d.tree)), problems };
  const docs: YamlDoc[] = [];
  for (const chunk of splitDocuments(text)) {
    const parsed = tryParse(chunk.text, chunk.offset, problems, true);
    if (parsed) for (const d of parsed) docs.push(reindex(d, docs.length));
  }
  return { docs, problems };
}

function reindex(doc: YamlDoc, index: number): YamlDoc {
  if (doc.index === index) return doc;
  Object.defineProperty(doc, 'index', { value: index });
  return doc;
}

function tryParse(source: string, base: number, problems: ParseProblem[], record: boolean): YamlDoc[] | undefined {
  let events: Event[];
  try {
    events = parseEvents(source, { maxDepth: MAX_DEPTH });
  } catch (e) {
    if (record) problems.push(toProblem(e, base));
    else if (!(isYamlError(e))) problems.push(toProblem(e, base));
    return undefined;
  }
  const docs: YamlDoc[] = [];
  let start = 0;
  for (let i = 0; i < events.length; i++) {
    if ((events[i] as Event).type !== EVENT_ID.DOCUMENT) continue;
    const end = documentEnd(events, i);
    const slice = events.slice(i, end + 1);
    const value = construct(slice, source, base, problems);
    docs.push(new YamlDoc(docs.length, value, base + firstOffset(slice, start), PackedEvents.pack(slice), source, base));
    start = lastOffset(slice, start);
    i = end;
  }
  return docs;
}

function construct(events: Event[], source: string, base: number, problems: ParseProblem[]): unknown {
  try {
    return constructFromEvents(events, { source, schema: SCHEMA, maxAliases: MAX_ALIASES })[0];
  } catch (e) {
    const problem = toProblem(e, base);
    if (/complex keys/.test(problem.message)) {
      try {
        return constructFromEvents(events, { source, schema: LENIENT_SCHEMA, maxAliases: MAX_ALIASES })[0];
      } catch {
        // fall through and report the original problem
      }
    }
    problems.push(problem);
    if (problem.code !== 'duplicate-key') return undefined;
    try {
      return constructFromEvents(events, { source, schema: SCHEMA, maxAliases: MAX_ALIASES, json: true })[0];
    } catch (e2) {
      problems.push(toProblem(e2, base));
      return undefined;
    }
  }
}

function documentEnd(events: Event[], start: number): number {
  let depth = 0;
  for (let i = start; i < events.length; i++) {
    const t = (events[i] as Event).type;
    if (t === EVENT_ID.DOCUMENT || t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return i;
  }
  return events.length - 1;
}

function firstOffset(events: Event[], fallback: number): number {
  for (const ev of events) {
    if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) return ev.anchorStart >= 0 ? Math.min(ev.anchorStart, ev.start) : ev.start;
    if (ev.type === EVENT_ID.SCALAR && ev.valueStart >= 0) return ev.valueStart;
  }
  return fallback;
}

function lastOffset(events: Event[], fallback: number): number {
  let last = fallback;
  for (const ev of events) if (ev.type === EVENT_ID.SCALAR && ev.valueEnd > last) last = ev.valueEnd;
  return last;
}

function isYamlError(e: unknown): e is YamlErrorLike {
  return typeof e === 'object' && e !== null && 'reason' in e;
}

function toProblem(e: unknown, base: number): ParseProblem {
  const err = (isYamlError(e) ? e : { message: String((e as Error)?.message ?? e) }) as YamlErrorLike;
  const reason = err.reason ?? err.message;
  const offset = base + (err.mark?.position ?? 0);
  if (/duplicated mapping key/.test(reason)) return { code: 'duplicate-key', message: 'duplicate mapping key', offset };
  if (/maxDepth/.test(reason)) return { code: 'too-deep', message: `nesting deeper than ${MAX_DEPTH} levels`, offset };
  if (/alias/i.test(reason) && /(max|many|exceed)/i.test(reason)) {
    return { code: 'too-many-aliases', message: `more than ${MAX_ALIASES} aliases in one document (possible alias bomb)`, offset };
  }
  return { code: 'syntax', message: reason, offset };
}

/** Splits a stream at `---` document markers so that one broken document does not hide the others. */
export function splitDocuments(text: string): { text: string; offset: number }[] {
  const chunks: { text: string; offset: number }[] = [];
  const re = /^---(?=[ \t\r\n]|$)/gm;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last || chunks.length > 0 || m.index > 0) {
      chunks.push({ text: text.slice(last, m.index), offset: last });
    }
    last = m.index;
    re.lastIndex = m.index + 3;
  }
  chunks.push({ text: text.slice(last), offset: last });
  return chunks.filter((c) => c.text.trim() !== '' && c.text.trim() !== '---');
}
