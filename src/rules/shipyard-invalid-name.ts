import { defineRule } from '../engine/rule.js';
import { projectShipyards, q, stageRef } from './lib/shipyard.js';

/** go-utils ValidateKeptnEntityName, as the shipyard-controller applied it to stage names */
const KEPTN_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z][a-z0-9]*$/;
/** RFC 1123 label (Kubernetes namespace, label value and most resource names) */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** the closest valid name: lower case, other characters to `-`; `prefix-` when it must start with a letter and does not */
function suggest(name: string, prefix?: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '');
  if (s === '') return prefix ?? 'x';
  return prefix && !/^[a-z]/.test(s) ? `${prefix}-${s}` : s;
}

export default defineRule({
  id: 'shipyard-invalid-name',
  meta: {
    description: 'A stage name or project name (metadata.name) that is not a valid Kubernetes name',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Keptn v1 rejected a stage name with upper-case letters, `_`, a leading digit or a trailing `-` when the project was ' +
        'created (it became a Git branch and the namespace `<project>-<stage>`), yet such names are found in repositories ' +
        '(files edited after creation, or never applied). In KLT the names become Kubernetes names: namespaces per stage, ' +
        'KeptnApp and KeptnTaskDefinition names, label values, which must be RFC 1123 labels (lower case, digits, `-`, ' +
        'at most 63 characters). The project name in `metadata.name` was not validated on the shipyard at all.',
      instead:
        'Rename the stage or project to a DNS label (`production_gke` → `production-gke`) and use that name consistently in ' +
        'namespaces, Argo CD/Flux environments and KLT resources.',
      codeVsSpec:
        'The docs describe `metadata.name` as lower case with hyphens, but the shipyard-controller never validated it; stage ' +
        'names were validated with ValidateKeptnEntityName at project creation only.',
      sources: [
        'keptn/keptn@318a3d5 shipyard-controller/internal/common/keptn_helpers.go (ValidateShipyardStages)',
        'keptn/go-utils pkg/lib/keptn/keptn_base.go (ValidateKeptnEntityName)',
        'keptn/keptn.github.io@286e5f9 content/docs/1.0.x/reference/files/shipyard',
        'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names',
      ],
    },
  },
  check(project, context) {
    for (const shipyard of projectShipyards(project)) {
      const name = shipyard.name;
      if (shipyard.version !== '0.1' && name !== undefined && (!DNS_LABEL.test(name) || name.length > 63)) {
        context.report({
          message:
            `project name ${q(name)} (metadata.name) is not a valid Kubernetes name (RFC 1123 label, at most 63 characters); ` +
            `KLT uses it in resource names and labels: rename it (e.g. ${q(suggest(name).slice(0, 63).replace(/(?<!-)-+$/, ''))})`,
          at: shipyard.src.at('metadata', 'name'),
        });
      }
      for (const stage of shipyard.stages) {
        if (stage.name === '' || KEPTN_NAME.test(stage.name)) continue;
        context.report({
          message:
            `stage name ${q(stage.name)} is not a valid Keptn or Kubernetes name (a lower-case letter, then lower-case letters, ` +
            `digits and "-", not ending in "-"); Keptn v1 rejected it at project creation and KLT uses it in namespace and ` +
            `resource names: rename it (e.g. ${q(suggest(stage.name, 'stage'))})`,
          at: stageRef(stage),
        });
      }
    }
  },
});
