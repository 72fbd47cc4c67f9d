import { Document, isScalar, visit } from 'yaml';

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
  // without the merge tag: a `<<` string is a string (quoted below), never printed as a bare merge key
  const doc = new Document(value, { version: '1.1', customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== MERGE_TAG) });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && misread(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

const MERGE_TAG = 'tag:yaml.org,2002:merge';
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
