/**
 * A container KeptnTaskDefinition that runs other KeptnTaskDefinitions one after the other.
 *
 * Why a shell orchestrator: KLT runs every task of a phase in parallel, and one container holds one image, so steps
 * with different images cannot share a container. Each step stays a normal KeptnTaskDefinition; the orchestrator
 * creates a KeptnTask for it (KLT documents hand-made KeptnTasks) with the phase's own context, waits for it to
 * succeed and stops at the first failure. A Deno orchestrator cannot do this: the Deno runner may read only DATA,
 * SECURE_DATA and KEPTN_CONTEXT and cannot trust the cluster CA for the API server without unstable flags. The
 * image needs sh and kubectl; the job's ServiceAccount needs create/get on keptntasks.
 */
import type { TargetProfile } from '../klt/targets.js';

export const ORCHESTRATOR_IMAGE = 'bitnami/kubectl:1.31';
export const ORCHESTRATOR_ACCOUNT = 'keptn-task-runner';
const POLL_SECONDS = 5;

export function orchestratorScript(contextVariable: string, apiVersion: string): string {
  return [
    'set -eu',
    'ns=$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)',
    'while [ "$#" -ge 2 ]; do',
    '  def=$1; timeout=$2; shift 2',
    '  task="$def-$(date +%s)"',
    `  printf '{"apiVersion":"${apiVersion}","kind":"KeptnTask","metadata":{"name":"%s"},"spec":{"taskDefinition":"%s","context":%s,"retries":0,"timeout":"%s"}}' "$task" "$def" "$${contextVariable}" "$timeout" | kubectl create -n "$ns" -f -`,
    '  while :; do',
    `    state=$(kubectl get keptntask "$task" -n "$ns" -o jsonpath='{.status.status}')`,
    '    case "$state" in',
    '      Succeeded) echo "$def succeeded"; break ;;',
    '      Failed|Cancelled) echo "$def: $state ($(kubectl get keptntask "$task" -n "$ns" -o jsonpath=\'{.status.message}\'))" >&2; exit 1 ;;',
    '    esac',
    `    sleep ${POLL_SECONDS}`,
    '  done',
    'done',
  ].join('\n');
}

export function orchestratorSpec(profile: TargetProfile, steps: { name: string; timeoutSeconds: number }[]): Record<string, unknown> {
  const apiVersion = profile.apiVersion('KeptnTaskDefinition') ?? '';
  const spec: Record<string, unknown> = {
    container: {
      name: 'run-in-order',
      image: ORCHESTRATOR_IMAGE,
      command: ['/bin/sh', '-c', orchestratorScript(profile.contextVariable, apiVersion), 'run-in-order'],
      args: steps.flatMap((s) => [s.name, `${s.timeoutSeconds}s`]),
    },
    retries: 0,
    timeout: `${steps.reduce((n, s) => n + s.timeoutSeconds, 0) + 60 * steps.length}s`,
  };
  if (profile.taskJobFields) spec.serviceAccount = { name: ORCHESTRATOR_ACCOUNT };
  return spec;
}

/** the RBAC a user applies once per namespace so orchestrators can create and watch KeptnTasks */
export function rbacSnippet(profile: TargetProfile, apiVersion: string): string {
  const group = apiVersion.split('/')[0] ?? 'lifecycle.keptn.sh';
  const subject = profile.taskJobFields ? ORCHESTRATOR_ACCOUNT : 'default';
  return [
    ...(profile.taskJobFields ? ['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', `  name: ${ORCHESTRATOR_ACCOUNT}`, '---'] : []),
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: Role',
    'metadata:',
    `  name: ${ORCHESTRATOR_ACCOUNT}`,
    'rules:',
    `  - apiGroups: ["${group}"]`,
    '    resources: ["keptntasks"]',
    '    verbs: ["create", "get"]',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: RoleBinding',
    'metadata:',
    `  name: ${ORCHESTRATOR_ACCOUNT}`,
    'roleRef:',
    '  apiGroup: rbac.authorization.k8s.io',
    '  kind: Role',
    `  name: ${ORCHESTRATOR_ACCOUNT}`,
    'subjects:',
    `  - kind: ServiceAccount`,
    `    name: ${subject}`,
  ].join('\n');
}
