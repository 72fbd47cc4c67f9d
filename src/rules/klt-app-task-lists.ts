import { asString, get } from '../core/values.js';
import { defineRule } from '../engine/rule.js';

const LISTS = ['preDeploymentTasks', 'postDeploymentTasks', 'preDeploymentEvaluations', 'postDeploymentEvaluations'];
const MANAGED = 'app.kubernetes.io/managed-by';

export default defineRule({
  id: 'klt-app-task-lists',
  meta: {
    description: 'A KeptnApp lists pre/post-deployment tasks or evaluations (removed in v1beta1) or lacks the managed-by: keptn label',
    pack: 'keptn',
    category: 'klt-upgrade',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Up to lifecycle.keptn.sh/v1alpha3 a user-written KeptnApp carried the app-level `preDeploymentTasks`, `postDeploymentTasks`, ' +
        '`preDeploymentEvaluations` and `postDeploymentEvaluations`. Since Keptn 0.10 (v1beta1) KeptnApps are managed by the operator and ' +
        'these lists live in a KeptnAppContext of the same name and namespace; v1 has no such fields. The operator updates a KeptnApp ' +
        'from discovered workloads only when it carries the label `app.kubernetes.io/managed-by: keptn`; without it the app is treated as ' +
        'user-defined and left alone. KLT\'s converter (`--convert-app`) and the docs example of an auto-discovered app write that key ' +
        'as an annotation, which the operator does not read.',
      instead:
        'Move the lists to `apiVersion: lifecycle.keptn.sh/v1, kind: KeptnAppContext, metadata: {name: <app>, namespace: <ns>}, spec: ' +
        '{preDeploymentTasks: [...], postDeploymentEvaluations: [...]}`, and either delete the KeptnApp (KLT creates it from `keptn.sh/app`) ' +
        'or keep it as `lifecycle.keptn.sh/v1` with the label `app.kubernetes.io/managed-by: keptn`. The KLT converter ' +
        '`lifecycle-operator --convert-app` does this.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/migrate/keptnapp/index.md',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/controllers/lifecycle/keptnappcreationrequest/controller.go (appIsManagedByKeptn)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/converter/convert_app.go (writes managed-by as an annotation)',
      ],
    },
  },
  check(project, context) {
    for (const r of project.kltResources) {
      if (r.kind !== 'KeptnApp' || r.group !== 'lifecycle.keptn.sh') continue;
      const name = r.name ? ` "${r.name}"` : '';
      const present = r.src.doc.keysAt([...r.src.path, 'spec']).map((k) => k.key ?? '').filter((k) => LISTS.includes(k));
      const [first] = present;
      if (first) {
        context.report({
          message: `KeptnApp${name} lists ${present.join(', ')} in its spec, which lifecycle.keptn.sh/v1beta1 and v1 no longer have: move them to a KeptnAppContext${name} and label the KeptnApp ${MANAGED}: keptn (or let KLT create it)`,
          at: { ref: r.src.at('spec', first), target: 'key' },
        });
        continue;
      }
      if (r.version !== 'v1' && r.version !== 'v1beta1') continue;
      const label = asString(get(r.src.doc.value, 'metadata', 'labels', MANAGED));
      if (label === 'keptn' || label === 'klt') continue;
      if (label === undefined && asString(get(r.src.doc.value, 'metadata', 'annotations', MANAGED)) !== undefined) {
        context.report({
          message: `KeptnApp${name} sets ${MANAGED} as an annotation (as KLT's own converter and docs example do), but the operator checks the label, so it treats the app as user-defined and does not update it: make it a label`,
          at: { ref: r.src.at('metadata', 'annotations', MANAGED), target: 'key' },
          severity: 'info',
        });
        continue;
      }
      const labels = r.src.at('metadata', 'labels');
      context.report({
        message: `KeptnApp${name} has no label ${MANAGED}: keptn, so KLT treats it as user-defined and does not update it from discovered workloads: add the label, or delete it and let KLT create it`,
        at: { ref: labels.exists() ? labels : r.src.at('metadata'), target: 'key' },
        severity: 'info',
      });
    }
  },
});
