/** Narrowing helpers for plain YAML values: nothing here throws or trusts the input's shape. */

export type Dict = Record<string, unknown>;

export function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export function asDict(v: unknown): Dict | undefined {
  return isDict(v) ? v : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function asStringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const d = asDict(v);
  if (!d) return out;
  for (const [k, val] of Object.entries(d)) {
    const s = asString(val);
    if (s !== undefined) out[k] = s;
    else if (val === null) out[k] = '';
  }
  return out;
}

export function get(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isDict(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

export function hasKey(v: unknown, key: string): boolean {
  return isDict(v) && Object.prototype.hasOwnProperty.call(v, key);
}
