import type { Event } from 'js-yaml';
import { jsYaml } from './js-yaml.js';
import { PackedEvents } from './packed-events.js';
import { parseWithYaml } from './yaml-fallback.js';
import { YamlDoc } from './yaml-doc.js';

const { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, constructFromEvents, defineSequenceTag, legacyMapTag, mergeTag, parseEvents } = jsYaml;

/**
 * Sequences built by push and copied to an array of their size at the end: an array grown by push keeps room for 16
 * items, so a one-item sequence (most of them in manifests) took 230 bytes of heap instead of about 90, for as long as
 * the model lives. A sequence that contains itself (a recursive alias) cannot be finalised so: see GROWN_SEQUENCES.
 */
const compactSequences = defineSequenceTag<unknown[]>('tag:yaml.org,2002:seq', {
  create: () => [],
  addItem: (items, item) => {
    items.push(item);
  },
  finalize: (items) => items.slice(),
  identify: Array.isArray,
});
const SCHEMA = CORE_SCHEMA.withTags(mergeTag, compactSequences);
/** the default sequences, which a recursive alias can point into (the expansion check then reports the cycle) */
const GROWN_SEQUENCES = CORE_SCHEMA.withTags(mergeTag);
/** stringifies complex (collection) keys instead of failing, like go-yaml into map[string]any would not: used only to recover */
const LENIENT_SCHEMA = CORE_SCHEMA.withTags(mergeTag, compactSequences, legacyMapTag);
export const MAX_DEPTH = 100;
export const MAX_ALIASES = 100;
/** the least number of nodes a document may expand to through its aliases (see aliasBudget) */
export const MAX_EXPANDED_NODES = 100_000;
/** go-yaml's limit on an implicit (simple) key: the `:` at most 1024 characters after the key's start */
const MAX_IMPLICIT_KEY = 1024;

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
  return parseStream(text, true);
}

/** The problems parseYamlStream finds in `text`, without keeping documents (positions are not packed, nothing is classified). */
export function streamProblems(text: string): ParseProblem[] {
  return parseStream(text, false).problems;
}

function parseStream(text: string, keep: boolean): ParsedStream {
  const problems: ParseProblem[] = [];
  const whole = tryParse(text, 0, problems, keep);
  if (!('error' in whole)) return { docs: whole.docs, problems };
  problems.length = 0;
  const split = parseSplit(text, problems, keep);
  // the `yaml` second opinion is only for what js-yaml calls a syntax error, and never for a stream any document of
  // which js-yaml refused as too deep (`yaml` aborts the process on deep input)
  if (whole.error.code !== 'syntax' || problems.some((p) => p.code === 'too-deep')) return { docs: split, problems };
  const second = parseWithYaml(text, MAX_DEPTH);
  if (!second) return { docs: split, problems };
  const fallbackProblems: ParseProblem[] = [];
  const budget = aliasBudget(text.length);
  const docs = second.map((d, i) => {
    let value = d.value;
    if (text.includes('*') && expandedSize(value, budget) > budget) {
      fallbackProblems.push(expansionProblem(value, budget, d.start));
      value = undefined;
    }
    return new YamlDoc(i, value, d.start, undefined, text, 0, d.tree);
  });
  return { docs, problems: fallbackProblems };
}

function parseSplit(text: string, problems: ParseProblem[], keep: boolean): YamlDoc[] {
  const docs: YamlDoc[] = [];
  for (const chunk of splitDocuments(text)) {
    const parsed = tryParse(chunk.text, chunk.offset, problems, keep);
    if ('error' in parsed) problems.push(parsed.error);
    else for (const d of parsed.docs) docs.push(reindex(d, docs.length));
  }
  return docs;
}

function reindex(doc: YamlDoc, index: number): YamlDoc {
  if (doc.index === index) return doc;
  Object.defineProperty(doc, 'index', { value: index });
  return doc;
}

/** `keep`: false when only the problems are wanted (no document is returned) */
function tryParse(source: string, base: number, problems: ParseProblem[], keep: boolean): { docs: YamlDoc[] } | { error: ParseProblem } {
  let events: Event[];
  try {
    events = parseEvents(source, { maxDepth: MAX_DEPTH });
  } catch (e) {
    return { error: toProblem(e, base) };
  }
  if (hasLineLongerThan(source, MAX_IMPLICIT_KEY)) longImplicitKeys(events, source, base, problems);
  const docs: YamlDoc[] = [];
  // one construction for the whole stream (anchors are per document either way); a stream one document of which
  // cannot be constructed is constructed document by document, so the others keep their values
  const whole = constructWhole(events, source);
  let start = 0;
  let index = 0;
  for (let i = 0; i < events.length; i++) {
    if ((events[i] as Event).type !== EVENT_ID.DOCUMENT) continue;
    const { end, alias } = documentEnd(events, i);
    const slice = events.slice(i, end + 1);
    const value = whole ? checkExpansion(whole[index], slice, alias, base, problems) : construct(slice, alias, source, base, problems);
    if (keep) docs.push(new YamlDoc(index, value, base + firstOffset(slice, start), PackedEvents.pack(slice), source, base));
    index++;
    start = lastOffset(slice, start);
    i = end;
  }
  return { docs };
}

function constructWhole(events: Event[], source: string): unknown[] | undefined {
  let documents = 0;
  for (const ev of events) if (ev.type === EVENT_ID.DOCUMENT) documents++;
  try {
    const values = constructFromEvents(events, { source, schema: SCHEMA, maxAliases: MAX_ALIASES });
    return values.length === documents ? values : undefined;
  } catch {
    return undefined;
  }
}

/** `alias`: the offset of the document's first alias, -1 when it has none */
function construct(events: Event[], alias: number, source: string, base: number, problems: ParseProblem[]): unknown {
  return checkExpansion(constructChecked(events, source, base, problems), events, alias, base, problems);
}

function checkExpansion(value: unknown, events: Event[], alias: number, base: number, problems: ParseProblem[]): unknown {
  if (alias < 0 || value === undefined || value === null || typeof value !== 'object') return value;
  // an alias is a shared reference: anything that walks the value (JSON.stringify, a rule) expands it, so a few dozen
  // aliases of aliases ("billion laughs" under the alias cap) are as dangerous as thousands
  const budget = aliasBudget(events.length);
  if (expandedSize(value, budget) <= budget) return value;
  problems.push(expansionProblem(value, budget, base + alias));
  return undefined;
}

function constructChecked(events: Event[], source: string, base: number, problems: ParseProblem[], schema = SCHEMA): unknown {
  try {
    return constructFromEvents(events, { source, schema, maxAliases: MAX_ALIASES })[0];
  } catch (e) {
    if (schema === SCHEMA && isYamlError(e) && /^recursive alias/.test(e.reason ?? '')) return constructChecked(events, source, base, problems, GROWN_SEQUENCES);
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
      return constructFromEvents(events, { source, schema, maxAliases: MAX_ALIASES, json: true })[0];
    } catch (e2) {
      problems.push(toProblem(e2, base));
      return undefined;
    }
  }
}

/** the index of the event that ends the document starting at `start`, and the offset of its first alias (-1: none) */
function documentEnd(events: Event[], start: number): { end: number; alias: number } {
  let depth = 0;
  let alias = -1;
  for (let i = start; i < events.length; i++) {
    const ev = events[i] as Event;
    const t = ev.type;
    if (t === EVENT_ID.DOCUMENT || t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return { end: i, alias };
    else if (t === EVENT_ID.ALIAS && alias < 0) alias = Math.max(0, ev.anchorStart - 1);
  }
  return { end: events.length - 1, alias };
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

/** how many nodes a document may expand to through its aliases: 100,000, or ten times its size for a large document */
export function aliasBudget(size: number): number {
  return Math.max(MAX_EXPANDED_NODES, 10 * size);
}

/**
 * The number of nodes of `value` as a tree, each shared reference (an alias) counted every time it is reached, so the
 * size a serialisation or a full walk of it would have. Stops counting past `budget` (a cycle, a recursive alias,
 * expands without end and always ends there), so the cost is O(min(size, budget)).
 */
export function expandedSize(value: unknown, budget: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (++count > budget) return count;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (!(v instanceof Date)) {
      for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return count;
}

function expansionProblem(value: unknown, budget: number, offset: number): ParseProblem {
  const message = isCyclic(value)
    ? 'a recursive alias (a node that contains itself) expands the document without end'
    : `aliases expand the document to more than ${budget.toLocaleString('en-US')} nodes (possible alias bomb)`;
  return { code: 'too-many-aliases', message, offset };
}

/** whether a collection of `value` contains itself; each distinct collection is looked at once */
function isCyclic(value: unknown): boolean {
  const done = new Set<object>();
  const onPath = new Set<object>();
  // entering a collection pushes it and then its children; the collection comes off the path when popped a second time
  const stack: { v: object; exit: boolean }[] = [];
  const enter = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null || v instanceof Date || done.has(v)) return false;
    if (onPath.has(v)) return true;
    onPath.add(v);
    stack.push({ v, exit: true });
    const children = Array.isArray(v) ? v : Object.keys(v).map((k) => (v as Record<string, unknown>)[k]);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ v: child, exit: false });
    return false;
  };
  if (enter(value)) return true;
  while (stack.length > 0) {
    const { v, exit } = stack.pop() as { v: object; exit: boolean };
    if (exit) {
      onPath.delete(v);
      done.add(v);
    } else if (enter(v)) return true;
  }
  return false;
}

function hasLineLongerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > max) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
}

/**
 * go-yaml (Keptn v1, kubectl) and `yaml` refuse an implicit key whose `:` is more than 1024 characters after its start
 * ("could not find expected ':'"); js-yaml accepts it. Reported as a syntax error at the key. Only called for a source
 * with a line longer than that, as such a key sits on one line.
 */
function longImplicitKeys(events: Event[], source: string, base: number, problems: ParseProblem[]): void {
  // per open collection: -1 for a document or sequence, else the number of nodes seen so far in the mapping
  const open: number[] = [];
  for (const ev of events) {
    if (ev.type === EVENT_ID.POP) {
      open.pop();
      continue;
    }
    if (ev.type === EVENT_ID.DOCUMENT) {
      open.push(-1);
      continue;
    }
    const top = open.length - 1;
    const seen = top >= 0 ? (open[top] as number) : -1;
    if (seen >= 0) open[top] = seen + 1;
    if (seen >= 0 && seen % 2 === 0 && ev.type === EVENT_ID.SCALAR) {
      const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
      let start = quoted ? ev.valueStart - 1 : ev.valueStart;
      // anchorStart is the anchor's name, after the `&`; tagStart is the `!`
      if (ev.anchorStart > 0 && ev.anchorStart - 1 < start) start = ev.anchorStart - 1;
      if (ev.tagStart >= 0 && ev.tagStart < start) start = ev.tagStart;
      let colon = quoted ? ev.valueEnd + 1 : ev.valueEnd;
      while (colon < source.length && (source[colon] === ' ' || source[colon] === '\t')) colon++;
      if (source[colon] === ':' && colon - start > MAX_IMPLICIT_KEY) {
        problems.push({ code: 'syntax', message: `implicit key longer than ${MAX_IMPLICIT_KEY} characters (go-yaml rejects it)`, offset: base + start });
      }
    }
    if (ev.type === EVENT_ID.MAPPING) open.push(0);
    else if (ev.type === EVENT_ID.SEQUENCE) open.push(-1);
  }
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
