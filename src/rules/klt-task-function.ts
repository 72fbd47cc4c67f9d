import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'klt-task-function',
  meta: {
    description: 'A KeptnTaskDefinition uses spec.function, removed in lifecycle.keptn.sh/v1; use spec.deno',
    pack: 'keptn',
    category: 'klt-upgrade',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        '`spec.function` was the only runtime of KeptnTaskDefinition in v1alpha1/v1alpha2; KLT 0.8 added `deno`, `python` and `container` ' +
        'and deprecated `function`, and lifecycle-operator 1.0 (Keptn 2.0) removed it from v1. KeptnTaskDefinition has no conversion ' +
        'webhook, so an older object applied to a Keptn 2.x cluster is stored as v1 and its `function` is expected to be pruned: the ' +
        'definition then has no runtime and is rejected or does nothing.',
      instead:
        'Rename `spec.function` to `spec.deno`; `inline.code`, `httpRef.url`, `functionRef.name`, `configMapRef.name`, `parameters.map`, ' +
        '`secureParameters.secret` and `cmdParameters` keep their names. Use `lifecycle.keptn.sh/v1`.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/reference/crd-reference/taskdefinition.md ("Differences between versions")',
        'https://github.com/keptn/lifecycle-toolkit/pull/3345 (function removed)',
      ],
    },
  },
  check(project, context) {
    for (const r of project.kltResources) {
      if (r.kind !== 'KeptnTaskDefinition' || !('function' in r.spec)) continue;
      const name = r.name ? ` "${r.name}"` : '';
      const state =
        r.version === 'v1'
          ? 'lifecycle.keptn.sh/v1 has no spec.function, the API server prunes it'
          : `spec.function is deprecated since KLT 0.8 and removed in lifecycle.keptn.sh/v1, so Keptn 2.x prunes it`;
      context.report({
        message: `KeptnTaskDefinition${name} uses spec.function: ${state}; rename it to spec.deno`,
        at: { ref: r.src.at('spec', 'function'), target: 'key' },
      });
    }
  },
});
