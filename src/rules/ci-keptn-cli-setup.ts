import { defineRule } from '../engine/rule.js';
import type { CiUsage } from '../model/types.js';
import { allCiUsages, ciConcern, ciTarget, commandLine, flagValue } from './lib/manifests.js';

/** what replaces each Keptn v1 setup/admin command in KLT */
const REPLACEMENT: [RegExp, string][] = [
  [/^auth$/, 'KLT has no API to log in to; give the pipeline a kubeconfig or service account for kubectl'],
  [/^create project$/, 'KLT has no projects; group workloads into a KeptnApp with keptn.sh/app and enable their namespaces'],
  [/^(create service|onboard service)$/, 'KLT has no services to create; annotate the workload (keptn.sh/workload, keptn.sh/app) and KLT discovers it'],
  [/^create stage$/, 'KLT has no stages; use a namespace or cluster per stage, promoted by your CD tool'],
  [/^(create|delete) secret$/, 'use a Kubernetes Secret (kubectl create secret), referenced by KeptnMetricsProvider.spec.secretKeyRef or KeptnTaskDefinition secureParameters'],
  [/^(add-resource|keptnAdd\w*Resources)$/, 'KLT has no configuration repository; commit the KLT resources (KeptnTaskDefinition, AnalysisDefinition, KeptnMetric) and kubectl apply them or let Argo CD/Flux sync them'],
  [/^configure monitoring$/, 'create a KeptnMetricsProvider (metrics.keptn.sh/v1) per monitoring backend'],
  [/^configure bridge$/, 'nothing: there is no Bridge; use the Keptn Grafana dashboards and OpenTelemetry traces'],
  [/^(update|upgrade) project$/, 'nothing: KLT has no project or shipyard to update'],
  [/^(delete project|delete service|keptnDeleteProject)$/, 'delete the workloads and KLT resources with kubectl (or the namespace)'],
  [/^(install|uninstall|upgrade)$/, 'uninstall Keptn v1 and install Keptn (KLT) with its Helm chart (helm upgrade --install keptn keptn/keptn --repo https://charts.lifecycle.keptn.sh -n keptn-system)'],
  [/^get /, 'kubectl get keptnapps,keptnappversions,keptnworkloads,keptnworkloadversions -n <namespace>'],
  [/^approve$/, 'KLT has no approvals; gate the promotion in your CD tool or in a pre-deployment KeptnTaskDefinition'],
  [/^(abort|pause|resume)$/, 'KLT has no sequences to control; stop or pause the rollout in your CD tool'],
  [/^keptnInit$/, 'nothing: there is no Keptn project to initialise; apply the KLT resources with kubectl'],
  [/^send event$/, 'KLT has no event API; trigger the equivalent work from your pipeline (see the other ci-* rules)'],
];

function replacement(u: CiUsage): string {
  for (const [re, text] of REPLACEMENT) if (re.test(u.command)) return text;
  return 'nothing: KLT has no CLI; use kubectl on the KLT resources';
}

export default defineRule({
  id: 'ci-keptn-cli-setup',
  meta: {
    description: 'A script or pipeline runs a Keptn v1 setup or admin command (auth, create project/service/secret, add-resource, configure monitoring, ...)',
    pack: 'keptn',
    category: 'ci',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Keptn v1 was configured through its CLI and API: projects, services and stages, files pushed into the configuration repository ' +
        'with add-resource, secrets, monitoring integrations. None of these commands exists for KLT: it is configured with Kubernetes ' +
        'resources. Left in a pipeline they fail once Keptn v1 is gone.',
      instead:
        '| Keptn v1 | KLT |\n|---|---|\n' +
        '| `keptn auth` | kubeconfig / service account for kubectl |\n' +
        '| `keptn create project` | KeptnApp via `keptn.sh/app`, namespaces annotated `keptn.sh/lifecycle-toolkit: "enabled"` |\n' +
        '| `keptn create service`, `keptn onboard service` | `keptn.sh/workload` / `keptn.sh/app` on the workload |\n' +
        '| `keptn create stage` | a namespace or cluster per stage, promoted by the CD tool |\n' +
        '| `keptn create secret` | a Kubernetes Secret referenced by KeptnMetricsProvider or KeptnTaskDefinition `secureParameters` |\n' +
        '| `keptn add-resource` | KLT resources committed to Git and applied with kubectl / Argo CD / Flux |\n' +
        '| `keptn configure monitoring` | a KeptnMetricsProvider per backend |\n' +
        '| `keptn update/upgrade project`, `configure bridge`, `status` | nothing |\n' +
        '| `keptn delete ...` | `kubectl delete` |\n' +
        '| `keptn install/upgrade` | the Keptn Helm chart |\n' +
        '| `keptn get ...` | `kubectl get keptnapps,keptnworkloadversions,...` |\n' +
        '| `keptn approve/abort/pause/resume` | the CD tool |',
      sources: [
        'keptn/keptn@318a3d5 cli/cmd/*.go',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/migrate/keptn/strategy.md',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/installation/index.md',
      ],
    },
  },
  check(project, context) {
    for (const u of allCiUsages(project)) {
      if (ciConcern(project, u) !== 'setup') continue;
      if (u.via === 'install') {
        context.report({
          message: `"${u.text.trim()}" installs Keptn v1: uninstall it and install Keptn (KLT) from its own chart repository (helm upgrade --install keptn keptn/keptn --repo https://charts.lifecycle.keptn.sh -n keptn-system)`,
          at: ciTarget(u),
        });
        continue;
      }
      const name = u.via === 'cli' ? `'keptn ${u.command}'` : `${u.command} (Keptn CI library)`;
      const line = u.via === 'cli' ? commandLine(u) : '';
      const detail = /project/.test(u.command)
        ? /project\s+([\w-]+)/.exec(line)?.[1]
        : u.command === 'add-resource'
          ? flagValue(line, 'resourceUri', 'resource')
          : undefined;
      const label = /project/.test(u.command) ? 'project' : 'resource';
      context.report({
        message: `${name}${detail ? ` (${label} ${detail})` : ''} configures Keptn v1: ${replacement(u)}`,
        at: ciTarget(u),
      });
    }
  },
});
