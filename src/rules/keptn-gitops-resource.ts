import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'keptn-gitops-resource',
  meta: {
    description: 'A keptn-sandbox gitops-operator resource (keptn.sh/v1 KeptnProject, KeptnService, KeptnShipyard, ...): no migration path',
    pack: 'keptn',
    category: 'integrations',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'The keptn-sandbox keptn-gitops-operator reconciled `keptn.sh/v1` custom resources (KeptnProject, KeptnStage, KeptnService, ' +
        'KeptnSequence, KeptnShipyard, ...) into Keptn v1 projects through the Keptn API. It was a sandbox project, never part of Keptn, ' +
        'and it has no KLT counterpart; its CRDs share the `keptn.sh` name with KLT\'s groups (`lifecycle.keptn.sh`, `metrics.keptn.sh`) ' +
        'but nothing else.',
      instead:
        'Treat each resource as documentation of the Keptn v1 project it generated: migrate the project (shipyard, SLOs, job and webhook ' +
        'configs) with the other rules, then remove these resources and the operator. Services become annotated workloads; stages become ' +
        'namespaces or clusters managed by your CD tool.',
      sources: [
        'keptn-sandbox/keptn-gitops-operator (keptn.sh/v1 CRDs)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0',
      ],
    },
  },
  check(project, context) {
    for (const res of project.gitopsResources) {
      const name = res.name ? ` "${res.name}"` : '';
      context.report({
        message: `keptn-gitops-operator ${res.kind || 'resource'}${name} (${res.apiVersion}) comes from a sandbox operator with no KLT migration path: migrate the project it describes, then remove it`,
        at: res.src.at('kind').exists() ? res.src.at('kind') : res.src,
      });
    }
  },
});
