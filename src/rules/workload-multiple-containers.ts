import { defineRule } from '../engine/rule.js';
import { describeWorkload, kltWorkloads, versionSource } from './lib/manifests.js';

export default defineRule({
  id: 'workload-multiple-containers',
  meta: {
    description: 'A workload runs several containers without a version key or keptn.sh/container, so KLT cannot tell which image gives the version',
    pack: 'keptn',
    category: 'manifests',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'KLT derives a missing version from an image tag only when the pod has one container or `keptn.sh/container` names the ' +
        'container to use; with several containers it hashes all of them, so a sidecar or config change starts a new version and ' +
        're-runs the checks. If `keptn.sh/container` names a container the pod does not have, the webhook fails to compute the version. ' +
        'Sidecars injected at admission (Istio, Linkerd) can turn a one-container manifest into a multi-container pod.',
      instead:
        'Set `keptn.sh/version` on the pod template, or name the application container: `keptn.sh/container: carts` (Keptn 0.10+).',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/webhooks/pod_mutator/handlers/objectmeta.go (calculateVersion)',
        'https://github.com/keptn/lifecycle-toolkit/pull/2500 (keptn.sh/container)',
      ],
    },
  },
  check(project, context) {
    for (const w of kltWorkloads(project)) {
      const source = versionSource(project, w);
      const names = w.containers.map((c) => c.name || '?').join(', ');
      if (source.kind === 'multiple') {
        context.report({
          message: `${describeWorkload(w)} runs ${w.containers.length} containers (${names}) without a version key or keptn.sh/container: KLT cannot tell which image gives the version and hashes them all; set keptn.sh/version or keptn.sh/container on the pod template`,
          at: { ref: w.src.at(...(w.kind === 'Pod' ? [] : w.podTemplatePath), 'spec', 'containers'), target: 'key' },
        });
      } else if (source.kind === 'container-not-found') {
        context.report({
          message: `keptn.sh/container names "${source.name}", which is not a container of ${describeWorkload(w)} (${names}): KLT's webhook fails to compute the version`,
          at: source.lookup.entry?.ref ?? w.src.at('metadata'),
        });
      }
    }
  },
});
