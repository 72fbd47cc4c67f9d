import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { Document, Node as YamlNode } from 'yaml';
import { yamlPackage } from '../core/yaml-package.js';
import { requireDependency } from '../package-root.js';
import type { Severity } from '../core/types.js';
import type { Rule } from '../engine/rule.js';
import type { RuleSettings } from '../engine/run-rules.js';
import { CONFIG_FILE_NAMES, CONFIG_SCHEMA, type KeptnMigrateConfig, type RuleLevel } from './schema.js';

/** A configuration file that cannot be used; the message names the file, the line and the key. */
export class ConfigError extends Error {}

export interface LoadedConfig {
  /** absolute path of the file */
  file: string;
  config: KeptnMigrateConfig;
}

let compiled: ValidateFunction<KeptnMigrateConfig> | undefined;

/** the schema validator, built on first use: ajv is only loaded when there is a configuration file to check */
function validate(data: unknown): data is KeptnMigrateConfig {
  if (!compiled) {
    const { Ajv } = requireDependency('ajv') as { Ajv: typeof AjvClass };
    const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
    ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
    compiled = ajv.compile<KeptnMigrateConfig>(CONFIG_SCHEMA);
  }
  const ok = compiled(data);
  validate.errors = compiled.errors;
  return ok;
}
validate.errors = undefined as ErrorObject[] | null | undefined;

/**
 * Looks for `.keptn-migrate.yaml` (or `.yml`) in `start` (a directory, or a file's directory) and then in each
 * parent, stopping after the first directory that holds `.git` (the repository root) or at the file-system root.
 */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface KnownIds {
  rules: readonly string[];
  /** when given, transforms.only/skip must name one of these (or a rule id) */
  transforms?: readonly string[];
}

/** Reads and validates a configuration file; every problem is reported at once, each naming its key. */
export function loadConfigFile(file: string, known?: KnownIds, displayName = file): LoadedConfig {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new ConfigError(`${displayName}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return { file: abs, config: parseConfig(text, displayName, known) };
}

export function parseConfig(text: string, displayName: string, known?: KnownIds): KeptnMigrateConfig {
  const { LineCounter, parseDocument } = yamlPackage();
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number | undefined) => {
    if (offset === undefined) return displayName;
    const p = lines.linePos(offset);
    return `${displayName}:${p.line}:${p.col}`;
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => `${where(e.pos[0])}: ${e.message.split('\n')[0]}`).join('\n'));
  }
  const value: unknown = doc.toJS() ?? {};
  const problems: string[] = [];
  if (!validate(value)) {
    for (const p of describeErrors(validate.errors ?? [])) problems.push(`${where(offsetOf(doc, p.path, p.keyOnly))}: ${p.key}: ${p.message}`);
    throw new ConfigError(problems.join('\n'));
  }
  const config = value;
  if (known) {
    for (const id of Object.keys(config.rules ?? {})) {
      if (!known.rules.includes(id)) problems.push(`${where(offsetOf(doc, ['rules', id], true))}: rules.${id}: unknown rule${didYouMean(id, known.rules)}`);
    }
    const transforms = known.transforms;
    for (const key of transforms ? (['only', 'skip'] as const) : []) {
      const ids = asList(config.transforms?.[key]);
      ids.forEach((id, i) => {
        if (!transforms?.includes(id) && !known.rules.includes(id)) {
          const at = Array.isArray(config.transforms?.[key]) ? ['transforms', key, i] : ['transforms', key];
          problems.push(`${where(offsetOf(doc, at, false))}: transforms.${key}: unknown transform "${id}"${didYouMean(id, transforms ?? [])}`);
        }
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return config;
}

export function asList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** The rules to run (by pack) and their configured severities and options. */
export function ruleSettingsFrom(config: KeptnMigrateConfig, rules: readonly Rule[]): { rules: Rule[]; settings: RuleSettings } {
  const packs = config.packs;
  const selected = rules.filter((r) => !packs || packs.includes(r.meta.pack));
  const severities: Record<string, Severity | 'off'> = {};
  const options: Record<string, Record<string, unknown>> = {};
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    const level: RuleLevel | undefined = typeof entry === 'string' ? entry : entry.severity;
    if (level) severities[id] = level;
    if (typeof entry === 'object' && entry.options) options[id] = entry.options;
  }
  return { rules: selected, settings: { severities, options } };
}

interface Described {
  path: (string | number)[];
  key: string;
  message: string;
  /** point at the key rather than the value */
  keyOnly: boolean;
}

function describeErrors(errors: ErrorObject[]): Described[] {
  const out: Described[] = [];
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  for (const e of errors) {
    const segs = pointerSegments(e.instancePath);
    if (e.keyword !== 'anyOf' && anyOfPaths.some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/'))) continue;
    if (e.keyword === 'additionalProperties') {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      out.push({ path: [...segs, name], key: keyPath([...segs, name]), message: `unknown key${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`, keyOnly: true });
      continue;
    }
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'anyOf') message = (e.parentSchema as { 'x-message'?: string })['x-message'] ?? message;
    if (e.keyword === 'enum') message = `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
    out.push({ path: segs, key: keyPath(segs) || '(top level)', message, keyOnly: false });
  }
  const seen = new Set<string>();
  return out.filter((d) => {
    const k = `${d.key}\u0000${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `rules.slo-weight-zero`, `include[1]` */
export function keyPath(segs: readonly (string | number)[]): string {
  let out = '';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

function offsetOf(doc: Document, segs: readonly (string | number)[], keyOnly: boolean): number | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlPackage();
  let node: unknown = doc.contents;
  let offset: number | undefined = (doc.contents as YamlNode | null)?.range?.[0];
  for (const s of segs) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(s));
      if (!pair) return offset;
      const key = pair.key as YamlNode;
      offset = key.range?.[0] ?? offset;
      if (keyOnly && s === segs[segs.length - 1]) return offset;
      node = pair.value;
      offset = (node as YamlNode | null)?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof s === 'number') {
      node = node.items[s];
      offset = (node as YamlNode | undefined)?.range?.[0] ?? offset;
    } else return offset;
  }
  return offset;
}

function didYouMean(id: string, known: readonly string[]): string {
  const best = known
    .map((k) => ({ k, d: distance(id, k) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(id.length / 4)))
    .sort((a, b) => a.d - b.d)[0];
  return best ? ` (did you mean ${best.k}?)` : '';
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (dp[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = dp[i] as number[];
      const prev = dp[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return (dp[a.length] as number[])[b.length] as number;
}
