import { asArray, asString, get } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';
import type { Remediation, RemediationAction, Scope } from '../model/types.js';

/** remediation.yaml `spec.keptn.sh/0.1.4` and the Keptn 0.6 list form (keptn-v1-formats.md §5). */
export function readRemediation(src: SourceRef, value: unknown, scope: Scope, version: '0.1.4' | 'legacy'): Remediation {
  if (version === 'legacy') {
    return {
      src,
      scope,
      version,
      problems: asArray(get(value, 'remediations')).map((r, i) => {
        const rs = src.at('remediations', i);
        return {
          problemType: asString(get(r, 'name')) ?? '',
          src: rs,
          actions: asArray(get(r, 'actions')).map((a, k) => readAction(rs.at('actions', k), a)),
        };
      }),
    };
  }
  return {
    src,
    scope,
    version,
    apiVersion: asString(get(value, 'apiVersion')),
    problems: asArray(get(value, 'spec', 'remediations')).map((r, i) => {
      const rs = src.at('spec', 'remediations', i);
      return {
        problemType: asString(get(r, 'problemType')) ?? '',
        src: rs,
        actions: asArray(get(r, 'actionsOnOpen')).map((a, k) => readAction(rs.at('actionsOnOpen', k), a)),
      };
    }),
  };
}

function readAction(src: SourceRef, value: unknown): RemediationAction {
  return {
    src,
    name: asString(get(value, 'name')),
    action: asString(get(value, 'action')) ?? '',
    description: asString(get(value, 'description')),
    value: get(value, 'value'),
  };
}
