#!/usr/bin/env node
// Deterministic generator of a realistic GitOps repository holding Keptn v1 projects, for `npm run bench`.
//
//   node bench/generate.js <dir> <MB> [--seed N]
//
// Layout (one Keptn v1 project per team, ~8-20 services each):
//   teams/<project>/shipyard.yaml                          Keptn v1 shipyard (stages dev/staging/production)
//   teams/<project>/webhook/webhook.yaml                   webhook-service config (v1beta1)
//   teams/<project>/<stage>/<service>/slo.yaml             per-stage SLO for some services
//   teams/<project>/prometheus/sli.yaml                    project-level SLIs
//   teams/<project>/<service>/slo.yaml                     quality gate
//   teams/<project>/<service>/{prometheus,dynatrace,datadog}/sli.yaml
//   teams/<project>/<service>/job/config.yaml              job-executor config (v2)
//   teams/<project>/<service>/remediation.yaml             remediation 0.1.4
//   teams/<project>/<service>/manifests/<service>.yaml     multi-document manifests: Deployment (env, probes,
//                                                          resources), Service, ConfigMap (block scalars), HPA,
//                                                          Ingress, ServiceAccount, PodDisruptionBudget, plus
//                                                          sidecar workloads
//   teams/<project>/charts/<service>/{Chart.yaml,values.yaml,templates/*.yaml,templates/_helpers.tpl}
//   teams/<project>/base/<service>/{kustomization.yaml,deployment.yaml,service.yaml}
//   teams/<project>/overlays/<stage>/{kustomization.yaml,patch-<service>.yaml}
//   teams/<project>/ci/deploy.sh, Jenkinsfile                CI that calls the keptn CLI
//   .github/workflows/keptn-<project>.yaml
//
// The same (MB, seed) always gives byte-identical files: the output ends with a SHA-256 of every path and content.
// Never writes outside <dir>; refuses a <dir> that exists and is not empty unless it was made by this generator.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
const MARKER = '.keptn-migrate-bench-corpus';

/** mulberry32: small, fast, good enough, and the same on every platform */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const word = (n = 8) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]).join('');
  return { next, int, pick, chance, word };
}

const TEAMS = ['payments', 'checkout', 'search', 'catalog', 'identity', 'billing', 'notify', 'orders', 'carts', 'profile', 'shipping', 'pricing', 'reviews', 'media', 'ledger', 'fraud'];
const NOUNS = ['api', 'worker', 'gateway', 'db-proxy', 'indexer', 'frontend', 'scheduler', 'exporter', 'cache', 'router', 'ingest', 'reporter'];
const STAGES = ['dev', 'staging', 'production'];
const PROVIDERS = ['prometheus', 'dynatrace', 'datadog'];

function deployment(r, { name, ns, project, image, version, sidecar }) {
  const envs = Array.from({ length: r.int(4, 14) }, (_, k) => {
    if (r.chance(0.2)) return `            - name: ${name.toUpperCase().replace(/-/g, '_')}_SECRET_${k}\n              valueFrom:\n                secretKeyRef:\n                  name: ${name}-secrets\n                  key: key-${k}`;
    return `            - name: ENV_${k}\n              value: "${name}-${r.word(6)}-${r.int(0, 999999)}"`;
  }).join('\n');
  const side = sidecar
    ? `
        - name: istio-proxy
          image: "docker.io/istio/proxyv2:1.${r.int(15, 22)}.${r.int(0, 6)}"
          resources:
            requests: {cpu: 10m, memory: 40Mi}
            limits: {cpu: 200m, memory: 128Mi}`
    : '';
  return `# ${name}: owned by team ${project}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
    team: ${project}
  annotations:
    deployment.kubernetes.io/revision: "${r.int(1, 90)}"
spec:
  replicas: ${r.int(1, 6)}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app: ${name}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      labels:
        app: ${name}
        team: ${project}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      serviceAccountName: ${name}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 10001
      containers:
        - name: ${name}
          image: "${image}:${version}"
          imagePullPolicy: IfNotPresent
          args: ["--port=8080", "--log-format=json", "--metrics-port=9090"]
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 9090
          env:
${envs}
          resources:
            requests:
              cpu: ${r.pick(['50m', '100m', '250m', '500m'])}
              memory: ${r.pick(['64Mi', '128Mi', '256Mi', '512Mi'])}
            limits:
              cpu: "${r.pick(['1', '2'])}"
              memory: ${r.pick(['256Mi', '512Mi', '1Gi'])}
          livenessProbe:
            httpGet: {path: /healthz, port: http}
            initialDelaySeconds: ${r.int(5, 30)}
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
          volumeMounts:
            - name: config
              mountPath: /etc/${name}
              readOnly: true${side}
      volumes:
        - name: config
          configMap:
            name: ${name}-config
            defaultMode: 0644
`;
}

const service = (name, ns) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}}
spec:
  type: ClusterIP
  selector:
    app: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
    - name: metrics
      port: 9090
      targetPort: metrics
`;

function configMap(r, name, ns) {
  const props = Array.from({ length: r.int(10, 45) }, (_, k) => `    ${name}.setting${k}=${r.word(r.int(4, 16))}`).join('\n');
  const json = Array.from({ length: r.int(3, 12) }, (_, k) => `      "flag${k}": ${r.chance(0.5)}`).join(',\n');
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  LOG_LEVEL: ${r.pick(['info', 'debug', 'warn'])}
  ENABLED: "yes"
  application.properties: |
${props}
  features.json: |-
    {
${json}
    }
  banner.txt: >
    Welcome to ${name}.
    This text is folded
    into one line.
`;
}

const hpa = (r, name, ns) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: ${r.int(1, 3)}
  maxReplicas: ${r.int(4, 20)}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: ${r.int(50, 85)}}
`;

const ingress = (name, ns, project) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  tls:
    - hosts: [${name}.${project}.example.com]
      secretName: ${name}-tls
  rules:
    - host: ${name}.${project}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port: {name: http}
`;

const serviceAccount = (name, ns) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
`;

const pdb = (name, ns) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: ${name}
`;

function manifests(r, svc) {
  const { name, ns, project } = svc;
  const parts = [
    deployment(r, { ...svc, sidecar: r.chance(0.3) }),
    service(name, ns),
    configMap(r, name, ns),
    serviceAccount(name, ns),
    hpa(r, name, ns),
  ];
  if (r.chance(0.6)) parts.push(ingress(name, ns, project));
  if (r.chance(0.5)) parts.push(pdb(name, ns));
  // helper workloads in the same file, not Keptn services themselves
  for (let k = 0, n = r.int(0, 3); k < n; k++) {
    const helper = `${name}-${r.pick(['migrations', 'cron', 'consumer'])}-${k}`;
    parts.push(deployment(r, { name: helper, ns, project, image: svc.image, version: svc.version, sidecar: false }), configMap(r, helper, ns));
  }
  return '---\n' + parts.join('---\n');
}

const shipyard = (r, project) => `apiVersion: "spec.keptn.sh/0.2.${r.int(2, 4)}"
kind: "Shipyard"
metadata:
  name: "shipyard-${project}"
spec:
  stages:
    - name: "dev"
      sequences:
        - name: "delivery"
          tasks:
            - name: "deployment"
              properties:
                deploymentstrategy: "direct"
            - name: "test"
              properties:
                teststrategy: "functional"
            - name: "evaluation"
              properties:
                timeframe: "5m"
            - name: "release"
    - name: "staging"
      sequences:
        - name: "delivery"
          triggeredOn:
            - event: "dev.delivery.finished"
          tasks:
            - name: "deployment"
              properties:
                deploymentstrategy: "blue_green_service"
            - name: "test"
              properties:
                teststrategy: "performance"
            - name: "evaluation"
              properties:
                timeframe: "10m"
            - name: "release"
        - name: "rollback"
          triggeredOn:
            - event: "staging.delivery.finished"
              selector:
                match:
                  result: "fail"
          tasks:
            - name: "rollback"
    - name: "production"
      sequences:
        - name: "delivery"
          triggeredOn:
            - event: "staging.delivery.finished"
          tasks:
            - name: "approval"
              properties:
                pass: "automatic"
                warning: "manual"
            - name: "deployment"
              properties:
                deploymentstrategy: "blue_green_service"
            - name: "release"
        - name: "remediation"
          triggeredOn:
            - event: "production.remediation.finished"
              selector:
                match:
                  evaluation.result: "fail"
          tasks:
            - name: "get-action"
            - name: "action"
            - name: "evaluation"
              triggeredAfter: "10m"
              properties:
                timeframe: "10m"
`;

function slo(r, indicators) {
  const objectives = indicators
    .map((sli, k) => {
      const pass = r.chance(0.3) ? `"<=+${r.int(5, 20)}%"\n          - "<${r.int(200, 900)}"` : `"<=${r.int(100, 900)}"`;
      return `  - sli: "${sli}"
    displayName: "${sli.replace(/_/g, ' ')}"${k === 0 ? '\n    key_sli: true' : ''}
    pass:
      - criteria:
          - ${pass}
    warning:
      - criteria:
          - "<=${r.int(900, 2000)}"
    weight: ${r.int(1, 3)}`;
    })
    .join('\n');
  return `---
spec_version: "1.0"
comparison:
  aggregate_function: "avg"
  compare_with: "${r.pick(['single_result', 'several_results'])}"
  include_result_with_score: "pass"
  number_of_comparison_results: ${r.int(1, 5)}
filter:
objectives:
${objectives}
total_score:
  pass: "${r.int(80, 95)}%"
  warning: "${r.int(60, 79)}%"
`;
}

function sli(r, provider, indicators) {
  const q = (name) => {
    if (provider === 'dynatrace') return `"metricSelector=builtin:service.response.time:merge(\\"dt.entity.service\\"):percentile(${r.pick([50, 90, 95])})&entitySelector=type(SERVICE),tag(keptn_service:$SERVICE),tag(${name})"`;
    if (provider === 'datadog') return `"avg:trace.http.request.duration{service:$SERVICE,env:$STAGE,name:${name}}"`;
    return `"histogram_quantile(0.${r.pick([5, 9, 95])}, sum by(le) (rate(http_request_duration_seconds_bucket{job=\\"$SERVICE-$PROJECT-$STAGE\\",handler=\\"${name}\\"}[$DURATION_SECONDS])))"`;
  };
  return `spec_version: "1.0"
indicators:
${indicators.map((i) => `  ${i}: ${q(i)}`).join('\n')}
`;
}

const jobConfig = (r, name) => `apiVersion: v2
actions:
  - name: "Functional tests for ${name}"
    events:
      - name: "sh.keptn.event.test.triggered"
        jsonpath:
          property: "$.data.test.teststrategy"
          match: "functional"
    tasks:
      - name: "run tests"
        image: "ghcr.io/example/${name}-tests:${r.int(1, 9)}.${r.int(0, 30)}.0"
        cmd: ["/bin/sh", "-c"]
        args: ["./run-tests.sh --target http://${name}.$(KEPTN_PROJECT)-$(KEPTN_STAGE)"]
        env:
          - name: HOST
            value: "$.data.deployment.deploymentURIsLocal[0]"
            valueFrom: event
        resources:
          limits: {cpu: 500m, memory: 256Mi}
        maxPollDuration: ${r.int(60, 900)}
`;

const remediation = (r, name) => `apiVersion: spec.keptn.sh/0.1.4
kind: Remediation
metadata:
  name: ${name}-remediation
spec:
  remediations:
    - problemType: "Response time degradation"
      actionsOnOpen:
        - action: scaling
          name: Scale up ${name}
          description: Add one replica
          value: "${r.int(1, 3)}"
    - problemType: "Failure rate increase"
      actionsOnOpen:
        - action: toggle-feature
          name: Toggle promotion
          value:
            EnablePromotion: "off"
`;

const webhook = (project, services) => `apiVersion: webhookconfig.keptn.sh/v1beta1
kind: WebhookConfig
metadata:
  name: webhook-configuration
spec:
  webhooks:
${services
  .slice(0, 4)
  .map(
    (s, k) => `    - type: "sh.keptn.event.${k % 2 ? 'evaluation.finished' : 'test.triggered'}"
      subscriptionID: "00000000-0000-4000-8000-${String(k).padStart(12, '0')}"
      sendFinished: true
      filter:
        services: ["${s.name}"]
      envFrom:
        - name: "secret_token"
          secretRef:
            name: "${project}-webhook"
            key: "token"
      requests:
        - url: "https://ci.example.com/job/${project}-${s.name}/buildWithParameters?stage={{.data.stage}}"
          method: POST
          headers:
            - key: Authorization
              value: "Bearer {{.env.secret_token}}"
          payload: "{\\"service\\": \\"{{.data.service}}\\", \\"result\\": \\"{{.data.result}}\\"}"`,
  )
  .join('\n')}
`;

const chartYaml = (r, name, version) => `apiVersion: v2
name: ${name}
description: Helm chart for ${name}
type: application
version: 0.${r.int(1, 9)}.${r.int(0, 20)}
appVersion: "${version}"
`;

const chartValues = (r, svc) => `replicaCount: ${r.int(1, 4)}
image:
  repository: ${svc.image}
  tag: "${svc.version}"
  pullPolicy: IfNotPresent
service:
  type: ClusterIP
  port: 80
resources:
  limits:
    cpu: 500m
    memory: 256Mi
  requests:
    cpu: 100m
    memory: 128Mi
autoscaling:
  enabled: ${r.chance(0.5)}
  minReplicas: 1
  maxReplicas: ${r.int(3, 10)}
env:
${Array.from({ length: r.int(2, 8) }, (_, k) => `  KEY_${k}: "${r.word(10)}"`).join('\n')}
`;

const chartDeployment = (name) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "${name}.fullname" . }}
  labels:
    {{- include "${name}.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "${name}.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "${name}.selectorLabels" . | nindent 8 }}
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
          env:
            {{- range $k, $v := .Values.env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`;

const chartService = (name) => `apiVersion: v1
kind: Service
metadata:
  name: {{ include "${name}.fullname" . }}
  labels:
    {{- include "${name}.labels" . | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - port: {{ .Values.service.port }}
      targetPort: http
  selector:
    {{- include "${name}.selectorLabels" . | nindent 4 }}
`;

const chartHelpers = (name) => `{{- define "${name}.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "${name}.labels" -}}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{ include "${name}.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
{{- define "${name}.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
`;

const kustomization = (resources, extra = '') => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
${resources.map((x) => `  - ${x}`).join('\n')}
${extra}`;

const patch = (r, name, ns) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}-kz
  namespace: ${ns}
spec:
  replicas: ${r.int(2, 8)}
`;

const deployScript = (project, stages) => `#!/usr/bin/env bash
set -euo pipefail
# trigger a Keptn delivery for every changed service
for svc in $(git diff --name-only HEAD~1 | cut -d/ -f3 | sort -u); do
  keptn trigger delivery --project=${project} --service="$svc" --image="ghcr.io/example/$svc:$GIT_SHA"
done
keptn trigger evaluation --project=${project} --stage=${stages[1]} --service=all --timeframe=5m
`;

const jenkinsfile = (project) => `@Library('keptn-library@5.0')
import sh.keptn.Keptn
def keptn = new sh.keptn.Keptn()

node {
  stage('Deliver') {
    keptn.keptnInit project: "${project}", service: "${project}-api", stage: "dev", monitoring: "prometheus"
    keptn.sendDeliveryTriggeredEvent image: "ghcr.io/example/${project}-api", tag: env.GIT_SHA
  }
}
`;

const workflow = (project) => `name: keptn-${project}
on:
  push:
    branches: [main]
    paths: ["teams/${project}/**"]
jobs:
  deliver:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Install keptn CLI
        run: curl -sL https://get.keptn.sh | KEPTN_VERSION=1.4.0 bash
      - name: Trigger delivery
        run: keptn trigger delivery --project=${project} --service=${project}-api --image=ghcr.io/example/${project}-api:\${{ github.sha }}
        env:
          KEPTN_API_TOKEN: \${{ secrets.KEPTN_API_TOKEN }}
`;

/**
 * Writes the corpus. Returns { files, documents (approximate: `---`-separated YAML documents), bytes, sha256 }.
 */
export function generate(dir, megabytes, options = {}) {
  const seed = options.seed ?? 42;
  const target = Math.round(megabytes * 1024 * 1024);
  const r = rng(seed + megabytes * 1000);
  const root = path.resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    if (!existsSync(path.join(root, MARKER))) throw new Error(`${root} exists, is not empty and was not made by bench/generate.js; refusing to write`);
    rmSync(root, { recursive: true, force: true });
  }
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, MARKER), `generator ${GENERATOR_VERSION} seed ${seed} size ${megabytes}MB\n`);
  const hash = createHash('sha256');
  const written = [];
  let bytes = 0;
  let documents = 0;
  const put = (rel, text) => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    const n = Buffer.byteLength(text);
    bytes += n;
    if (/\.ya?ml$/.test(rel)) documents += Math.max(1, text.split(/^---$/m).filter((d) => d.trim() !== '').length);
    written.push(rel);
    hash.update(rel).update('\0').update(text).update('\0');
  };

  put('.gitignore', 'build/\n*.log\n');
  put('README.md', '# GitOps repository (generated by keptn-migrate bench)\n');
  let projectIndex = 0;
  while (bytes < target) {
    const project = `${TEAMS[projectIndex % TEAMS.length]}${projectIndex >= TEAMS.length ? `-${Math.floor(projectIndex / TEAMS.length)}` : ''}`;
    projectIndex++;
    const p = `teams/${project}`;
    const services = Array.from({ length: r.int(8, 20) }, (_, k) => {
      const name = `${project}-${NOUNS[k % NOUNS.length]}${k >= NOUNS.length ? `-${k}` : ''}`;
      return { name, project, ns: `${project}-${r.pick(STAGES)}`, image: `ghcr.io/example/${name}`, version: `${r.int(0, 4)}.${r.int(0, 40)}.${r.int(0, 20)}` };
    });
    put(`${p}/shipyard.yaml`, shipyard(r, project));
    put(`${p}/webhook/webhook.yaml`, webhook(project, services));
    put(`${p}/prometheus/sli.yaml`, sli(r, 'prometheus', ['throughput', 'error_rate', 'response_time_p95']));
    put(`${p}/ci/deploy.sh`, deployScript(project, STAGES));
    put(`${p}/Jenkinsfile`, jenkinsfile(project));
    put(`.github/workflows/keptn-${project}.yaml`, workflow(project));
    const overlayResources = {};
    for (const svc of services) {
      const s = `${p}/${svc.name}`;
      const provider = r.pick(PROVIDERS);
      const indicators = ['response_time_p95', 'error_rate', ...(r.chance(0.5) ? ['throughput'] : []), ...(r.chance(0.3) ? ['db_connections'] : [])];
      put(`${s}/slo.yaml`, slo(r, indicators));
      put(`${s}/${provider}/sli.yaml`, sli(r, provider, indicators));
      if (r.chance(0.5)) put(`${s}/job/config.yaml`, jobConfig(r, svc.name));
      if (r.chance(0.3)) put(`${s}/remediation.yaml`, remediation(r, svc.name));
      if (r.chance(0.2)) put(`${p}/production/${svc.name}/slo.yaml`, slo(r, indicators.slice(0, 2)));
      put(`${s}/manifests/${svc.name}.yaml`, manifests(r, svc));
      if (r.chance(0.4)) {
        const c = `${p}/charts/${svc.name}`;
        put(`${c}/Chart.yaml`, chartYaml(r, svc.name, svc.version));
        put(`${c}/values.yaml`, chartValues(r, svc));
        put(`${c}/templates/deployment.yaml`, chartDeployment(svc.name));
        put(`${c}/templates/service.yaml`, chartService(svc.name));
        put(`${c}/templates/_helpers.tpl`, chartHelpers(svc.name));
      }
      if (r.chance(0.3)) {
        const b = `${p}/base/${svc.name}-kz`;
        put(`${b}/deployment.yaml`, deployment(r, { ...svc, name: `${svc.name}-kz`, sidecar: false }));
        put(`${b}/service.yaml`, service(`${svc.name}-kz`, svc.ns));
        put(`${b}/kustomization.yaml`, kustomization(['deployment.yaml', 'service.yaml']));
        for (const stage of STAGES) (overlayResources[stage] ??= []).push(svc);
      }
      if (bytes >= target) break;
    }
    for (const [stage, list] of Object.entries(overlayResources)) {
      const o = `${p}/overlays/${stage}`;
      for (const svc of list) put(`${o}/patch-${svc.name}.yaml`, patch(r, svc.name, svc.ns));
      put(
        `${o}/kustomization.yaml`,
        kustomization(
          list.map((svc) => `../../base/${svc.name}-kz`),
          `namespace: ${project}-${stage}\npatches:\n${list.map((svc) => `  - path: patch-${svc.name}.yaml`).join('\n')}\n`,
        ),
      );
    }
  }
  return { dir: root, files: written.length, documents, bytes, MB: +(bytes / 1048576).toFixed(2), sha256: hash.digest('hex') };
}

/** A ten-file Keptn v1 repository (the start-up measurement): shipyard, SLO, SLI, job, remediation, webhook, manifests, a chart. */
export function generateTiny(dir, options = {}) {
  const r = rng(options.seed ?? 42);
  const root = path.resolve(dir);
  mkdirSync(root, { recursive: true });
  const svc = { name: 'carts', project: 'sockshop', ns: 'sockshop-dev', image: 'ghcr.io/example/carts', version: '1.2.3' };
  const files = {
    'keptn/shipyard.yaml': shipyard(r, 'sockshop'),
    'keptn/carts/slo.yaml': slo(r, ['response_time_p95', 'error_rate']),
    'keptn/carts/prometheus/sli.yaml': sli(r, 'prometheus', ['response_time_p95', 'error_rate']),
    'keptn/carts/job/config.yaml': jobConfig(r, 'carts'),
    'keptn/carts/remediation.yaml': remediation(r, 'carts'),
    'keptn/webhook/webhook.yaml': webhook('sockshop', [svc]),
    'keptn/carts/manifests/carts.yaml': manifests(r, svc),
    'charts/carts/Chart.yaml': chartYaml(r, 'carts', svc.version),
    'charts/carts/values.yaml': chartValues(r, svc),
    'charts/carts/templates/deployment.yaml': chartDeployment('carts'),
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return { dir: root, files: Object.keys(files).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt === -1 ? 42 : Number(args.splice(seedAt, 2)[1]);
  const [dir, mb] = args;
  if (!dir || !mb || !Number.isFinite(Number(mb))) {
    process.stderr.write('usage: node bench/generate.js <dir> <MB> [--seed N]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const out = generate(dir, Number(mb), { seed });
  process.stdout.write(JSON.stringify({ ...out, ms: Math.round(performance.now() - t0) }) + '\n');
}
