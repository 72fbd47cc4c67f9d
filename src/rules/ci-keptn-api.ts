import { defineRule } from '../engine/rule.js';
import { allCiUsages, ciConcern, ciTarget, nearbyEventType } from './lib/manifests.js';

export default defineRule({
  id: 'ci-keptn-api',
  meta: {
    description: 'A script or pipeline calls the Keptn v1 REST API (x-token, controlPlane, configuration/resource-service, statistics, secrets)',
    pack: 'keptn',
    category: 'ci',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Keptn v1 exposed a REST API behind its API gateway, authenticated with the `x-token` header (secret keptn-api-token): ' +
        'control plane (projects, services, stages, sequences), configuration-service/resource-service (files in the configuration ' +
        'repository), statistics and secrets. KLT is Kubernetes-native and has no REST API of its own; these calls fail once Keptn v1 ' +
        'is removed. Delivery and evaluation calls are reported by ci-keptn-delivery-trigger and ci-keptn-evaluation-trigger.',
      instead:
        'Use the Kubernetes API through kubectl or a client library with a service account: `kubectl get keptnworkloadversions -n ' +
        'sockshop-dev`, `kubectl apply -f analysis.yaml`, `kubectl create secret`. Files formerly uploaded with the resource API live in Git.',
      sources: [
        'keptn/keptn@318a3d5 api (API gateway, x-token header, secret keptn-api-token)',
        'keptn/keptn@318a3d5 resource-service, shipyard-controller, statistics-service, secret-service (REST endpoints)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/migrate/keptn/strategy.md',
      ],
    },
  },
  check(project, context) {
    for (const u of allCiUsages(project)) {
      if (ciConcern(project, u) !== 'api') continue;
      const what =
        u.command === 'Keptn API credentials'
          ? `${u.text} hands the Keptn v1 API endpoint or token to this job`
          : u.command === 'x-token authentication'
          ? 'the x-token header authenticates against the Keptn v1 API'
          : u.command === 'POST /api/v1/event' && nearbyEventType(u)
            ? `POST /api/v1/event (${nearbyEventType(u) ?? ''}) calls the Keptn v1 REST API`
            : `${u.command} calls the Keptn v1 REST API`;
      context.report({
        message: `${what}: KLT has no REST API (it is Kubernetes-native); use the Kubernetes API with a service account (kubectl)`,
        at: ciTarget(u),
      });
    }
  },
});
