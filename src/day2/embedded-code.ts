/**
 * Code embedded in a YAML scalar (`inline.code: |`, ConfigMap `data.code`): maps offsets in the decoded code back to
 * offsets in the file, so a code change becomes a minimal edit of the YAML source. Only scalar styles whose mapping is
 * exact are supported (literal block `|`, one-line plain, single- and double-quoted without escapes); the mapping is
 * checked by decoding the source again and comparing it with the value the parser produced.
 */
import type { SourceRef } from '../model/source-ref.js';
import { afterLineOf, lineStartOf, type Edit } from './yaml-edit.js';

/** a change in code coordinates: replace [start, end) of the code by `text` */
export interface CodeSpan {
  start: number;
  end: number;
  text: string;
}

/** Offsets in `code` → offsets in the file, for the scalar at `ref`; undefined when the style cannot be mapped exactly. */
export function scalarOffsetMap(ref: SourceRef, code: string, text = ref.file.text): ((offset: number) => number) | undefined {
  if (!ref.exists()) return undefined;
  const r = ref.range('value');
  const raw = text.slice(r.start, r.end);
  if (raw === code && !raw.includes('\n')) return (o) => r.start + o;
  if (!raw.includes('\n') && raw.length >= 2) {
    const q = raw[0];
    const inner = raw.slice(1, -1);
    if (q === '"' && raw.endsWith('"') && !inner.includes('\\') && inner === code) return (o) => r.start + 1 + o;
    if (q === "'" && raw.endsWith("'") && inner.replace(/''/g, "'") === code) {
      const map: number[] = [];
      for (let i = 0; i < inner.length; i++) {
        map.push(r.start + 1 + i);
        if (inner[i] === "'" && inner[i + 1] === "'") i++;
      }
      map.push(r.start + 1 + inner.length);
      return (o) => map[o] ?? r.start + 1 + inner.length;
    }
    return undefined;
  }
  return literalBlockMap(text, r.start, r.end, code);
}

/** a literal block scalar: content lines start at `start`; the header (`|`, `|-`, `|+`) ends the line before */
function literalBlockMap(text: string, start: number, end: number, code: string): ((offset: number) => number) | undefined {
  if (start === 0 || lineStartOf(text, start) !== start) return undefined;
  const headerLine = text.slice(lineStartOf(text, start - 1), start).replace(/\r?\n$/, '');
  if (!/(^|[\s:-])\|[+-]?[ \t]*(#[\s\S]*)?$/.test(headerLine)) return undefined;
  const lineStarts: number[] = [];
  for (let at = start; at < end; at = afterLineOf(text, at)) lineStarts.push(at);
  const lineText = (i: number) => {
    const s = lineStarts[i] as number;
    return text.slice(s, Math.min(afterLineOf(text, s), end)).replace(/\r?\n$/, '');
  };
  const firstContent = lineStarts.findIndex((_, i) => lineText(i).trim() !== '');
  if (firstContent === -1) return undefined;
  const indent = /^ */.exec(lineText(firstContent))?.[0].length ?? 0;
  const codeLines = code.split('\n');
  const codeLineStarts: number[] = [];
  let acc = 0;
  for (const l of codeLines) {
    codeLineStarts.push(acc);
    acc += l.length + 1;
  }
  for (let i = 0; i < codeLines.length; i++) {
    const src = i < lineStarts.length ? lineText(i) : '';
    const decoded = src.length >= indent ? src.slice(indent) : src.trim() === '' ? '' : undefined;
    if (decoded !== codeLines[i]) {
      // trailing empty lines of the code (chomping) need no source line
      if (codeLines.slice(i).every((l) => l === '') && i >= lineStarts.length - 1) break;
      return undefined;
    }
  }
  return (o) => {
    let line = 0;
    while (line + 1 < codeLineStarts.length && (codeLineStarts[line + 1] as number) <= o) line++;
    return (lineStarts[line] as number) + indent + (o - (codeLineStarts[line] as number));
  };
}

/**
 * Turns code spans into file edits for the scalar at `ref`, or undefined when the scalar cannot be edited exactly. `text` is
 * the text the document was parsed from, when it differs from the file's (a Helm template with its actions masked).
 */
export function codeEditsInScalar(ref: SourceRef, code: string, spans: readonly CodeSpan[], text?: string): Edit[] | undefined {
  const map = scalarOffsetMap(ref, code, text);
  if (!map) return undefined;
  const edits: Edit[] = [];
  for (const s of spans) {
    if (code.slice(s.start, s.end).includes('\n') || s.text.includes('\n')) return undefined;
    const start = map(s.start);
    const end = s.end === s.start ? start : map(s.end - 1) + 1;
    edits.push({ range: { start, end }, text: s.text });
  }
  return edits;
}

/** Applies code spans to the code (for checking the result and for manual-step snippets). */
export function applySpans(code: string, spans: readonly CodeSpan[]): string {
  let out = '';
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    out += code.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + code.slice(pos);
}
