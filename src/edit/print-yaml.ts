import { Document, isScalar, visit, type DocumentOptions, type SchemaOptions } from 'yaml';

/**
 * The one YAML printer for everything keptn-migrate generates (resources, kustomizations, manual-step snippets).
 *
 * Generated files are read by YAML 1.2 tools (the `yaml` package, js-yaml) and by YAML 1.1 ones: Kubernetes and
 * kubectl decode with go-yaml (sigs.k8s.io/yaml), which reads `yes`, `on`, `y`, `0644`, `1_000`, `1:20`, `0o17` or
 * `2024-1-2` as booleans, numbers or timestamps. Every string that any of them would read as something else is
 * double-quoted, so all of them see the same value: the `yaml` package's 1.1 schema quotes what YAML 1.1 resolves,
 * and `misread()` adds what YAML 1.2 (core schema) and go-yaml resolve beyond that. Deterministic: the same value
 * always prints the same text; long lines are never folded.
 */
export function printYaml(value: unknown): string {
  // the package quotes such a key or not depending on how deep it sits: it prints the whole value
  if (hasMarkerKey(value)) return printWithYaml(value);
  if (isEntries(value)) return entries(value, 0);
  if (Array.isArray(value) && value.length > 0) return items(value, 0);
  return printWithYaml(value);
}

/**
 * The `yaml` package's printer, which printYaml follows byte for byte. printYaml writes the common shapes itself
 * (maps and sequences of plain keys, numbers, booleans and unambiguous words: nearly everything generated) and hands
 * every other key or value to this one, indented into place; the `yaml` package alone took half of a large migration.
 */
export function printWithYaml(value: unknown): string {
  const doc = new Document(value, DOCUMENT_OPTIONS);
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && misread(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

// without the merge tag: a `<<` string is a string (quoted below), never printed as a bare merge key
const DOCUMENT_OPTIONS: DocumentOptions & SchemaOptions = { version: '1.1', customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== MERGE_TAG) };

type Entries = Record<string, unknown>;

function isEntries(v: unknown): v is Entries {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  // the package leaves out undefined values (a map of nothing but them prints as `{}`): its decision
  const values = Object.values(v);
  return values.length > 0 && !values.includes(undefined);
}

/** a scalar printed plain, as the `yaml` package prints it; undefined when the package must decide */
function plain(v: unknown): string | undefined {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : undefined;
  if (typeof v === 'string') return WORD.test(v) && !YAML11_WORDS.has(v) && !YAML11_EXPONENT.test(v) && !misread(v) ? v : undefined;
  return undefined;
}

/**
 * a map value or sequence item as the package prints it, for a string on one line of printable ASCII: plain where
 * its plainString allows (no indicator first, no `: ` or ` #`, no space or `:` last, no other type in its YAML 1.1
 * schema), else quoted as the package quotes it: in single quotes when it has a `"` and no `'`, else in double quotes,
 * which for such a string is its JSON
 */
function plainValue(v: unknown): string | undefined {
  const p = plain(v);
  if (p !== undefined || typeof v !== 'string') return p;
  if (!PRINTABLE_LINE.test(v) || DOCUMENT_MARKER.test(v)) return undefined;
  if (misread(v)) return JSON.stringify(v);
  if (!NOT_PLAIN.test(v) && !resolvesInYaml11(v)) return v;
  // the package single-quotes a string with a `"` and no `'` (so nothing to escape), double-quotes any other
  return v.includes('"') && !v.includes("'") ? `'${v}'` : JSON.stringify(v);
}

/**
 * a multi-line string as the package prints it as a map value or sequence item (`indent`: where its lines go): a
 * literal block scalar, `|` when it ends with one newline and `|-` without; undefined for what the package prints
 * otherwise (quoted for control characters, a misread first line or whitespace after the last newline) or with an
 * indentation indicator or keep chomping (leading spaces or newlines, several trailing newlines): left to it
 */
function literalBlock(v: unknown, indent: string): string | undefined {
  if (typeof v !== 'string' || !v.includes('\n') || !BLOCK_TEXT.test(v) || /^[ \n]/.test(v) || /\n[\t ]+$/.test(v) || misread(v)) return undefined;
  let textEnd = v.length;
  while (textEnd > 0 && ' \t\n'.includes(v[textEnd - 1] as string)) textEnd--;
  const tail = v.slice(textEnd);
  const newline = tail.indexOf('\n');
  if (textEnd === 0 || (newline !== -1 && newline !== tail.length - 1)) return undefined;
  const body = v.slice(0, textEnd).replace(/\n+/g, `$&${indent}`);
  return `|${newline === -1 ? '-' : ''}\n${indent}${body}${newline === -1 ? tail : tail.slice(0, -1)}`;
}

function hasMarkerKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasMarkerKey);
  for (const [key, item] of Object.entries(v)) if (DOCUMENT_MARKER.test(key) || hasMarkerKey(item)) return true;
  return false;
}

let yaml11Tags: { default?: boolean | 'key'; tag: string; test?: RegExp }[] | undefined;

/** whether the package's YAML 1.1 schema reads the plain scalar `s` as something other than a string */
function resolvesInYaml11(s: string): boolean {
  yaml11Tags ??= new Document(null, DOCUMENT_OPTIONS).schema.tags as typeof yaml11Tags & object;
  return yaml11Tags.some((t) => t.default && t.tag !== STR_TAG && t.test?.test(s));
}

/** `{}` or `[]` for an empty collection */
function empty(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).length === 0) return '{}';
  return undefined;
}

function entries(map: Entries, indent: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [key, v] of Object.entries(map)) {
    const k = plain(key);
    const scalar = plainValue(v) ?? empty(v) ?? literalBlock(v, `${pad}  `);
    if (k !== undefined && scalar !== undefined) out += `${pad}${k}: ${scalar}\n`;
    else if (k !== undefined && isEntries(v)) out += `${pad}${k}:\n${entries(v, indent + 2)}`;
    else if (k !== undefined && Array.isArray(v) && v.length > 0) out += `${pad}${k}:\n${items(v, indent + 2)}`;
    else out += indented(printWithYaml({ [key]: v }), pad);
  }
  return out;
}

function items(list: unknown[], indent: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const v of list) {
    const scalar = plainValue(v) ?? empty(v) ?? literalBlock(v, `${pad}  `);
    if (scalar !== undefined) out += `${pad}- ${scalar}\n`;
    else if (isEntries(v)) out += `${pad}- ${entries(v, indent + 2).slice(indent + 2)}`;
    else if (Array.isArray(v)) out += `${pad}- ${items(v, indent + 2).slice(indent + 2)}`;
    else out += indented(printWithYaml([v]), pad);
  }
  return out;
}

function indented(text: string, pad: string): string {
  return pad === '' ? text : text.replace(/^(?=.)/gm, pad);
}

/** words every reader takes as strings: no quoting, escaping or ambiguity to decide */
const WORD = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** YAML 1.1 booleans and nulls (the `yaml` package's 1.1 schema quotes them) */
/** a YAML 1.1 float with no digits before its exponent (`e5`, `E-2`) */
const YAML11_EXPONENT = /^[eE][-+]?[0-9]+$/;
const YAML11_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);

const MERGE_TAG = 'tag:yaml.org,2002:merge';
const STR_TAG = 'tag:yaml.org,2002:str';
/** printable ASCII lines and tabs: what the package prints as a block scalar without deciding on quotes */
const BLOCK_TEXT = /^[\t\n\x20-\x7e]*$/;
/** printable ASCII on one line (the package double-quotes control characters; other text is left to it) */
const PRINTABLE_LINE = /^[\x20-\x7e]*$/;
/** the package's plainString: what may not be plain (an indicator first, `-` or `?` alone, `: `, ` #`, a space or `:` last) */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** a document marker at the start may make the package choose a block scalar */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/;
const CORE_NULL = /^(?:~|null|Null|NULL)$/;
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const CORE_SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** Go's strconv.ParseInt(s, 0, 64), which go-yaml applies after removing every `_` */
const GO_INT = /^[-+]?(?:0[bB][01]+|0[oO]?[0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)$/;
/** go-yaml's timestamp layouts: 2006-1-2, with an optional time after `T`, `t` or a space */
const GO_TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])/;

/** true when a YAML 1.2 (core) reader or go-yaml would read the plain scalar `s` as something other than this string */
export function misread(s: string): boolean {
  if (s === '' || s === '<<') return true;
  if (CORE_NULL.test(s) || CORE_BOOL.test(s) || CORE_INT.test(s) || FLOAT.test(s) || CORE_SPECIAL_FLOAT.test(s)) return true;
  // go-yaml tries numbers only for plain scalars that start with a digit, a sign or a dot, with `_` removed
  if (/^[-+.0-9]/.test(s)) {
    const plain = s.replace(/_/g, '');
    if (GO_INT.test(plain) || FLOAT.test(plain) || GO_TIMESTAMP.test(s)) return true;
  }
  return false;
}
