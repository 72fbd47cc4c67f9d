/** The KLT / Keptn releases keptn-migrate can emit for (klt-targets.md §1, §10). */
export const TARGETS = ['keptn-v2', 'keptn-0.10', 'klt-0.9'] as const;
export type Target = (typeof TARGETS)[number];

export const EMITTED_KINDS = [
  'KeptnApp',
  'KeptnAppContext',
  'KeptnTaskDefinition',
  'KeptnEvaluationDefinition',
  'KeptnMetricsProvider',
  'KeptnMetric',
  'AnalysisValueTemplate',
  'AnalysisDefinition',
  'Analysis',
  'Namespace',
  'ConfigMap',
  /** Kubernetes autoscaling/v2 (GA since Kubernetes 1.23; every target needs 1.24+) */
  'HorizontalPodAutoscaler',
  /** KEDA 2.x keda.sh/v1alpha1 */
  'ScaledObject',
] as const;
export type EmittedKind = (typeof EMITTED_KINDS)[number];

const LIFECYCLE: Record<Target, string> = { 'keptn-v2': 'lifecycle.keptn.sh/v1', 'keptn-0.10': 'lifecycle.keptn.sh/v1beta1', 'klt-0.9': 'lifecycle.keptn.sh/v1alpha3' };
const METRICS: Record<Target, string> = { 'keptn-v2': 'metrics.keptn.sh/v1', 'keptn-0.10': 'metrics.keptn.sh/v1beta1', 'klt-0.9': 'metrics.keptn.sh/v1alpha3' };

export interface TargetProfile {
  target: Target;
  /** Keptn release the target corresponds to, for messages */
  release: string;
  apiVersion(kind: EmittedKind): string | undefined;
  /** KeptnAppContext exists (keptn-0.10+); on klt-0.9 task lists go into KeptnApp */
  appContext: boolean;
  /** KeptnEvaluationDefinition has retries/retryInterval (keptn-v2) */
  evaluationRetries: boolean;
  /** KeptnTaskDefinition has serviceAccount, ttlSecondsAfterFinished, imagePullSecrets (keptn-0.10+) */
  taskJobFields: boolean;
  /** `keptn.sh/container` annotation is read (keptn-0.10+) */
  containerAnnotation: boolean;
  /** the task runtime env var holding the context: KEPTN_CONTEXT (0.10+) or CONTEXT */
  contextVariable: 'KEPTN_CONTEXT' | 'CONTEXT';
  /** Analysis resources need the feature flag on this target */
  analysisBehindFlag: boolean;
}

export function profile(target: Target): TargetProfile {
  return {
    target,
    release: target === 'keptn-v2' ? 'Keptn 2.x (lifecycle-operator 1.0+)' : target === 'keptn-0.10' ? 'Keptn 0.10' : 'KLT 0.9',
    apiVersion(kind) {
      if (kind === 'Namespace' || kind === 'ConfigMap') return 'v1';
      if (kind === 'KeptnAppContext' && target === 'klt-0.9') return undefined;
      if (kind === 'HorizontalPodAutoscaler') return 'autoscaling/v2';
      if (kind === 'ScaledObject') return 'keda.sh/v1alpha1';
      return ['KeptnApp', 'KeptnAppContext', 'KeptnTaskDefinition', 'KeptnEvaluationDefinition'].includes(kind) ? LIFECYCLE[target] : METRICS[target];
    },
    appContext: target !== 'klt-0.9',
    evaluationRetries: target === 'keptn-v2',
    taskJobFields: target !== 'klt-0.9',
    containerAnnotation: target !== 'klt-0.9',
    contextVariable: target === 'klt-0.9' ? 'CONTEXT' : 'KEPTN_CONTEXT',
    analysisBehindFlag: target === 'klt-0.9',
  };
}
