/**
 * Minimal text edits on YAML sources, computed from the positions the scanner recorded (SourceRef ranges). Nothing here
 * reprints a document: every helper returns the smallest edit that makes the change, or undefined when the change cannot
 * be made cleanly (a flow collection, an anchor or tag, a key that shares its line with other content), in which case the
 * caller reports a manual step instead. New lines use the file's own line ending.
 */
import type { Range, TextEdit } from '../core/types.js';
import type { SourceRef } from '../model/source-ref.js';

export type Edit = Omit<TextEdit, 'file'>;

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** the offset just after the line break that ends the line holding `offset` (or the end of the text) */
export function afterLineOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

function onlySpacesBetween(text: string, start: number, end: number): boolean {
  return /^[ \t]*$/.test(text.slice(start, end));
}

/** the rest of the line after `offset` is empty or a comment */
function restOfLineIsFree(text: string, offset: number): boolean {
  const end = afterLineOf(text, offset);
  const rest = text.slice(offset, end).replace(/\r?\n$/, '');
  return /^[ \t]*(#.*)?$/.test(rest);
}

/** the entry's range; an entry with an empty value ends at its key, so the `:` after it is taken in */
function entryRange(ref: SourceRef): Range {
  const r = ref.range('entry');
  const text = ref.file.text;
  const colon = /^[ \t]*:/.exec(text.slice(r.end, r.end + 80));
  return colon && ref.range('key').end === r.end ? { start: r.start, end: r.end + colon[0].length } : r;
}

/** the node at `ref` is a flow collection (`{…}` or `[…]`) */
export function isFlow(ref: SourceRef): boolean {
  if (!ref.exists()) return false;
  const r = ref.range('value');
  const c = ref.file.text[r.start];
  return c === '{' || c === '[';
}

/** the mapping at `ref` is a block mapping with at least one key */
export function isBlockMap(ref: SourceRef): boolean {
  return ref.exists() && !isFlow(ref) && ref.doc.keysAt(ref.path).length > 0;
}

/** a double-quoted YAML scalar for any string */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

/** `value` as YAML source: plain when that reads back as the same string, else double-quoted */
export function yamlScalar(value: string): string {
  if (/^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value)) return value;
  return quoted(value);
}

/** Replaces a scalar value, keeping its quoting style. */
export function replaceScalar(ref: SourceRef, value: string): Edit | undefined {
  if (!ref.exists()) return undefined;
  const r = ref.range('value');
  const raw = ref.file.text.slice(r.start, r.end);
  if (raw === '' || /^[&!*|>{[]/.test(raw) || raw.includes('\n')) return undefined;
  let text: string;
  if (raw.startsWith('"')) text = quoted(value);
  else if (raw.startsWith("'")) text = `'${value.replace(/'/g, "''")}'`;
  else text = yamlScalar(value);
  return { range: r, text };
}

/** Renames the key of the entry at `ref`, keeping its quoting style. */
export function renameKey(ref: SourceRef, key: string): Edit | undefined {
  if (!ref.exists()) return undefined;
  const r = ref.range('key');
  const raw = ref.file.text.slice(r.start, r.end);
  if (raw.startsWith('"')) return { range: r, text: quoted(key) };
  if (raw.startsWith("'")) return { range: r, text: `'${key}'` };
  if (/^[&!*?]/.test(raw)) return undefined;
  return { range: r, text: key };
}

/**
 * Deletes a block-mapping entry with the whole lines it occupies (its trailing comment too). The first entry of a sequence
 * item (`- key: …`) is deleted up to the next key, which then follows the `- `. Refused when the key shares its line with
 * something else (`{key: …}`), the value is followed by more content on its last line, or comments sit in between.
 */
export function deleteEntry(ref: SourceRef): Edit | undefined {
  if (!ref.exists()) return undefined;
  const text = ref.file.text;
  const r = entryRange(ref);
  const start = lineStartOf(text, r.start);
  if (!onlySpacesBetween(text, start, r.start)) {
    if (!/^[ \t]*- $/.test(text.slice(start, r.start))) return undefined;
    const keys = ref.doc.keysAt(ref.path.slice(0, -1));
    const at = keys.findIndex((k) => k.range.start === ref.range('key').start);
    const next = keys[at + 1];
    if (at === -1 || !next || !/^[ \t]*(\r?\n[ \t]*)*$/.test(text.slice(r.end, next.range.start))) return undefined;
    return { range: { start: r.start, end: next.range.start }, text: '' };
  }
  let end = r.end;
  if (text[end - 1] !== '\n') {
    if (!restOfLineIsFree(text, end)) return undefined;
    end = afterLineOf(text, end);
  }
  return { range: { start, end }, text: '' };
}

/** the column of the keys of the block mapping at `ref` */
export function keyColumn(ref: SourceRef): number | undefined {
  const keys = ref.doc.keysAt(ref.path);
  const first = keys[0];
  return first ? columnOf(ref.file.text, first.range.start) : undefined;
}

/** the indentation step the file uses below `ref` (column of its keys minus the column of its own key), 2 by default */
export function indentStep(ref: SourceRef): number {
  const inner = keyColumn(ref);
  if (inner === undefined || ref.path.length === 0) return 2;
  const own = columnOf(ref.file.text, ref.range('key').start);
  const step = inner - own;
  return step > 0 ? step : 2;
}

/**
 * Adds lines after the last entry of the block mapping at `ref`, indented like its keys. `lines` are relative: a line's
 * own leading spaces are kept on top of the mapping's indentation.
 */
export function appendToMap(ref: SourceRef, lines: string[]): Edit | undefined {
  if (!isBlockMap(ref)) return undefined;
  const text = ref.file.text;
  const col = keyColumn(ref);
  if (col === undefined) return undefined;
  const r = ref.range('value');
  let at = r.end;
  if (text[at - 1] !== '\n') {
    if (!restOfLineIsFree(text, at)) return undefined;
    at = afterLineOf(text, at);
  }
  const eol = ref.file.eol;
  const pad = ' '.repeat(col);
  const body = lines.map((l) => pad + l + eol).join('');
  const needsBreak = at === text.length && text.length > 0 && !text.endsWith('\n');
  return { range: { start: at, end: at }, text: (needsBreak ? eol : '') + body };
}

/**
 * Replaces a block-mapping entry (key and value) by `lines`, the first one at the entry's column and the others indented
 * like it. A block value spanning lines (a literal/folded scalar, a nested block) is replaced with it.
 */
export function replaceEntry(ref: SourceRef, lines: string[]): Edit | undefined {
  if (!ref.exists()) return undefined;
  const text = ref.file.text;
  const r = entryRange(ref);
  const eol = ref.file.eol;
  const endsLine = text[r.end - 1] === '\n';
  if (!endsLine && !restOfLineIsFree(text, r.end)) return undefined;
  const col = columnOf(text, r.start);
  const pad = ' '.repeat(col);
  const body = lines.map((l, i) => (i === 0 ? l : pad + l)).join(eol);
  return { range: { start: r.start, end: r.end }, text: endsLine ? body + eol : body };
}

/** whether any edit overlaps a template action (Helm) */
export function touches(edits: readonly Edit[], spans: readonly Range[]): boolean {
  return edits.some((e) => spans.some((s) => s.start < Math.max(e.range.end, e.range.start + 1) && e.range.start < s.end));
}

/** the text of the document `ref` belongs to, from its first to its last character */
export function documentRange(ref: SourceRef): Range {
  const root = ref.doc.root;
  if (!root) return { start: ref.doc.start, end: ref.doc.start };
  return { start: lineStartOf(ref.file.text, root.range.start), end: afterLineOf(ref.file.text, Math.max(root.range.end - 1, root.range.start)) };
}
