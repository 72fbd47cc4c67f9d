import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Target } from '../../src/klt/targets.js';

/** ../shared/crds: the upstream KLT CRD schemas, read in place (CI has ../shared beside the clone) */
export const SHARED_CRDS = path.resolve(import.meta.dirname, '../../../shared/crds');
export const HAVE_CRDS = existsSync(path.join(SHARED_CRDS, 'keptn-v2.5.0/jsonschema/index.json'));

const RELEASE: Record<Target, string> = { 'keptn-v2': 'keptn-v2.5.0', 'keptn-0.10': 'keptn-v2.5.0', 'klt-0.9': 'klt-v0.9.0' };

interface IndexEntry {
  apiVersion: string;
  kind: string;
  strictSchema: string;
}

const addFormats = (((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown) as (ajv: Ajv) => Ajv;
const validators = new Map<string, ValidateFunction | null>();

/** validates a resource against the upstream strict schema of its apiVersion/kind in the target's release */
export function upstreamValidate(resource: { apiVersion?: unknown; kind?: unknown }, target: Target): string[] | 'no-schema' {
  const release = RELEASE[target];
  const key = `${release}/${String(resource.apiVersion)}/${String(resource.kind)}`;
  if (!validators.has(key)) {
    const dir = path.join(SHARED_CRDS, release, 'jsonschema');
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as IndexEntry[];
    const entry = index.find((e) => e.apiVersion === resource.apiVersion && e.kind === resource.kind);
    if (!entry) validators.set(key, null);
    else {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addFormat('int32', true);
      ajv.addFormat('int64', true);
      validators.set(key, ajv.compile(JSON.parse(readFileSync(path.join(dir, entry.strictSchema), 'utf8'))));
    }
  }
  const v = validators.get(key);
  if (!v) return 'no-schema';
  return v(resource) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
