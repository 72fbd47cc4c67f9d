import { defineRule } from '../engine/rule.js';
import { describeTask, isLegacy, listing, propString, q, serversOf, taskRef, tasksOf } from './lib/shipyard.js';

const STRATEGIES = new Set(['direct', 'blue_green_service', 'duplicate', 'user_managed']);

export default defineRule({
  id: 'shipyard-deployment-task',
  meta: {
    description: 'A deployment task: Keptn v1 (helm-service) deployed the service; in KLT the deployment tool deploys',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'info',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'In Keptn v1 the `deployment` task of a sequence made helm-service (or a job-executor/webhook integration) install the ' +
        'service\'s Helm chart from the Keptn repository. KLT never deploys: your deployment tool (Helm, Argo CD, Flux, kubectl) ' +
        'applies the workload, and KLT\'s mutating webhook hooks into the pods of annotated Deployments, StatefulSets, DaemonSets, ' +
        'ReplicaSets and Argo Rollouts. The tasks before the deployment task become pre-deployment tasks, the tasks after it ' +
        'post-deployment tasks and evaluations.',
      instead:
        'Deploy the chart with your delivery tool and annotate the workload\'s pod template:\n\n```yaml\nmetadata:\n  annotations:\n' +
        '    keptn.sh/workload: carts\n    keptn.sh/version: "1.2.3"\n    keptn.sh/app: sockshop\n' +
        '    keptn.sh/post-deployment-tasks: run-tests\n    keptn.sh/post-deployment-evaluations: carts-quality-gate\n```\n\n' +
        'and enable the namespace with the annotation `keptn.sh/lifecycle-toolkit: "enabled"`.',
      codeVsSpec:
        'helm-service parsed `deploymentstrategy` case-sensitively; a missing or unknown value made the deployment task fail ' +
        '("The deployment strategy … is invalid"), although the spec describes the property as optional.',
      sources: [
        'keptn/spec shipyard.md (Reserved Keptn Tasks: deployment)',
        'keptn/keptn@08c0b0a helm-service/controller/deployment_handler.go',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (task: deployment)',
        'keptn/lifecycle-toolkit docs/docs/guides/integrate.md@keptn-v2.5.0 (annotations)',
      ],
    },
  },
  check(project, context) {
    for (const v of tasksOf(project)) {
      if (v.task.name !== 'deployment') continue;
      const strategy = propString(v.task, 'deploymentstrategy');
      const servers = serversOf(project, v.shipyard, v.stage.name, 'deployment', v.task.properties);
      const valid = strategy !== undefined && STRATEGIES.has(strategy);
      let how: string;
      if (isLegacy(v.shipyard)) {
        how = v.stage.legacy?.deploymentStrategy === undefined ? 'with the default deployment_strategy "direct"' : `with deployment_strategy ${q(strategy ?? '')}`;
      } else {
        how = strategy === undefined ? 'without a deploymentstrategy' : valid ? `with deploymentstrategy ${q(strategy)}` : `with the unknown deploymentstrategy ${q(strategy)}`;
      }
      let by: string;
      if (servers.length) by = `${listing(servers.map((s) => s.label))} deployed it in Keptn v1`;
      else if (valid || isLegacy(v.shipyard)) by = 'helm-service deployed it in Keptn v1';
      else by = 'helm-service failed it in Keptn v1 (invalid deployment strategy) unless another integration deployed';
      context.report({
        message:
          `${describeTask(v)} ${how}: ${by}; in KLT your deployment tool deploys and KLT hooks into ` +
          'the workload (keptn.sh/* annotations); the tasks before and after it become pre- and post-deployment tasks',
        at: taskRef(v),
      });
    }
  },
});
