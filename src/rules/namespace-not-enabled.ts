import { defineRule } from '../engine/rule.js';
import { insertEntries } from '../edit/yaml-insert.js';
import type { Workload } from '../model/types.js';
import { describeWorkload, isTemplated, kltWorkloads } from './lib/manifests.js';

const KEY = 'keptn.sh/lifecycle-toolkit';

export default defineRule({
  id: 'namespace-not-enabled',
  meta: {
    description: 'A namespace holding workloads is not opted in to KLT with the keptn.sh/lifecycle-toolkit annotation',
    pack: 'keptn',
    category: 'manifests',
    severity: 'info',
    fix: 'safe',
    effort: 1,
    docs: {
      why:
        'Keptn v1 deployed into `<project>-<stage>` namespaces it created itself. KLT\'s pod webhook acts only in namespaces that carry ' +
        'the **annotation** `keptn.sh/lifecycle-toolkit: "enabled"` (read with GetAnnotations; a label with that key, or another value, ' +
        'is ignored). Pods in other namespaces get no KeptnWorkload and no pre/post-deployment checks. A namespace without a manifest ' +
        'in the repository has to be annotated where it is created.',
      instead:
        'Annotate the Namespace: `metadata: {annotations: {keptn.sh/lifecycle-toolkit: "enabled"}}` (keptn-migrate migrate adds it, or ' +
        'generates a Namespace manifest), or `kubectl annotate namespace sockshop-dev keptn.sh/lifecycle-toolkit=enabled`. Check the Keptn ' +
        'Helm values `allowedNamespaces`/`deniedNamespaces` as well.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/webhooks/pod_mutator/pod_mutating_webhook.go',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/chart/templates/lifecycle-mutating-webhook-configuration.yaml',
        'keptn/keptn@318a3d5 helm-service (namespace <project>-<stage>)',
      ],
    },
  },
  check(project, context) {
    const byNamespace = new Map<string, Workload[]>();
    for (const w of kltWorkloads(project)) {
      if (!w.namespace || isTemplated(w.src.at('metadata', 'namespace'), w.templateActions)) continue;
      byNamespace.set(w.namespace, [...(byNamespace.get(w.namespace) ?? []), w]);
    }
    const declared = new Set<string>();
    for (const ns of project.namespaces) {
      const nameRef = ns.src.at('metadata', 'name');
      if (ns.name === '' || (nameRef.exists() && ns.src.file.text.slice(nameRef.range().start, nameRef.range().end).includes('{{'))) continue;
      declared.add(ns.name);
      const workloads = byNamespace.get(ns.name);
      if (!workloads) continue;
      const names = [...new Set(workloads.map((w) => w.name))].sort().join(', ');
      const value = ns.annotations[KEY];
      if (value === 'enabled' || value === 'disabled') continue;
      if (value !== undefined) {
        context.report({
          message: `Namespace "${ns.name}" sets ${KEY}: "${value}"; KLT acts only on the value "enabled", so it ignores the pods of ${names}`,
          at: ns.src.at('metadata', 'annotations', KEY),
          severity: 'warning',
        });
      } else if (ns.labels[KEY] !== undefined) {
        context.report({
          message: `Namespace "${ns.name}" sets ${KEY} as a label; KLT reads only the namespace annotation, so it ignores the pods of ${names}: move it to metadata.annotations with the value "enabled"`,
          at: { ref: ns.src.at('metadata', 'labels', KEY), target: 'key' },
          severity: 'warning',
        });
      } else {
        const edit = insertEntries({ file: ns.src.file, doc: ns.src.doc, templateActions: [] }, ['metadata', 'annotations'], [[KEY, 'enabled']]);
        context.report({
          message: `Namespace "${ns.name}" holds ${names} but has no annotation ${KEY}: "enabled"; KLT ignores its pods until keptn-migrate migrate adds it`,
          at: nameRef,
          ...(edit.ok && edit.edits.length > 0
            ? { fix: { safety: 'safe' as const, title: `annotate Namespace "${ns.name}" with ${KEY}: "enabled"`, edits: edit.edits.map((e) => ({ ...e, file: ns.src.file.displayPath })) } }
            : {}),
        });
      }
    }
    for (const [namespace, workloads] of byNamespace) {
      if (declared.has(namespace)) continue;
      for (const w of workloads) {
        context.report({
          message: `${describeWorkload(w)} runs in namespace "${namespace}", which has no Namespace manifest in the repository: annotate that namespace with ${KEY}: "enabled" where it is created, or let keptn-migrate migrate generate one`,
          at: w.src.at('metadata', 'namespace'),
        });
      }
    }
  },
});
