import { defineRule } from '../engine/rule.js';

const OLD = /^v1(alpha[1-4]|beta1)$/;
/** kinds with no v1: other rules say what replaces them */
const GONE = new Set(['KeptnEvaluationProvider']);

export default defineRule({
  id: 'klt-deprecated-api-version',
  meta: {
    description: 'A KLT resource uses a pre-v1 API version (lifecycle.keptn.sh / metrics.keptn.sh v1alpha1-v1alpha4, v1beta1)',
    pack: 'keptn',
    category: 'klt-upgrade',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Keptn 2.x still serves v1alpha1 through v1beta1, but stores v1 and converts only KeptnApp and KeptnAppVersion with a webhook; ' +
        'every other kind is relabelled as v1, so fields that v1 no longer has (KeptnTaskDefinition `spec.function`, KeptnApp task lists) ' +
        'are expected to be pruned. The metrics-operator declared all alpha versions unsupported in 0.10.0. KeptnWorkloadInstance was ' +
        'renamed KeptnWorkloadVersion (v1alpha4) and is no longer installed.',
      instead:
        'Use `lifecycle.keptn.sh/v1` and `metrics.keptn.sh/v1` (Keptn 2.0+) and check the fields against the v1 schema; `options.keptn.sh/v1alpha1` ' +
        '(KeptnConfig) has no newer version.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/config/crd/bases (served and storage versions)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/chart/templates/*-crd.yaml (conversion strategy)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 CHANGELOG.md 0.10.0 (alpha metrics APIs no longer supported)',
      ],
    },
  },
  check(project, context) {
    for (const r of project.kltResources) {
      if ((r.group !== 'lifecycle.keptn.sh' && r.group !== 'metrics.keptn.sh') || !OLD.test(r.version) || GONE.has(r.kind)) continue;
      const name = r.name ? ` "${r.name}"` : '';
      if (r.kind === 'KeptnWorkloadInstance') {
        context.report({
          message: `KeptnWorkloadInstance${name} (${r.apiVersion}) is operator-generated and was renamed KeptnWorkloadVersion in KLT 0.9: delete it from the repository`,
          at: r.src.at('apiVersion'),
        });
        continue;
      }
      const unsupported = r.group === 'metrics.keptn.sh' && r.version.startsWith('v1alpha') ? ', and alpha metrics APIs are unsupported since Keptn 0.10' : '';
      context.report({
        message: `${r.kind}${name} uses ${r.apiVersion}; Keptn 2.x stores ${r.group}/v1${unsupported}: change it to ${r.group}/v1 and check its fields against the v1 schema`,
        at: r.src.at('apiVersion'),
      });
    }
  },
});
