import { defineRule } from '../engine/rule.js';
import type { CiUsage } from '../model/types.js';
import { allCiUsages, ciConcern, ciTarget, commandLine, flagValue, nearbyEventType } from './lib/manifests.js';

const INSTEAD =
  'KLT does not orchestrate delivery; deploy with your CD tool (kubectl apply, helm upgrade, Argo CD, Flux) and let KLT run the pre/post-deployment checks of the annotated workload';

function what(u: CiUsage): string {
  const line = commandLine(u);
  const service = flagValue(line, 'service');
  const image = flagValue(line, 'image');
  const detail = [service && `service ${service}`, image && `image ${image}`].filter(Boolean).join(', ');
  const suffix = detail ? ` (${detail})` : '';
  switch (u.command) {
    case 'trigger delivery':
      return `'keptn trigger delivery'${suffix} makes Keptn v1 deploy the image and run the delivery sequence`;
    case 'send event new-artifact':
      return `'keptn send event new-artifact'${suffix} makes Keptn v1 (0.7 and older) deploy the artifact`;
    case 'trigger sequence': {
      const seq = /trigger\s+sequence\s+([\w-]+)/.exec(line)?.[1] ?? flagValue(line, 'sequence');
      return `'keptn trigger sequence${seq ? ` ${seq}` : ''}'${suffix} starts a Keptn v1 sequence`;
    }
    default: {
      const type = nearbyEventType(u);
      if (u.via === 'library') return `${u.command} (Keptn CI library) makes Keptn v1 start a delivery`;
      if (u.via === 'cli') return `'keptn send event'${type ? ` with ${type}` : ''} makes Keptn v1 start a delivery`;
      return `${u.command}${type ? ` with ${type}` : ''} makes Keptn v1 start a delivery sequence`;
    }
  }
}

export default defineRule({
  id: 'ci-keptn-delivery-trigger',
  meta: {
    description: 'A CI pipeline asks Keptn v1 to deliver: keptn trigger delivery/sequence, send event new-artifact, POST /api/v1/event with a .triggered event',
    pack: 'keptn',
    category: 'ci',
    severity: 'blocker',
    fix: 'none',
    effort: 5,
    docs: {
      why:
        'In Keptn v1 the pipeline handed the new image to Keptn, whose shipyard sequence deployed it (helm-service), tested, evaluated ' +
        'and promoted it through the stages. KLT is not a delivery tool: it watches what your CD tool deploys and runs pre/post-deployment ' +
        'tasks and evaluations around it. Without a replacement the pipeline deploys nothing.',
      instead:
        'Deploy from the pipeline or a GitOps tool: `helm upgrade --install carts ./charts/carts -n sockshop-dev --set image=$IMAGE`, ' +
        '`kubectl apply`, an Argo CD/Flux sync of a commit that bumps the image. Put the stage tasks into KeptnTaskDefinitions referenced by ' +
        '`keptn.sh/pre-deployment-tasks`/`post-deployment-tasks`, and promote between stages with the CD tool (or KeptnAppContext promotionTasks).',
      sources: [
        'keptn/keptn@318a3d5 cli/cmd/trigger_delivery.go',
        'keptn/keptn@318a3d5 cli/cmd/trigger_sequence.go',
        'keptn-sandbox/keptn-jenkins-library (sendDeliveryTriggeredEvent)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/migrate/keptn/strategy.md ("Keptn is not a delivery tool")',
      ],
    },
  },
  check(project, context) {
    for (const u of allCiUsages(project)) {
      if (ciConcern(project, u) !== 'delivery') continue;
      context.report({ message: `${what(u)}: ${INSTEAD}`, at: ciTarget(u) });
    }
  },
});
