import { defineRule } from '../engine/rule.js';
import { describeTask, isBlueGreen, isLegacy, propRef, propString, q, taskRef, tasksOf } from './lib/shipyard.js';

export default defineRule({
  id: 'shipyard-deployment-strategy',
  meta: {
    description: 'A deployment task uses the blue-green strategy (blue_green_service / duplicate) that helm-service implemented',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'blocker',
    fix: 'none',
    effort: 5,
    docs: {
      why:
        'With `deploymentstrategy: blue_green_service` (or its alias `duplicate`) helm-service deployed the new version next to ' +
        'the old one (`<service>` and `<service>-primary`), shifted the traffic with Istio VirtualServices, and the `release` ' +
        'task promoted or rolled back the new version depending on the evaluation. KLT does not deploy anything and does not ' +
        'shift traffic: it only runs checks before and after a deployment made by another tool. The blue-green behaviour has ' +
        'to be rebuilt with a progressive-delivery tool.',
      instead:
        'Use Argo Rollouts (`strategy.blueGreen` with an `analysis` or a pre-promotion step) or Flagger. KLT supports Argo ' +
        '`Rollout` workloads: put the `keptn.sh/*` annotations on the Rollout\'s pod template and KLT runs its pre/post-deployment ' +
        'tasks and evaluations around each rollout.\n\n```yaml\napiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n' +
        '  strategy:\n    blueGreen:\n      activeService: carts\n      previewService: carts-preview\n      autoPromotionEnabled: false\n```',
      codeVsSpec:
        'The spec lists `direct`, `blue_green_service` and `user_managed`; go-utils also accepts `duplicate` as the same blue-green ' +
        'strategy. The 0.1-era helm-service additionally read a 0.1 `deployment_strategy` of `blue_green` or `canary` as blue-green. ' +
        'The values are compared case-sensitively (any other value made the deployment task fail).',
      sources: [
        'keptn/spec shipyard.md (Reserved Keptn Tasks: deployment)',
        'keptn/go-utils pkg/lib/deployment_strategy.go (GetDeploymentStrategy)',
        'keptn/keptn@08c0b0a helm-service/controller/deployment_handler.go',
        'keptn/keptn@04ba0b4 helm-service/controller/release_handler.go',
        'keptn/keptn@025cfa6 helm-service/controller/deployment_strategy_fetcher.go (0.1 strategies)',
        'keptn/lifecycle-toolkit lifecycle-operator/webhooks/pod_mutator@keptn-v2.5.0 (Rollout owner supported)',
      ],
    },
  },
  check(project, context) {
    for (const v of tasksOf(project)) {
      if (v.task.name !== 'deployment') continue;
      const strategy = propString(v.task, 'deploymentstrategy');
      if (!isBlueGreen(v.shipyard, strategy)) continue;
      const key = isLegacy(v.shipyard) ? 'deployment_strategy' : 'deploymentstrategy';
      context.report({
        message:
          `${describeTask(v)} uses ${key} ${q(strategy ?? '')}: helm-service deployed a blue-green pair and shifted the traffic ` +
          'with Istio; KLT does not deploy or shift traffic: use Argo Rollouts (blueGreen) or Flagger',
        at: isLegacy(v.shipyard) ? taskRef(v) : (propRef(v, 'deploymentstrategy') ?? v.task.src),
      });
    }
  },
});
