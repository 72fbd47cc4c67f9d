/**
 * JSON Schemas for every resource keptn-migrate emits, per target, written from klt-targets.md §2 (CRD fields by
 * version). They are deliberately strict (no unknown fields), so a typo in a generator fails the tests. The upstream
 * CRDs in ../shared/crds are checked separately by the conformance test.
 */
import { EMITTED_KINDS, profile, TARGETS, type EmittedKind, type Target } from './targets.js';

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const strList: Schema = { type: 'array', items: str };
const strMap: Schema = { type: 'object', additionalProperties: str };
const QUANTITY = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const quantity: Schema = { anyOf: [{ type: 'integer' }, { type: 'string', pattern: QUANTITY }] };
const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const DURATION = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$';

function obj(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

const metadata = obj(
  {
    name: { type: 'string', pattern: DNS_SUBDOMAIN, maxLength: 253 },
    namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    labels: strMap,
    annotations: strMap,
  },
  ['name'],
);

const runtime = obj({
  inline: obj({ code: str }, ['code']),
  httpRef: obj({ url: str }, ['url']),
  functionRef: obj({ name: str }, ['name']),
  configMapRef: obj({ name: str }, ['name']),
  parameters: obj({ map: strMap }),
  secureParameters: obj({ secret: str }),
  cmdParameters: str,
});

const envVar = obj(
  {
    name: str,
    value: str,
    valueFrom: obj({
      secretKeyRef: obj({ name: str, key: str, optional: bool }, ['key']),
      configMapKeyRef: obj({ name: str, key: str, optional: bool }, ['key']),
    }),
  },
  ['name'],
);

const container = obj(
  {
    name: str,
    image: str,
    imagePullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
    command: strList,
    args: strList,
    workingDir: str,
    env: { type: 'array', items: envVar },
    envFrom: { type: 'array', items: obj({ secretRef: obj({ name: str, optional: bool }), configMapRef: obj({ name: str, optional: bool }), prefix: str }) },
    resources: obj({ limits: { type: 'object', additionalProperties: quantity }, requests: { type: 'object', additionalProperties: quantity } }),
    volumeMounts: { type: 'array', items: obj({ name: str, mountPath: str, subPath: str, readOnly: bool }, ['name', 'mountPath']) },
    securityContext: { type: 'object' },
  },
  ['name'],
);

function operator(): Schema {
  const fixed = obj({ fixedValue: quantity }, ['fixedValue']);
  const range = obj({ lowBound: quantity, highBound: quantity }, ['lowBound', 'highBound']);
  return obj({ lessThan: fixed, lessThanOrEqual: fixed, greaterThan: fixed, greaterThanOrEqual: fixed, equalTo: fixed, inRange: range, notInRange: range });
}

function specOf(kind: EmittedKind, target: Target): Schema {
  const p = profile(target);
  const taskLists = { preDeploymentTasks: strList, postDeploymentTasks: strList, preDeploymentEvaluations: strList, postDeploymentEvaluations: strList };
  switch (kind) {
    case 'KeptnApp':
      return obj(
        {
          version: str,
          revision: int,
          workloads: { type: 'array', items: obj({ name: str, version: str }, ['name', 'version']) },
          ...(p.appContext ? {} : taskLists),
        },
        ['version'],
      );
    case 'KeptnAppContext':
      return obj({ ...taskLists, ...(target === 'keptn-v2' ? { promotionTasks: strList } : {}), metadata: strMap, spanLinks: strList });
    case 'KeptnTaskDefinition':
      return {
        ...obj({
          deno: runtime,
          python: runtime,
          container,
          retries: int,
          timeout: { type: 'string', pattern: DURATION },
          ...(p.taskJobFields
            ? {
                serviceAccount: obj({ name: str }, ['name']),
                automountServiceAccountToken: obj({ type: bool }, ['type']),
                ttlSecondsAfterFinished: int,
                imagePullSecrets: { type: 'array', items: obj({ name: str }) },
              }
            : {}),
        }),
        // ajv's strictRequired wants each required key declared next to it
        oneOf: ['deno', 'python', 'container'].map((k) => ({ properties: { [k]: {} }, required: [k] })),
      };
    case 'KeptnEvaluationDefinition':
      return obj(
        {
          objectives: {
            type: 'array',
            items: obj({ keptnMetricRef: obj({ name: str, namespace: str }, ['name']), evaluationTarget: { type: 'string', pattern: '^[<>]-?[0-9.]+$' } }, [
              'keptnMetricRef',
              'evaluationTarget',
            ]),
          },
          ...(p.evaluationRetries ? { retries: int, retryInterval: { type: 'string', pattern: DURATION } } : {}),
        },
        ['objectives'],
      );
    case 'KeptnMetricsProvider':
      return obj(
        {
          type: { type: 'string', pattern: target === 'keptn-v2' ? '^(cortex|datadog|dql|dynatrace|prometheus|elastic|thanos)$' : '^(prometheus|dynatrace|datadog|dql)$' },
          targetServer: str,
          secretKeyRef: obj({ name: str, key: str, optional: bool }, ['key']),
          ...(target === 'keptn-v2' ? { insecureSkipTlsVerify: bool } : {}),
        },
        ['targetServer'],
      );
    case 'KeptnMetric':
      return obj(
        {
          provider: obj({ name: str }, ['name']),
          query: str,
          fetchIntervalSeconds: { type: 'integer', minimum: 0 },
          range: obj({ interval: str, step: str, aggregation: { enum: ['p90', 'p95', 'p99', 'max', 'min', 'avg', 'median'] }, storedResults: { type: 'integer', maximum: 255 } }),
        },
        ['provider', 'query', 'fetchIntervalSeconds'],
      );
    case 'HorizontalPodAutoscaler': {
      // Kubernetes API reference, autoscaling/v2 HorizontalPodAutoscalerSpec: scaleTargetRef (CrossVersionObjectReference:
      // kind*, name*, apiVersion), minReplicas, maxReplicas*, metrics[] (MetricSpec: type* + the matching source). keptn-migrate
      // emits only `type: Object` on a KeptnMetric, the form KLT documents for its custom-metrics adapter
      // (docs/docs/use-cases/hpa.md; the adapter serves custom.metrics.k8s.io only, not external.metrics.k8s.io).
      const ref = obj({ apiVersion: str, kind: str, name: str }, ['kind', 'name']);
      const object = obj(
        {
          describedObject: ref,
          metric: obj({ name: str, selector: obj({ matchLabels: strMap }) }, ['name']),
          target: obj({ type: { enum: ['Value', 'AverageValue'] }, value: quantity, averageValue: quantity }, ['type']),
        },
        ['describedObject', 'metric', 'target'],
      );
      return obj(
        {
          scaleTargetRef: ref,
          minReplicas: { type: 'integer', minimum: 1 },
          maxReplicas: { type: 'integer', minimum: 1 },
          metrics: { type: 'array', minItems: 1, items: obj({ type: { const: 'Object' }, object }, ['type', 'object']) },
        },
        ['scaleTargetRef', 'maxReplicas'],
      );
    }
    case 'ScaledObject':
      // KEDA 2.x ScaledObject spec (keda.sh/docs/2.x/reference/scaledobject-spec): scaleTargetRef {name*, apiVersion, kind},
      // pollingInterval, cooldownPeriod, minReplicaCount (default 0), maxReplicaCount (default 100), triggers*[] {type*,
      // metadata* map<string,string>, name, metricType Value|AverageValue|Utilization, authenticationRef {name*}}.
      return obj(
        {
          scaleTargetRef: obj({ apiVersion: str, kind: str, name: str }, ['name']),
          pollingInterval: { type: 'integer', minimum: 1 },
          cooldownPeriod: { type: 'integer', minimum: 0 },
          minReplicaCount: { type: 'integer', minimum: 0 },
          maxReplicaCount: { type: 'integer', minimum: 1 },
          triggers: {
            type: 'array',
            minItems: 1,
            items: obj(
              { type: str, name: str, metadata: strMap, metricType: { enum: ['Value', 'AverageValue', 'Utilization'] }, authenticationRef: obj({ name: str }, ['name']) },
              ['type', 'metadata'],
            ),
          },
        },
        ['scaleTargetRef', 'triggers'],
      );
    case 'AnalysisValueTemplate':
      return obj({ provider: obj({ name: str, namespace: str }, ['name']), query: str }, ['provider', 'query']);
    case 'AnalysisDefinition':
      return obj(
        {
          objectives: {
            type: 'array',
            items: obj(
              {
                analysisValueTemplateRef: obj({ name: str, namespace: str }, ['name']),
                target: obj({ failure: operator(), warning: operator() }),
                weight: int,
                keyObjective: bool,
              },
              ['analysisValueTemplateRef'],
            ),
          },
          totalScore: obj(
            { passPercentage: { type: 'integer', minimum: 0, maximum: 100 }, warningPercentage: { type: 'integer', minimum: 0, maximum: 100 } },
            ['passPercentage', 'warningPercentage'],
          ),
        },
        ['totalScore'],
      );
    case 'Namespace':
    case 'ConfigMap':
      return obj({});
    case 'Analysis':
      return obj(
        {
          analysisDefinition: obj({ name: str, namespace: str }, ['name']),
          args: strMap,
          timeframe: obj({ recent: { type: 'string', pattern: DURATION }, from: str, to: str }),
        },
        ['analysisDefinition', 'timeframe'],
      );
  }
}

/** The schema for one kind on one target, or undefined when the target has no such kind. */
export function schemaFor(kind: EmittedKind, target: Target): Schema | undefined {
  const apiVersion = profile(target).apiVersion(kind);
  if (!apiVersion) return undefined;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `keptn-migrate/${target}/${kind}`,
    title: `${kind} (${apiVersion}) as keptn-migrate emits it for ${target}`,
    ...(kind === 'Namespace'
      ? obj({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata }, ['apiVersion', 'kind', 'metadata'])
      : kind === 'ConfigMap'
      ? obj({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata, data: strMap }, ['apiVersion', 'kind', 'metadata', 'data'])
      : obj({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata, spec: specOf(kind, target) }, ['apiVersion', 'kind', 'metadata', 'spec'])),
  };
}

/** every schema keptn-migrate validates against, keyed `target/kind` */
export function allSchemas(): { key: string; schema: Schema }[] {
  return TARGETS.flatMap((target) =>
    EMITTED_KINDS.flatMap((kind) => {
      const schema = schemaFor(kind, target);
      return schema ? [{ key: `${target}/${kind}`, schema }] : [];
    }),
  );
}
