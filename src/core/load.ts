import { decodeText } from './decode.js';
import { maskTemplate } from './helm-template.js';
import { parseYamlStream, streamProblems, type ParseProblem } from './parse-yaml.js';
import { SourceFile, type FileOrigin } from './source-file.js';
import { classifyDocument, fileKindOf, type Classification, type FileKind } from './classify.js';
import type { Range } from './types.js';
import type { YamlDoc } from './yaml-doc.js';
import type { FileRef } from './discover.js';

export interface LoadedDoc {
  doc: YamlDoc;
  cls: Classification;
}

export interface LoadedFile {
  file: SourceFile;
  fileKind: FileKind;
  docs: LoadedDoc[];
  problems: ParseProblem[];
  /** Helm template action ranges (templates are read with their actions blanked out) */
  templateActions: Range[];
}

export type LoadResult =
  | { ok: true; loaded: LoadedFile }
  | { ok: false; origin: FileOrigin; reason: string; line?: number; binary?: boolean }
  | { ok: 'skip'; origin: FileOrigin };

/** Reads, decodes, parses and classifies one file. Never throws for bad content. */
export async function loadFile(ref: FileRef, chartDirs: ReadonlySet<string>): Promise<LoadResult> {
  const origin: FileOrigin = { relPath: ref.relPath, absPath: ref.absPath, branch: ref.branch };
  const fileKind = fileKindOf(ref.relPath, chartDirs);
  if (fileKind === 'helm-package') {
    return { ok: true, loaded: { file: new SourceFile(origin, ''), fileKind, docs: [], problems: [], templateActions: [] } };
  }
  let bytes: Uint8Array;
  try {
    bytes = await ref.read();
  } catch (e) {
    return { ok: false, origin, reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  // --max-file-size was checked when the file was listed; it may have grown since
  if (ref.maxSize !== undefined && bytes.length > ref.maxSize) {
    return { ok: false, origin, reason: `larger than --max-file-size (${bytes.length} > ${ref.maxSize} bytes), not analysed` };
  }
  return loadBytes(origin, bytes, fileKind);
}

export function loadBytes(origin: FileOrigin, bytes: Uint8Array, fileKind: FileKind): LoadResult {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, origin, reason: decoded.reason, line: decoded.line, binary: decoded.reason.startsWith('binary') };
  return { ok: true, loaded: loadText(origin, decoded.text, fileKind, decoded.bom, decoded.eol) };
}

export function loadText(origin: FileOrigin, text: string, fileKind: FileKind, bom = false, eol?: '\n' | '\r\n'): LoadedFile {
  const file = new SourceFile(origin, text, bom, eol ?? detectEol(text));
  if (fileKind === 'script' || fileKind === 'helm-helper' || fileKind === 'helm-package') {
    return { file, fileKind, docs: [], problems: [], templateActions: [] };
  }
  if (fileKind === 'helm-template') return parseMasked(file, fileKind);
  const { docs, problems } = parseYamlStream(text);
  if (problems.some((p) => p.code === 'syntax') && text.includes('{{') && looksTemplated(text)) {
    return parseMasked(file, 'helm-template');
  }
  return { file, fileKind, docs: classifyAll(docs, origin.relPath), problems, templateActions: [] };
}

/** The parse problems loadText finds in the text of a YAML file or Helm template, without building documents. */
export function loadProblems(text: string, fileKind: 'yaml' | 'helm-template'): ParseProblem[] {
  if (fileKind === 'helm-template') return streamProblems(maskTemplate(text).text);
  const problems = streamProblems(text);
  if (problems.some((p) => p.code === 'syntax') && text.includes('{{') && looksTemplated(text)) return streamProblems(maskTemplate(text).text);
  return problems;
}

function parseMasked(file: SourceFile, fileKind: FileKind): LoadedFile {
  const masked = maskTemplate(file.text);
  const { docs, problems } = parseYamlStream(masked.text);
  return { file, fileKind, docs: classifyAll(docs, file.relPath), problems, templateActions: masked.actions };
}

function classifyAll(docs: YamlDoc[], relPath: string): LoadedDoc[] {
  return docs.map((doc) => ({ doc, cls: classifyDocument(doc.value, relPath) }));
}

/** Helm/Go template actions (`{{ .Values.x }}`, `{{- if }}`, `{{ $var }}`) rather than Keptn v1 `{{.data.x}}` strings. */
function looksTemplated(text: string): boolean {
  return /\{\{-?\s*(if|range|with|include|template|define|end|else|toYaml|\/\*|\.Values|\$)/.test(text);
}

function detectEol(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}
