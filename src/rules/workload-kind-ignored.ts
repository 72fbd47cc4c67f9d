import { defineRule } from '../engine/rule.js';
import { KLT_SUPPORTED_KINDS } from '../formats/k8s.js';
import type { Workload } from '../model/types.js';
import { describeWorkload, IGNORED_NAMESPACES, projectServices } from './lib/manifests.js';

const INSTEAD: Record<string, string> = {
  Job: 'run it as a KeptnTaskDefinition (container runtime) before or after the deployment, or keep it outside KLT',
  CronJob: 'run it as a KeptnTaskDefinition (container runtime) if it belongs to a deployment, or keep it outside KLT',
  Pod: 'wrap it in a Deployment or StatefulSet',
  DeploymentConfig: 'convert it to a Deployment (its pods are owned by a ReplicationController)',
};

/** why the resource looks meant to be tracked by Keptn */
function intent(w: Workload, services: Set<string>): string | undefined {
  const maps = [w.podAnnotations, w.podLabels, w.annotations, w.labels];
  const keptnKey = maps.flatMap((m) => Object.keys(m)).find((k) => k.startsWith('keptn.sh/'));
  if (keptnKey) return `carries ${keptnKey}`;
  if (maps.some((m) => m['app.kubernetes.io/name'] !== undefined) && maps.some((m) => m['app.kubernetes.io/part-of'] !== undefined)) {
    return 'carries app.kubernetes.io/name and app.kubernetes.io/part-of';
  }
  if (services.has(w.name)) return `is named like the Keptn service "${w.name}"`;
  return undefined;
}

export default defineRule({
  id: 'workload-kind-ignored',
  meta: {
    description: 'A Job, CronJob, bare Pod or DeploymentConfig meant to be tracked by Keptn, whose pods KLT ignores',
    pack: 'keptn',
    category: 'manifests',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'KLT\'s webhook handles a pod only when its controller owner is a ReplicaSet, Deployment, StatefulSet, DaemonSet or Argo ' +
        'Rollout (`IsOwnerSupported`); Jobs, CronJobs, bare Pods and OpenShift DeploymentConfigs are skipped ("owner of pod is not ' +
        'supported"), whatever keys they carry. Keptn v1 helm-service deployed any chart, so such resources could be part of a Keptn ' +
        'service. The rule reports them only when they carry `keptn.sh/*` keys, `app.kubernetes.io/name` with `part-of`, or are named ' +
        'like a Keptn v1 service; other Jobs are not Keptn\'s business.',
      instead:
        'Move one-off work (migrations, smoke tests) into a KeptnTaskDefinition with a `container` runtime and list it in ' +
        '`keptn.sh/pre-deployment-tasks` of the workload; run a long-lived bare Pod as a Deployment.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/apis/lifecycle/v1/common/common.go (IsOwnerSupported)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/guides/integrate.md (supported workload kinds)',
      ],
    },
  },
  check(project, context) {
    const services = projectServices(project);
    for (const w of project.workloads) {
      if (KLT_SUPPORTED_KINDS.has(w.kind) || (w.namespace && IGNORED_NAMESPACES.has(w.namespace))) continue;
      const why = intent(w, services);
      if (!why) continue;
      context.report({
        message: `${describeWorkload(w)} ${why}, but KLT ignores ${w.kind === 'Pod' ? 'bare Pods' : `pods of a ${w.kind}`}: ${INSTEAD[w.kind] ?? 'run it as a Deployment'}`,
        at: w.src.at('kind'),
      });
    }
  },
});
