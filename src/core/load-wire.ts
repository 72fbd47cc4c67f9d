import type { LoadResult } from './load.js';
import type { Classification, FileKind } from './classify.js';
import { maskTemplate } from './helm-template.js';
import type { ParseProblem } from './parse-yaml.js';
import { SourceFile, type FileOrigin } from './source-file.js';
import type { Range } from './types.js';
import { YamlDoc, type WireDoc } from './yaml-doc.js';

/**
 * The text a document was parsed from, without copying it again: the file's text or its masked Helm template (whole,
 * or the slice a document was parsed from after a syntax error elsewhere in the stream), else the text itself.
 */
type WireSource = { of: 'text' | 'masked'; length: number } | { own: string };

/** A LoadResult as a worker thread sends it (structured clone; the parser events' buffers are transferred). */
export type WireResult =
  | {
      ok: true;
      origin: FileOrigin;
      text: string;
      bom: boolean;
      eol: '\n' | '\r\n';
      fileKind: FileKind;
      docs: { doc: WireDoc; source: WireSource; cls: Classification }[];
      problems: ParseProblem[];
      templateActions: Range[];
    }
  | { ok: false; origin: FileOrigin; reason: string; line?: number; binary?: boolean }
  | { ok: 'skip'; origin: FileOrigin };

/** `transfer` collects the buffers to hand over with postMessage */
export function toWire(r: LoadResult, transfer: ArrayBuffer[]): WireResult {
  if (r.ok !== true) return r;
  const { file, fileKind, docs, problems, templateActions } = r.loaded;
  let masked: string | undefined;
  const describe = (doc: YamlDoc): WireSource => {
    const parsed = doc.parsedText;
    const at = doc.parsedBase;
    if (isSlice(file.text, parsed, at)) return { of: 'text', length: parsed.length };
    masked ??= maskTemplate(file.text).text;
    if (isSlice(masked, parsed, at)) return { of: 'masked', length: parsed.length };
    return { own: parsed };
  };
  return {
    ok: true,
    origin: file.origin,
    text: file.text,
    bom: file.bom,
    eol: file.eol,
    fileKind,
    docs: docs.map(({ doc, cls }) => {
      const w = doc.toWire();
      if (w.events) transfer.push(w.events.buffer as ArrayBuffer);
      if (w.kept) transfer.push(w.kept.data.buffer as ArrayBuffer);
      return { doc: w, source: describe(doc), cls };
    }),
    problems,
    templateActions,
  };
}

export function fromWire(w: WireResult): LoadResult {
  if (w.ok !== true) return w;
  const file = new SourceFile(w.origin, w.text, w.bom, w.eol);
  let masked: string | undefined;
  const sourceOf = (s: WireSource, base: number): string => {
    if ('own' in s) return s.own;
    const whole = s.of === 'text' ? w.text : (masked ??= maskTemplate(w.text).text);
    return base === 0 && s.length === whole.length ? whole : whole.slice(base, base + s.length);
  };
  return {
    ok: true,
    loaded: {
      file,
      fileKind: w.fileKind,
      docs: w.docs.map(({ doc, source, cls }) => ({ doc: YamlDoc.fromWire(doc, sourceOf(source, doc.base)), cls })),
      problems: w.problems,
      templateActions: w.templateActions,
    },
  };
}

function isSlice(whole: string, part: string, at: number): boolean {
  return part === whole || (at + part.length <= whole.length && whole.startsWith(part, at));
}
