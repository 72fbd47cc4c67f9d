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
    if (s !== undefined) setOwn(out, k, s);
    else if (val === null) setOwn(out, k, '');
  }
  return out;
}

/** `obj[key] = value` for a key from the input: `__proto__` becomes an own property instead of replacing the prototype */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * A lookup table indexed by strings from the input (a kind, an event name, a key): without a prototype, so `constructor`,
 * `toString` or `__proto__` find nothing, and frozen.
 */
export function lookupTable<V>(entries: Record<string, V>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}

/** `table[key]` for a key from the input: own entries only */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * JSON.stringify for values from the input, bounded: the same text as JSON.stringify up to `maxChars` characters,
 * then `…`; a reference cycle is written `"[Circular]"`. The work is proportional to the output, so a value with
 * shared references (YAML aliases) that would expand enormously costs no more than its first `maxChars` characters.
 * `undefined` (which JSON.stringify turns into no text at all) is written `null`.
 */
export function safeJson(value: unknown, maxChars = 10_000): string {
  const out: string[] = [];
  let length = 0;
  let full = false;
  const path = new Set<object>();
  // a nesting this deep is cut like a long text (JSON.stringify itself would overflow the stack sooner or later)
  const maxDepth = 1000;
  const emit = (text: string): void => {
    if (full) return;
    if (length + text.length > maxChars) {
      out.push(text.slice(0, maxChars - length));
      length = maxChars;
      full = true;
      return;
    }
    out.push(text);
    length += text.length;
  };
  const write = (v: unknown): void => {
    if (full) return;
    if (typeof v === 'string') return emit(JSON.stringify(v.length > maxChars ? v.slice(0, maxChars) : v));
    if (typeof v === 'number') return emit(Number.isFinite(v) ? String(v) : 'null');
    if (typeof v === 'boolean') return emit(String(v));
    if (typeof v === 'bigint') return emit(String(v));
    if (typeof v !== 'object' || v === null) return emit('null');
    if (v instanceof Date) return emit(Number.isNaN(v.getTime()) ? 'null' : JSON.stringify(v.toISOString()));
    if (path.has(v)) return emit('"[Circular]"');
    if (path.size >= maxDepth) {
      full = true;
      return;
    }
    path.add(v);
    if (Array.isArray(v)) {
      emit('[');
      for (let i = 0; i < v.length && !full; i++) {
        if (i > 0) emit(',');
        write(v[i]);
      }
      emit(']');
    } else {
      emit('{');
      let first = true;
      for (const key of Object.keys(v)) {
        if (full) break;
        const item = (v as Record<string, unknown>)[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        if (!first) emit(',');
        first = false;
        emit(JSON.stringify(key));
        emit(':');
        write(item);
      }
      emit('}');
    }
    path.delete(v);
  };
  write(value);
  return full ? `${out.join('')}…` : out.join('');
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
