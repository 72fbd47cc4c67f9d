import type { Range } from '../core/types.js';
import { asArray, asString, asStringMap, get } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';
import type { Container, ManifestResource, NamespaceResource, Workload } from '../model/types.js';

/**
 * Kinds whose pods KLT's webhook handles, and where each keeps its pod template. A Map: the kind comes from the YAML, and
 * `kind: constructor` must not find Object.prototype's members.
 */
export const POD_TEMPLATE_PATHS: ReadonlyMap<string, readonly (string | number)[]> = new Map<string, readonly (string | number)[]>([
  ['Deployment', ['spec', 'template']],
  ['StatefulSet', ['spec', 'template']],
  ['DaemonSet', ['spec', 'template']],
  ['ReplicaSet', ['spec', 'template']],
  ['Rollout', ['spec', 'template']],
  ['Job', ['spec', 'template']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
  ['Pod', []],
  ['DeploymentConfig', ['spec', 'template']],
]);

export const KLT_SUPPORTED_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Rollout']);

export function readResource(src: SourceRef, value: unknown): ManifestResource {
  return {
    src,
    apiVersion: asString(get(value, 'apiVersion')) ?? '',
    kind: asString(get(value, 'kind')) ?? '',
    name: asString(get(value, 'metadata', 'name')),
    namespace: asString(get(value, 'metadata', 'namespace')),
  };
}

export function isWorkloadKind(kind: string): boolean {
  return POD_TEMPLATE_PATHS.has(kind);
}

export function readWorkload(src: SourceRef, value: unknown, templated: boolean, templateActions: Range[]): Workload {
  const kind = asString(get(value, 'kind')) ?? '';
  const tpl = [...(POD_TEMPLATE_PATHS.get(kind) ?? ['spec', 'template'])];
  const podSpecPath = kind === 'Pod' ? ['spec'] : [...tpl, 'spec'];
  const podMetaPath = kind === 'Pod' ? ['metadata'] : [...tpl, 'metadata'];
  const containers: Container[] = asArray(get(value, ...podSpecPath, 'containers')).map((c, i) => ({
    src: src.at(...podSpecPath, 'containers', i),
    name: asString(get(c, 'name')) ?? '',
    image: asString(get(c, 'image')),
  }));
  return {
    src,
    kind,
    apiVersion: asString(get(value, 'apiVersion')) ?? '',
    name: asString(get(value, 'metadata', 'name')) ?? '',
    namespace: asString(get(value, 'metadata', 'namespace')),
    labels: asStringMap(get(value, 'metadata', 'labels')),
    annotations: asStringMap(get(value, 'metadata', 'annotations')),
    podLabels: asStringMap(get(value, ...podMetaPath, 'labels')),
    podAnnotations: asStringMap(get(value, ...podMetaPath, 'annotations')),
    containers,
    podTemplatePath: kind === 'Pod' ? [] : tpl,
    templated,
    templateActions,
  };
}

export function readNamespace(src: SourceRef, value: unknown): NamespaceResource {
  return {
    src,
    name: asString(get(value, 'metadata', 'name')) ?? '',
    labels: asStringMap(get(value, 'metadata', 'labels')),
    annotations: asStringMap(get(value, 'metadata', 'annotations')),
  };
}

/** KLT reads each key from the pod first: keptn.sh annotation > keptn.sh label > app.kubernetes.io annotation > label. */
export function workloadKey(w: Workload, keptnKey: string, k8sKey: string | undefined): { value: string; from: string } | undefined {
  const sources: [Record<string, string>, string, string][] = [
    [w.podAnnotations, keptnKey, 'pod annotation'],
    [w.podLabels, keptnKey, 'pod label'],
  ];
  if (k8sKey) sources.push([w.podAnnotations, k8sKey, 'pod annotation'], [w.podLabels, k8sKey, 'pod label']);
  for (const [map, key, from] of sources) if (Object.hasOwn(map, key)) return { value: map[key] as string, from: `${from} ${key}` };
  const hasPodWorkload = w.podAnnotations['keptn.sh/workload'] ?? w.podLabels['keptn.sh/workload'] ?? w.podAnnotations['app.kubernetes.io/name'] ?? w.podLabels['app.kubernetes.io/name'];
  if (hasPodWorkload !== undefined) return undefined;
  const owner: [Record<string, string>, string, string][] = [
    [w.annotations, keptnKey, 'annotation'],
    [w.labels, keptnKey, 'label'],
  ];
  if (k8sKey) owner.push([w.annotations, k8sKey, 'annotation'], [w.labels, k8sKey, 'label']);
  for (const [map, key, from] of owner) if (Object.hasOwn(map, key)) return { value: map[key] as string, from: `${w.kind} ${from} ${key}` };
  return undefined;
}

/** The tag of an image reference; undefined when untagged, `digest` when pinned by digest only. */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  const ref = at === -1 ? image : image.slice(0, at);
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) return ref.slice(colon + 1);
  return at === -1 ? undefined : 'digest';
}
