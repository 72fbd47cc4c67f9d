import { lookup } from '../core/values.js';
import { defineRule } from '../engine/rule.js';
import { firstExisting, q, sequencesOf, projectShipyards } from './lib/shipyard.js';

/** 0.2.0-alpha task property names and what the 0.2.x services read instead */
const ALPHA_PROPERTIES: Record<string, { key: string; name: string; effect: string }> = {
  deployment: {
    key: 'strategy',
    name: 'deploymentstrategy',
    effect: 'helm-service found no deploymentstrategy and failed the deployment',
  },
  test: { key: 'kind', name: 'teststrategy', effect: 'the test services found no teststrategy' },
};

/** shipyard-controller's ValidateShipyardVersion: the rest after `spec.keptn.sh/` must be a (Masterminds) semver >= 0.2 */
function acceptedVersion(apiVersion: string): boolean {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(apiVersion.replace(/^spec\.keptn\.sh\//, ''));
  if (!m || m[4]) return false;
  const [major, minor] = [Number(m[1]), Number(m[2] ?? 0)];
  return major > 0 || minor >= 2;
}

export default defineRule({
  id: 'shipyard-legacy-format',
  meta: {
    description: 'A shipyard in the 0.1.x format or the 0.2.0-alpha draft (triggers list, strategy/kind task properties)',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'Shipyard 0.1.x (Keptn ≤ 0.7, no apiVersion, a list of stages with `deployment_strategy`, `test_strategy`, ' +
        '`approval_strategy`, `remediation_strategy`) was rejected by Keptn 0.8+; `keptn upgrade project --shipyard` turned each ' +
        'stage into a `delivery` sequence (deployment, test, evaluation, approval, release) triggered by the previous stage. ' +
        'keptn-migrate reads a 0.1 shipyard the same way, so what it reports is an interpretation of a file Keptn v1 no longer ' +
        'ran as is. The 0.2.0-alpha draft used `triggers: ["dev.delivery.finished"]` instead of `triggeredOn`, which the 0.2.x ' +
        'shipyard-controller ignored (the sequence was never started by another one), and the task properties `strategy`/`kind` ' +
        'instead of `deploymentstrategy`/`teststrategy`, which the services did not read.',
      instead:
        'Check what the project really did in its last Keptn version (the Bridge, the upgraded shipyard on the Keptn ' +
        'repository\'s main branch) before migrating, and migrate that. Alpha triggers that never fired are not behaviour to keep.',
      codeVsSpec:
        'The spec prose calls the deployment property `strategy` while its example (and the code) use `deploymentstrategy`.',
      sources: [
        'keptn/spec@0.1.7 shipyard.md',
        'keptn/spec@0.2.0-alpha shipyard.md',
        'keptn/keptn@0.8.3 cli/cmd/upgrade_project.go (transformShipyard)',
        'keptn/keptn@318a3d5 shipyard-controller/internal/common/keptn_helpers.go (ValidateShipyardVersion)',
        'keptn/go-utils pkg/lib/v0_2_0/shipyard.go',
      ],
    },
  },
  check(project, context) {
    for (const shipyard of projectShipyards(project)) {
      if (shipyard.version !== '0.1') continue;
      context.report({
        message:
          'shipyard 0.1 (no apiVersion, Keptn 0.7 or older): Keptn 0.8+ only ran it after `keptn upgrade project --shipyard`, ' +
          'which made each stage a "delivery" sequence (deployment, test, evaluation, approval, release) triggered by the ' +
          'previous stage; the other findings read it that way: check them against what the project really ran',
        at: { ref: shipyard.src.at('stages'), target: 'key' },
      });
    }
    for (const shipyard of projectShipyards(project)) {
      if (shipyard.version === '0.1' || shipyard.apiVersion === undefined || acceptedVersion(shipyard.apiVersion)) continue;
      context.report({
        message:
          `apiVersion ${q(shipyard.apiVersion)} is not a shipyard version the 0.2.x shipyard-controller accepted ` +
          '(spec.keptn.sh/ followed by a version >= 0.2, no pre-release): Keptn v1 rejected this shipyard',
        at: shipyard.src.at('apiVersion'),
      });
    }
    for (const v of sequencesOf(project)) {
      if (v.shipyard.version === '0.1') continue;
      if (v.seq.alphaTriggers) {
        context.report({
          message:
            `sequence ${q(v.seq.name)} in stage ${q(v.stage.name)} uses the 0.2.0-alpha "triggers" list, which the 0.2.x ` +
            'shipyard-controller ignored: the sequence was never started by another sequence; use triggeredOn only if that is wanted',
          at: { ref: v.seq.alphaTriggers, target: 'key' },
        });
      }
      for (const task of v.seq.tasks) {
        const alpha = lookup(ALPHA_PROPERTIES, task.name);
        if (!alpha || !(alpha.key in task.properties) || alpha.name in task.properties) continue;
        const ref = firstExisting(task.src.at('properties', alpha.key));
        if (!ref) continue;
        context.report({
          message:
            `task ${q(task.name)} of sequence ${q(v.seq.name)} in stage ${q(v.stage.name)} sets the 0.2.0-alpha property ` +
            `${q(alpha.key)}; 0.2.x reads ${q(alpha.name)}, so ${alpha.effect}`,
          at: { ref, target: 'key' },
        });
      }
    }
  },
});
