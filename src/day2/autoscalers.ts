/**
 * The Day 2 resources a remediation becomes.
 *
 * Facts used (public documentation and source of keptn/lifecycle-toolkit and KEDA):
 * - KLT's metrics-operator serves every KeptnMetric through the Kubernetes *custom* metrics API
 *   (custom.metrics.k8s.io/v1beta2; `metrics-operator/cmd/metrics/adapter` registers only `WithCustomMetrics`), metric name =
 *   the KeptnMetric's name, described object = the KeptnMetric. An HPA therefore reads it with an `Object` metric source
 *   (`describedObject: {apiVersion: metrics.keptn.sh/…, kind: KeptnMetric, name}`, `metric.name` = the same name,
 *   `target.type: Value`), as KLT documents in docs/docs/use-cases/hpa.md; an `External` source would find nothing.
 *   With `target.type: Value` the HPA computes desiredReplicas = ceil(currentReplicas × value / target).
 * - KEDA reads a KeptnMetric over the metrics-operator's HTTP endpoint
 *   `http://metrics-operator-service.keptn-system.svc.cluster.local:9999/api/v1/metrics/<namespace>/<name>` with the
 *   `metrics-api` trigger (`url`, `valueLocation: value`, `targetValue`), as KLT documents in docs/docs/use-cases/keda.md.
 *   `metricType: Value` gives the same formula as above (KEDA's default AverageValue divides the metric by the pod count,
 *   which is wrong for a latency). KEDA's minReplicaCount defaults to 0, so it is always set.
 */
import { kubeName } from '../klt/names.js';
import type { TargetProfile } from '../klt/targets.js';
import type { ServiceScaling } from './remediation-plan.js';

export const KEPTN_METRICS_URL = 'http://metrics-operator-service.keptn-system.svc.cluster.local:9999/api/v1/metrics';
export const NAMESPACE_PLACEHOLDER = 'REPLACE-ME-NAMESPACE';
/** a small image with a shell, for the task-definition templates */
export const TEMPLATE_IMAGE = 'busybox:1.36.1';

export function keptnMetric(profile: TargetProfile, name: string, provider: string, query: string): Record<string, unknown> {
  return {
    apiVersion: profile.apiVersion('KeptnMetric'),
    kind: 'KeptnMetric',
    metadata: { name },
    spec: { provider: { name: provider }, query, fetchIntervalSeconds: 10 },
  };
}

function quantity(v: number): string {
  return String(v);
}

export function horizontalPodAutoscaler(profile: TargetProfile, s: ServiceScaling, metricNames: Map<string, string>): Record<string, unknown> {
  const metrics = s.metrics
    .filter((m) => m.threshold)
    .map((m) => {
      const name = metricNames.get(m.sli) ?? kubeName(m.sli);
      return {
        type: 'Object',
        object: {
          describedObject: { apiVersion: profile.apiVersion('KeptnMetric'), kind: 'KeptnMetric', name },
          metric: { name },
          target: { type: 'Value', value: quantity(m.threshold?.value ?? 0) },
        },
      };
    });
  return {
    apiVersion: profile.apiVersion('HorizontalPodAutoscaler'),
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: s.name },
    spec: {
      scaleTargetRef: { apiVersion: s.target.apiVersion, kind: s.target.kind, name: s.target.name },
      minReplicas: s.minReplicas,
      maxReplicas: s.maxReplicas,
      metrics,
    },
  };
}

export function scaledObject(profile: TargetProfile, s: ServiceScaling, metricNames: Map<string, string>): Record<string, unknown> {
  const namespace = s.target.namespace ?? NAMESPACE_PLACEHOLDER;
  const triggers = s.metrics
    .filter((m) => m.threshold)
    .map((m) => {
      const name = metricNames.get(m.sli) ?? kubeName(m.sli);
      return {
        type: 'metrics-api',
        name,
        metricType: 'Value',
        metadata: { url: `${KEPTN_METRICS_URL}/${namespace}/${name}`, valueLocation: 'value', targetValue: quantity(m.threshold?.value ?? 0) },
      };
    });
  return {
    apiVersion: profile.apiVersion('ScaledObject'),
    kind: 'ScaledObject',
    metadata: { name: s.name },
    spec: {
      scaleTargetRef: { apiVersion: s.target.apiVersion, kind: s.target.kind, name: s.target.name },
      minReplicaCount: s.minReplicas,
      maxReplicaCount: s.maxReplicas,
      triggers,
    },
  };
}

/** A container task definition that fails with `message` until the user replaces it. */
export function taskTemplate(profile: TargetProfile, name: string, message: string): Record<string, unknown> {
  return {
    apiVersion: profile.apiVersion('KeptnTaskDefinition'),
    kind: 'KeptnTaskDefinition',
    metadata: { name, annotations: { 'keptn-migrate/template': 'implement this task: it fails until you do' } },
    spec: {
      container: {
        name: 'implement-me',
        image: TEMPLATE_IMAGE,
        env: [{ name: 'MESSAGE', value: message }],
        command: ['sh', '-c', 'echo "$MESSAGE" >&2; exit 1'],
      },
      retries: 0,
    },
  };
}
