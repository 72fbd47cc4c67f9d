/**
 * One resource being upgraded in place: each change is made twice, as a minimal text edit of the source and on a copy of
 * the parsed value. When every edit can be made cleanly the edits are applied; otherwise (a Helm template, a flow
 * collection, a key sharing its line) the user gets a manual step with the exact resulting text (the document with the
 * edits applied, for templates) or the converted resource.
 */
import type { SourceFile } from '../core/source-file.js';
import { asDict, isDict } from '../core/values.js';
import type { DataPath } from '../core/yaml-doc.js';
import { applyEdits } from '../edit/apply-edits.js';
import { printYaml } from '../edit/print-yaml.js';
import type { SourceRef } from '../model/source-ref.js';
import { codeEditsInScalar, type CodeSpan } from './embedded-code.js';
import { appendToMap, deleteEntry, documentRange, indentStep, isBlockMap, renameKey, replaceEntry, replaceScalar, yamlScalar, type Edit } from './yaml-edit.js';

type Value = Record<string, unknown>;

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function parentOf(root: unknown, path: DataPath): { parent: unknown; key: string | number } | undefined {
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isDict(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  const key = path[path.length - 1];
  return key === undefined ? undefined : { parent: cur, key };
}

export class ResourceEdit {
  readonly edits: Edit[] = [];
  /** why the edits cannot be applied cleanly */
  readonly problems: string[] = [];
  /** the resource after the changes */
  readonly next: Value;
  changed = false;

  /** `parsedText`: the text the document was parsed from, when it differs from the file's (a masked Helm template) */
  constructor(
    readonly src: SourceRef,
    private readonly parsedText?: string,
  ) {
    this.next = clone(asDict(src.doc.value) ?? {});
  }

  get file(): SourceFile {
    return this.src.file;
  }

  ref(path: DataPath): SourceRef {
    return this.src.at(...path);
  }

  private add(edit: Edit | undefined, what: string): void {
    this.changed = true;
    if (edit) this.edits.push(edit);
    else this.problems.push(what);
  }

  private mutate(path: DataPath, f: (parent: Record<string, unknown> | unknown[], key: string | number) => void): void {
    const p = parentOf(this.next, path);
    if (p && (isDict(p.parent) || Array.isArray(p.parent))) f(p.parent as Record<string, unknown>, p.key);
  }

  setScalar(path: DataPath, value: string): void {
    this.add(replaceScalar(this.ref(path), value), `${path.join('.')} is not a plain one-line value`);
    this.mutate(path, (parent, key) => {
      (parent as Record<string | number, unknown>)[key] = value;
    });
  }

  renameKey(path: DataPath, key: string): void {
    this.add(renameKey(this.ref(path), key), `the key ${path.join('.')} cannot be renamed in place`);
    this.mutate(path, (parent, old) => {
      if (!isDict(parent)) return;
      const entries = Object.entries(parent).map(([k, v]) => [k === old ? key : k, v] as const);
      for (const k of Object.keys(parent)) delete parent[k];
      for (const [k, v] of entries) parent[k] = v;
    });
  }

  deleteEntry(path: DataPath): void {
    this.add(deleteEntry(this.ref(path)), `${path.join('.')} shares its line with other content`);
    this.mutate(path, (parent, key) => {
      if (isDict(parent)) delete parent[key as string];
    });
  }

  /** Adds `key: value` (a string) at the end of the mapping at `mapPath`. */
  appendScalar(mapPath: DataPath, key: string, value: string): void {
    const ref = this.ref(mapPath);
    this.add(isBlockMap(ref) ? appendToMap(ref, [`${key}: ${yamlScalar(value)}`]) : undefined, `${mapPath.join('.') || 'the resource'} is not a block mapping`);
    this.mutate([...mapPath, key], (parent, k) => {
      (parent as Record<string | number, unknown>)[k] = value;
    });
  }

  /** Adds `key:` with a mapping of strings below it at the end of the mapping at `mapPath`. */
  appendMap(mapPath: DataPath, key: string, entries: Record<string, string>): void {
    const ref = this.ref(mapPath);
    const pad = ' '.repeat(isBlockMap(ref) ? indentStep(ref) : 2);
    const lines = [`${key}:`, ...Object.entries(entries).map(([k, v]) => `${pad}${k}: ${yamlScalar(v)}`)];
    this.add(isBlockMap(ref) ? appendToMap(ref, lines) : undefined, `${mapPath.join('.') || 'the resource'} is not a block mapping`);
    this.mutate([...mapPath, key], (parent, k) => {
      (parent as Record<string | number, unknown>)[k] = { ...entries };
    });
  }

  /** Replaces a one-line entry by `key:` with a mapping of strings below it. */
  replaceWithMap(path: DataPath, key: string, entries: Record<string, string>, step = 2): boolean {
    const pad = ' '.repeat(step);
    const edit = replaceEntry(this.ref(path), [`${key}:`, ...Object.entries(entries).map(([k, v]) => `${pad}${k}: ${yamlScalar(v)}`)]);
    if (!edit) return false;
    this.add(edit, '');
    this.mutate(path, (parent, old) => {
      if (!isDict(parent)) return;
      const out = Object.entries(parent).map(([k, v]) => (k === old ? ([key, { ...entries }] as const) : ([k, v] as const)));
      for (const k of Object.keys(parent)) delete parent[k];
      for (const [k, v] of out) parent[k] = v;
    });
    return true;
  }

  /** Replaces a one-line value by `text` (YAML source), e.g. an empty flow mapping `{}`. */
  replaceValue(path: DataPath, text: string, value: unknown): void {
    const ref = this.ref(path);
    const r = ref.exists() ? ref.range('value') : undefined;
    const ok = r && r.end > r.start && !this.file.text.slice(r.start, r.end).includes('\n');
    this.add(ok && r ? { range: r, text } : undefined, `${path.join('.')} is not a one-line value`);
    this.mutate(path, (parent, key) => {
      (parent as Record<string | number, unknown>)[key] = value;
    });
  }

  /** Records that a change could not be made in place (the caller explains it). */
  refuse(reason: string): void {
    this.changed = true;
    this.problems.push(reason);
  }

  /** Rewrites embedded code (a scalar) by code spans. */
  code(path: DataPath, code: string, spans: readonly CodeSpan[], newCode: string): void {
    if (spans.length === 0) return;
    const edits = codeEditsInScalar(this.ref(path), code, spans, this.parsedText);
    if (edits) {
      this.changed = true;
      this.edits.push(...edits);
    } else this.refuse(`the code at ${path.join('.')} is in a YAML style keptn-migrate cannot edit exactly (folded, escaped or with an indentation indicator)`);
    this.mutate(path, (parent, key) => {
      (parent as Record<string | number, unknown>)[key] = newCode;
    });
  }

  /** the document's text with the edits applied (the edits must all have been made) */
  editedDocument(): string {
    const r = documentRange(this.src);
    const text = this.file.text.slice(r.start, r.end);
    const local = this.edits.map((e) => ({ file: this.file.displayPath, range: { start: e.range.start - r.start, end: e.range.end - r.start }, text: e.text }));
    return applyEdits(text, local);
  }

  /** YAML for a manual step: the exact edited text when every edit could be computed, else the converted resource */
  snippet(): string {
    if (this.problems.length === 0) {
      try {
        return this.editedDocument();
      } catch {
        // fall through to the reprint
      }
    }
    return printYaml(this.next);
  }
}
