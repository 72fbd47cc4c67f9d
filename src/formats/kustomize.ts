import { asArray, asString, get } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';

/** resources (bases included) and patch files of a kustomization.yaml, as paths relative to the repository root */
export function readKustomization(src: SourceRef, value: unknown, dir: string): { src: SourceRef; dir: string; resources: string[]; patches: string[] } {
  const rel = (p: string) => normalise(dir ? `${dir}/${p}` : p);
  const resources = [...asArray(get(value, 'resources')), ...asArray(get(value, 'bases'))].map(asString).filter((s): s is string => !!s).map(rel);
  const patches = [
    ...asArray(get(value, 'patchesStrategicMerge')).map(asString),
    ...asArray(get(value, 'patches')).map((p) => (typeof p === 'string' ? p : asString(get(p, 'path')))),
    ...asArray(get(value, 'patchesJson6902')).map((p) => asString(get(p, 'path'))),
  ]
    .filter((s): s is string => !!s)
    .map(rel);
  return { src, dir, resources, patches };
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}
