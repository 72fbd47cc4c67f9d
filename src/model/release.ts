import type { LoadedFile } from '../core/load.js';
import { asString, get } from '../core/values.js';
import { isWorkloadKind } from '../formats/k8s.js';

/** what rules read of Kubernetes resources that are not workloads or namespaces; the rest of such documents is released */
export const RESOURCE_PATHS: readonly (readonly string[])[] = Object.freeze([['apiVersion'], ['kind'], ['metadata', 'name'], ['metadata', 'namespace'], ['metadata', 'labels'], ['metadata', 'annotations'], ['data', 'code'], ['spec', 'selector']]);

/**
 * Releases what the model never reads of a loaded file's Kubernetes resources that are neither workloads nor
 * namespaces (most of a GitOps repository: ConfigMaps, Services, ...). The loader calls it in the thread that parsed
 * the file, so the rest is never copied to the main thread; documents read from stdin stay whole (migrate edits them).
 */
export function releaseUnread(lf: LoadedFile): void {
  if (lf.file.origin.stdin) return;
  for (const { doc, cls } of lf.docs) {
    if (cls.kind !== 'k8s-manifest') continue;
    const kind = asString(get(doc.value, 'kind')) ?? '';
    if (!isWorkloadKind(kind) && kind !== 'Namespace') doc.detach(RESOURCE_PATHS);
  }
}
