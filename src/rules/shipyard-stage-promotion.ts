import { defineRule } from '../engine/rule.js';
import { isLegacy, parseTriggerEvent, q, selectorOf, sequencesOf, stageRef } from './lib/shipyard.js';

const INSTEAD =
  'KLT does not promote between stages: promote with your GitOps/CD tool (Argo CD, Flux) or pipeline, optionally started by KLT promotionTasks';

export default defineRule({
  id: 'shipyard-stage-promotion',
  meta: {
    description: 'A sequence is triggered by the finished sequence of another stage (stage-to-stage promotion)',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'blocker',
    fix: 'none',
    effort: 5,
    docs: {
      why:
        'In Keptn v1 the shipyard-controller started a sequence in the next stage when `<stage>.<sequence>.finished` arrived ' +
        '(`triggeredOn`), and that was how an artifact moved from dev to staging to production. KLT has no stages and no ' +
        'promotion: it only runs checks around a deployment that something else performed. Without a replacement the artifact ' +
        'stays in the first environment.',
      instead:
        'Model each stage as a namespace or cluster and let your delivery tool promote: an Argo CD ApplicationSet or Flux ' +
        'Kustomization per environment, with the promotion done by a pipeline (a commit that bumps the image in the next ' +
        'environment) or Kargo. Keptn 2.x can start the promotion itself through `promotionTasks` in the KeptnAppContext ' +
        '(enable the Helm value `lifecycleOperator.promotionTasksEnabled: true`):\n\n' +
        '```yaml\napiVersion: lifecycle.keptn.sh/v1\nkind: KeptnAppContext\nmetadata:\n  name: carts\n  namespace: staging\n' +
        'spec:\n  promotionTasks:\n    - promote-to-production   # a KeptnTaskDefinition that opens the pull request\n```\n\n' +
        'Promotion tasks run after the app\'s post-deployment checks. Carry the old condition (the trigger\'s `selector`, or pass-or-warning without one) over into the promotion gate.',
      codeVsSpec:
        'The spec and docs say a trigger without `selector` fires only on result `pass`; the shipyard-controller code fires on ' +
        '`pass` or `warning` (`GetTaskSequencesByTrigger`). keptn-migrate follows the code: such a promotion also happened ' +
        'after a warning, and the replacement gate must allow warnings to keep the behaviour.',
      sources: [
        'keptn/keptn@318a3d5 shipyard-controller/internal/controller/shipyardcontroller_utils.go (GetTaskSequencesByTrigger)',
        'keptn/spec shipyard.md (triggeredOn, selector)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (stage, sequence)',
        'keptn/lifecycle-toolkit lifecycle-operator/apis/lifecycle/v1/keptnappcontext_types.go@keptn-v2.5.0 (promotionTasks)',
        'keptn/lifecycle-toolkit lifecycle-operator/chart/values.yaml@keptn-v2.5.0 (promotionTasksEnabled)',
        'https://keptn.sh/stable/docs/guides/multi-stage-application-delivery/',
      ],
    },
  },
  check(project, context) {
    for (const v of sequencesOf(project)) {
      for (const trigger of v.seq.triggeredOn) {
        const parsed = parseTriggerEvent(trigger.event);
        if (!parsed || parsed.stage === v.stage.name) continue;
        if (isLegacy(v.shipyard)) {
          context.report({
            message:
              `stage ${q(v.stage.name)} follows stage ${q(parsed.stage)} (shipyard 0.1 promoted every stage to the next one ` +
              `after result pass or warning); ${INSTEAD}`,
            at: stageRef(v.stage),
          });
          continue;
        }
        const when = selectorOf(trigger) === undefined ? '; without a selector Keptn v1 promoted on result pass or warning' : '';
        context.report({
          message: `sequence ${q(v.seq.name)} in stage ${q(v.stage.name)} is triggered by ${q(trigger.event)}${when}; ${INSTEAD}`,
          at: trigger.src,
        });
      }
    }
  },
});
