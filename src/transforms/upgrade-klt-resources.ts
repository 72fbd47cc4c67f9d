import { upgradeKltResources } from '../day2/klt-upgrade.js';
import { defineTransform } from '../engine/transform.js';
import type { MigrationProject } from '../model/project.js';

export default defineTransform({
  id: 'upgrade-klt-resources',
  meta: {
    description: 'Older KLT resources (v1alpha1 … v1beta1) are upgraded in place to the target version with minimal edits',
    pack: 'keptn',
    safety: 'safe',
    produces: ['apiVersion', 'KeptnAppContext', 'KeptnMetric', 'spec.deno', 'KeptnMetricsProvider', 'KEPTN_CONTEXT'],
    phase: 'resources',
    docs: {
      converts:
        'apiVersion → the target (lifecycle.keptn.sh/metrics.keptn.sh v1 on keptn-v2); KeptnApp task lists → a KeptnAppContext of the same name and namespace, the KeptnApp keeps version/workloads and gets the label app.kubernetes.io/managed-by: keptn; spec.function → spec.deno; KeptnEvaluationProvider → KeptnMetricsProvider (type from the name, secretName → secretKeyRef); KeptnEvaluationDefinition v1alpha1/v1alpha2 inline queries → one KeptnMetric per query + keptnMetricRef; task code reading Deno.env.get("CONTEXT") (inline, in a ConfigMap, or an httpRef file in the repository) → KEPTN_CONTEXT, rewritten with jscodeshift; KeptnConfig keptnAppCreationRequestTimeout → …Seconds. Edits keep comments, formatting, CRLF and BOM; Helm templates and flow-style YAML get a manual step with the exact upgraded text',
      loses:
        'inline evaluation queries run at evaluation time (a KeptnMetric is fetched every 10 s); the secret key of a v1alpha1 provider (guessed per provider type); httpRef code outside the repository (a manual step); operator-created resources in the repository (a manual step to delete them)',
    },
  },
  run(project: MigrationProject, ctx) {
    upgradeKltResources(project, ctx);
  },
});
