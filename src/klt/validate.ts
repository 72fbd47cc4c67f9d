import { fileURLToPath } from 'node:url';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { hash128 } from '../core/hash.js';
import { asArray, asDict, get } from '../core/values.js';
import { ownFile, requireDependency } from '../package-root.js';
import { allSchemas, schemaFor } from './schemas.js';
import type { EmittedKind, Target } from './targets.js';

export interface ValidationProblem {
  path: string;
  message: string;
}

export const AJV_OPTIONS: Options = { allErrors: true, strict: true, strictTypes: false, strictTuples: false };
/** the validators `npm run build` compiles ahead of time (scripts/validators.js), beside this module */
export const PRECOMPILED = ownFile('klt/validators.cjs');

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction | null>();
let precompiled: Record<string, ValidateFunction> | undefined | null = null;

function validator(kind: EmittedKind, target: Target): ValidateFunction | null {
  const key = `${target}/${kind}`;
  if (!compiled.has(key)) {
    const schema = schemaFor(kind, target);
    compiled.set(key, schema ? (fromBuild()?.[key] ?? (ajv ??= new Ajv(AJV_OPTIONS)).compile(schema)) : null);
  }
  return compiled.get(key) ?? null;
}

/** where the validators in use come from: the build's (compiled ahead, for these very schemas) or this run's */
export function validatorSource(): 'build' | 'run' {
  return fromBuild() ? 'build' : 'run';
}

/** a digest of every schema: validators compiled from other schemas (a stale build) are never used */
export function schemasDigest(): string {
  return hash128(JSON.stringify(allSchemas()));
}

/** compiling the schemas took a fifth of a second of every migrate */
function fromBuild(): Record<string, ValidateFunction> | undefined {
  if (precompiled === null) {
    try {
      const m = requireDependency(fileURLToPath(PRECOMPILED)) as { digest?: string; validators?: Record<string, ValidateFunction> };
      precompiled = m.digest === schemasDigest() ? m.validators : undefined;
    } catch {
      precompiled = undefined;
    }
  }
  return precompiled;
}

const OPERATORS = ['lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'equalTo', 'inRange', 'notInRange'];

/**
 * Checks one emitted resource against keptn-migrate's schema for the target and against the admission-webhook
 * rules a schema cannot encode (klt-targets.md §2: one operator per target, lowBound < highBound,
 * warningPercentage < passPercentage, KeptnMetric step with aggregation, Analysis timeframe recent XOR from/to).
 */
export function validateResource(resource: unknown, target: Target): ValidationProblem[] {
  const kind = (asDict(resource)?.kind ?? '') as EmittedKind;
  const validate = validator(kind, target);
  if (validate === null) return [{ path: '', message: `${kind || 'resource'} is not a kind keptn-migrate emits for ${target}` }];
  const problems: ValidationProblem[] = [];
  if (!validate(resource)) {
    for (const e of validate.errors ?? []) problems.push({ path: e.instancePath || '/', message: e.message ?? 'invalid' });
  }
  problems.push(...webhookRules(kind, resource));
  return problems;
}

function webhookRules(kind: EmittedKind, r: unknown): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  if (kind === 'AnalysisDefinition') {
    const pass = get(r, 'spec', 'totalScore', 'passPercentage');
    const warn = get(r, 'spec', 'totalScore', 'warningPercentage');
    if (typeof pass === 'number' && typeof warn === 'number' && !(warn < pass)) {
      out.push({ path: '/spec/totalScore', message: 'warningPercentage must be below passPercentage' });
    }
    asArray(get(r, 'spec', 'objectives')).forEach((o, i) => {
      for (const which of ['failure', 'warning']) {
        const t = asDict(get(o, 'target', which));
        if (!t) continue;
        const ops = Object.keys(t).filter((k) => OPERATORS.includes(k));
        if (ops.length !== 1) out.push({ path: `/spec/objectives/${i}/target/${which}`, message: 'exactly one operator per target' });
        for (const op of ['inRange', 'notInRange']) {
          const range = asDict(t[op]);
          if (range && !(quantity(range.lowBound) < quantity(range.highBound))) {
            out.push({ path: `/spec/objectives/${i}/target/${which}/${op}`, message: 'lowBound must be below highBound' });
          }
        }
      }
    });
  }
  if (kind === 'KeptnMetric') {
    const range = asDict(get(r, 'spec', 'range'));
    if (range && (range.step === undefined) !== (range.aggregation === undefined)) {
      out.push({ path: '/spec/range', message: 'step and aggregation must be set together' });
    }
  }
  if (kind === 'Analysis') {
    const tf = asDict(get(r, 'spec', 'timeframe')) ?? {};
    const recent = tf.recent !== undefined;
    const fromTo = tf.from !== undefined || tf.to !== undefined;
    if (recent === fromTo) out.push({ path: '/spec/timeframe', message: 'set either recent or from and to' });
  }
  if (kind === 'KeptnTaskDefinition') {
    const name = String(get(r, 'metadata', 'name') ?? '');
    if (name.length > 40) out.push({ path: '/metadata/name', message: 'a KeptnTaskDefinition name longer than 40 characters makes job names too long' });
  }
  return out;
}

const SUFFIX: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6 };

/** a Kubernetes quantity (`500m`, `1k`, `1e3`, 7) as a number */
export function quantity(v: unknown): number {
  if (typeof v === 'number') return v;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)([numkMGTPE]i?)?$/.exec(String(v));
  if (!m) return Number.NaN;
  return Number(m[1]) * (m[2] ? (SUFFIX[m[2]] ?? Number.NaN) : 1);
}
