import type { TextEdit } from '../core/types.js';

export class OverlappingEditsError extends Error {}

/** Applies sorted, non-overlapping text edits; two edits at the same offset are applied in the order given. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.range.start - b.e.range.start || a.e.range.end - b.e.range.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.range.start < pos) throw new OverlappingEditsError(`overlapping edits in ${e.file} at offset ${e.range.start}`);
    out += text.slice(pos, e.range.start) + e.text;
    pos = e.range.end;
  }
  return out + text.slice(pos);
}
