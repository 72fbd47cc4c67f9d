import { overlapsAny } from '../core/helm-template.js';
import type { MapEntry, PositionNode } from '../core/position-tree.js';
import type { SourceFile } from '../core/source-file.js';
import type { Range } from '../core/types.js';
import type { DataPath, YamlDoc } from '../core/yaml-doc.js';

export interface Insertion {
  range: Range;
  text: string;
}

export type InsertResult = { ok: true; edits: Insertion[] } | { ok: false; reason: string; snippet: string };

export interface InsertContext {
  file: SourceFile;
  doc: YamlDoc;
  /** template action ranges when the file is a Helm template */
  templateActions: readonly Range[];
}

/** what an insertion adds: `key: "value"` entries and sub-mappings of them */
type Item = { key: string; value: string } | { key: string; items: Item[] };

/** the result of insertNested: the edits for the groups that could be added, and why the others could not */
export interface NestedResult {
  edits: Insertion[];
  refused: { key: string; reason: string; snippet: string }[];
}

/**
 * Adds `key: "value"` entries to the mapping at `path`, creating missing parent mappings, by inserting text only:
 * untouched lines stay byte-for-byte, indentation follows the surrounding block, line endings follow the file.
 * Keys already present are left alone. Where the text cannot be edited safely (a Helm action in the block, a
 * mapping that is not a mapping) the result says why and gives the snippet to add by hand. Of duplicate keys on the
 * path, the last one is followed: it is the one YAML readers keep (js-yaml `json: true`, the model, `yaml`).
 */
export function insertEntries(ctx: InsertContext, path: DataPath, entries: readonly [string, string][]): InsertResult {
  return insertItems(ctx, path, entries.map(([key, value]) => ({ key, value })), renderSnippet(path, entries));
}

/**
 * Adds several sub-mappings under one parent in one insertion: `insertNested(ctx, ['spec', 'template', 'metadata'],
 * { labels: [...], annotations: [...] })`. A sub-mapping that exists gets its missing entries like insertEntries;
 * those that do not exist are created together (with the parent, when that is missing too), so two of them never
 * create the same parent twice. Empty groups are ignored.
 */
export function insertNested(ctx: InsertContext, basePath: DataPath, groups: Readonly<Record<string, readonly [string, string][]>>): NestedResult {
  const wanted = Object.entries(groups).filter(([, entries]) => entries.length > 0);
  const out: NestedResult = { edits: [], refused: [] };
  if (wanted.length === 0) return out;
  const base = walk(ctx, basePath);
  const existing = base.depth === basePath.length && base.node.kind === 'map' ? base.node : undefined;
  const separate = existing ? wanted.filter(([key]) => lastEntry(existing, key)) : [];
  const together = wanted.filter((g) => !separate.includes(g));
  for (const [key, entries] of separate) {
    const r = insertEntries(ctx, [...basePath, key], entries);
    if (r.ok) out.edits.push(...r.edits);
    else out.refused.push({ key, reason: r.reason, snippet: r.snippet });
  }
  if (together.length > 0) {
    const items: Item[] = together.map(([key, entries]) => ({ key, items: entries.map(([k, value]) => ({ key: k, value })) }));
    const r = insertItems(ctx, basePath, items, renderSnippet(basePath, []));
    if (r.ok) out.edits.push(...r.edits);
    else for (const [key, entries] of together) out.refused.push({ key, reason: r.reason, snippet: renderSnippet([...basePath, key], entries) });
  }
  return out;
}

/** the last entry with this key: the one a YAML reader keeps when a key is duplicated */
function lastEntry(node: Extract<PositionNode, { kind: 'map' }>, key: string): MapEntry | undefined {
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]?.key === key) return node.entries[i];
  return undefined;
}

/** follows `path` from the root as far as it exists (through the last of duplicate keys) */
function walk(ctx: InsertContext, path: DataPath): { node: PositionNode; nodeKey: MapEntry | undefined; depth: number; notMap?: boolean } {
  const root = ctx.doc.root;
  if (!root) return { node: { kind: 'scalar', range: { start: 0, end: 0 }, empty: true }, nodeKey: undefined, depth: 0, notMap: true };
  let node: PositionNode = root;
  let nodeKey: MapEntry | undefined;
  let depth = 0;
  for (; depth < path.length; depth++) {
    if (node.kind !== 'map') return { node, nodeKey, depth, notMap: true };
    const found = lastEntry(node, String(path[depth]));
    if (!found) break;
    nodeKey = found;
    node = found.value;
  }
  return { node, nodeKey, depth };
}

function insertItems(ctx: InsertContext, path: DataPath, items: readonly Item[], snippet: string): InsertResult {
  const root = ctx.doc.root;
  if (!root || root.kind !== 'map') return { ok: false, reason: 'the document is not a mapping', snippet };
  const { node: current, nodeKey, depth, notMap } = walk(ctx, path);
  if (notMap) return { ok: false, reason: `${pathText(path.slice(0, depth))} is not a mapping`, snippet };
  const missing = path.slice(depth).map(String);
  const wanted = items.filter((it) => !(current.kind === 'map' && missing.length === 0 && current.entries.some((e) => e.key === it.key)));
  if (wanted.length === 0) return { ok: true, edits: [] };
  const nested = wrap(missing, wanted);
  const text = ctx.file.text;
  const eol = ctx.file.eol;
  const blockRange = nodeKey ? blockOf(text, nodeKey) : current.range;
  if (ctx.templateActions.length > 0 && overlapsAny(blockRange, ctx.templateActions)) {
    return { ok: false, reason: `the ${pathText(path.slice(0, depth)) || 'document'} block holds Helm template actions; editing it without rendering is not safe`, snippet };
  }
  const step = indentStep(root, text);

  if (current.kind === 'map' && isFlow(text, current)) {
    if (current.entries.length === 0) return { ok: true, edits: [{ range: current.range, text: flowBody(nested) }] };
    if (nested.some((it) => 'items' in it)) return { ok: false, reason: `${pathText(path.slice(0, depth))} is a flow mapping`, snippet };
    const close = current.range.end - 1;
    return { ok: true, edits: [{ range: { start: close, end: close }, text: `, ${flowItems(nested)}` }] };
  }
  if (current.kind === 'scalar' && nodeKey) {
    const explicitNull = !current.empty && /^(~|null|Null|NULL)$/.test(text.slice(current.range.start, current.range.end));
    if (!current.empty && !explicitNull) return { ok: false, reason: `${pathText(path.slice(0, depth))} is not a mapping`, snippet };
    if (text[nodeKey.keyRange.end] !== ':') return { ok: false, reason: `unusual key syntax at ${pathText(path.slice(0, depth))}`, snippet };
    const lines = nestedLines(nested, columnOf(text, nodeKey.keyRange.start) + step, step, eol);
    if (explicitNull) return { ok: true, edits: [{ range: { start: nodeKey.keyRange.end + 1, end: current.range.end }, text: lines }] };
    const at = lineEnd(text, nodeKey.keyRange.end);
    return { ok: true, edits: [{ range: { start: at, end: at }, text: lines }] };
  }
  if (current.kind !== 'map' || current.entries.length === 0) return { ok: false, reason: `${pathText(path.slice(0, depth))} is not a mapping`, snippet };
  const first = current.entries[0] as MapEntry;
  if (!onlySpacesBefore(text, first.keyRange.start)) return { ok: false, reason: 'the mapping starts on the line of its parent', snippet };
  const indent = columnOf(text, first.keyRange.start);
  const last = current.entries[current.entries.length - 1] as MapEntry;
  const at = lineEnd(text, blockOf(text, last).end);
  return { ok: true, edits: [{ range: { start: at, end: at }, text: nestedLines(nested, indent, step, eol) }] };
}

/** the items under the missing parent keys */
function wrap(missing: readonly string[], items: readonly Item[]): Item[] {
  return missing.reduceRight<Item[]>((acc, key) => [{ key, items: acc }], [...items]);
}

function nestedLines(items: readonly Item[], indent: number, step: number, eol: string): string {
  let out = '';
  for (const it of items) {
    out += `${eol}${' '.repeat(indent)}${it.key}:`;
    out += 'items' in it ? nestedLines(it.items, indent + step, step, eol) : ` ${quote(it.value)}`;
  }
  return out;
}

function flowItems(items: readonly Item[]): string {
  return items.map((it) => `${it.key}: ${'items' in it ? flowBody(it.items) : quote(it.value)}`).join(', ');
}

function flowBody(items: readonly Item[]): string {
  return `{${flowItems(items)}}`;
}

/** the whole block of an entry: its key line through the last line indented deeper than the key */
function blockOf(text: string, entry: MapEntry): Range {
  const keyCol = columnOf(text, entry.keyRange.start);
  let end = lineEnd(text, Math.max(entry.value.range.end, entry.keyRange.end));
  let nl = text.indexOf('\n', end);
  while (nl !== -1) {
    const next = nl + 1;
    const nextEnd = lineEnd(text, next);
    const line = text.slice(next, nextEnd);
    const trimmed = line.trim();
    if (trimmed !== '') {
      if (indentOf(line) <= keyCol) break;
      end = nextEnd;
    }
    nl = text.indexOf('\n', nextEnd);
  }
  return { start: entry.keyRange.start, end };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isFlow(text: string, node: PositionNode): boolean {
  return text[node.range.start] === '{';
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function onlySpacesBefore(text: string, offset: number): boolean {
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset).trim() === '';
}

/** offset of the line break that ends the line containing `offset` (before `\r\n`), or the text's end */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** the document's indentation step: how far the first nested block mapping is indented under its key */
function indentStep(root: PositionNode, text: string): number {
  const visit = (n: PositionNode, parentCol: number): number | undefined => {
    if (n.kind !== 'map') return undefined;
    for (const e of n.entries) {
      const col = columnOf(text, e.keyRange.start);
      if (col > parentCol && parentCol >= 0) return col - parentCol;
      const inner = visit(e.value, col);
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(root, -1) ?? 2;
}

export function quote(v: string): string {
  return JSON.stringify(v);
}

function pathText(path: DataPath): string {
  return path.map(String).join('.');
}

function renderSnippet(path: DataPath, entries: readonly [string, string][]): string {
  const lines: string[] = [];
  path.forEach((seg, i) => lines.push(`${'  '.repeat(i)}${String(seg)}:`));
  for (const [k, v] of entries) lines.push(`${'  '.repeat(path.length)}${k}: ${quote(v)}`);
  return lines.join('\n');
}
