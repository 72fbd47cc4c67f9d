// Hostile sizes, generated in temporary directories and run through the built CLI: a 50 MB single scalar and a
// 100,000-document stream (11 MB), with the default --max-file-size (10 MB: a skip notice naming the file) and a
// raised one (analysed, within the case limit, exit 0 or 1); and files of a few MB crafted against the patterns that
// read them (test/regex-safety.test.ts), each of which took minutes to hours before, within the same limit.
import { describe, expect, it } from 'vitest';
import { deployment, hostileCase, keptnProject, notices, SHIPYARD, TEST_TIMEOUT_MS } from './support/hostile.js';

const T = TEST_TIMEOUT_MS;
const MANIFEST = 'keptn/carts/manifests/carts.yaml';

const SCALAR = 'big/scalar.yaml';
const scalar = () => `data: "${'x'.repeat(50 * 1024 * 1024)}"\n`;

const STREAM = 'big/stream.yaml';
function stream(): string {
  const parts: string[] = [];
  for (let i = 0; i < 100_000; i++) parts.push(`---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\n  namespace: shop-dev-eu-west\ndata:\n  key: v${i}\n`);
  return parts.join('');
}

/** 2 MB each: a Helm template, a webhook request and a CI script made of what their patterns retry on; a job config */
function crafted(): Record<string, string> {
  const mb = 1024 * 1024;
  return {
    'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
    'charts/shop/templates/flood.yaml': `# ${'{{'.repeat(mb)}\nkind: ConfigMap\n`,
    'keptn/carts/webhook/webhook.yaml': `apiVersion: webhookconfig.keptn.sh/v1alpha1\nkind: WebhookConfig\nmetadata:\n  name: webhook-configuration\nspec:\n  webhooks:\n    - type: sh.keptn.event.test.triggered\n      requests:\n        - "curl ${'{{.a '.repeat(mb / 2)}"\n`,
    'ci/deploy.sh': `echo ${'-n '.repeat(mb / 2)}x | keptn trigger delivery\n`,
    // a job-executor event pattern JavaScript's RegExp backtracks on exponentially, against a task named to trigger it
    'keptn/shipyard.yaml': SHIPYARD.replace('- name: "release"', `- name: "${'a'.repeat(40)}x"`),
    'keptn/carts/job/config.yaml': 'apiVersion: v2\nactions:\n  - name: "run"\n    events:\n      - name: "(a|a)*$"\n    tasks:\n      - name: "t"\n        image: "alpine:3.19"\n        cmd: ["echo"]\n',
  };
}

describe.concurrent('hostile sizes', () => {
  it('files crafted against the patterns that read them (a Helm template of `{{`, a webhook request, a CI line, a job-executor event pattern) are analysed within the limit', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), ...crafted(), [MANIFEST]: deployment() }, write: true });
    try {
      expect(c.scan.summary.files).toBe(9);
      expect(c.scan.findings.some((f) => f.ruleId === 'jes-unanchored-event-regex' && f.message.includes('x.triggered'))).toBe(true);
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status).toBe('modified');
    } finally {
      c.cleanup();
    }
  });

  it('a 50 MB single scalar is skipped by default, named, with its size', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [SCALAR]: scalar(), [MANIFEST]: deployment() } });
    try {
      expect(notices(c.scan, SCALAR).join('\n')).toMatch(/file-not-analysed .*larger than --max-file-size \(52428809 > 10485760 bytes\)/);
    } finally {
      c.cleanup();
    }
  });

  it('a 50 MB single scalar is analysed with --max-file-size 64mb, and migrate --write leaves it alone', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [SCALAR]: scalar(), [MANIFEST]: deployment() }, scanArgs: ['--max-file-size', '64mb'], migrateArgs: ['--max-file-size', '64mb'], write: true });
    try {
      expect(notices(c.scan, SCALAR).filter((n) => n.startsWith('file-not-analysed'))).toEqual([]);
      expect(c.scan.summary.files).toBe(5);
      expect(c.after?.get(`repo/${SCALAR}`)?.hash).toBe(c.before?.get(`repo/${SCALAR}`)?.hash);
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status).toBe('modified');
    } finally {
      c.cleanup();
    }
  });

  it('a 100,000-document stream over 10 MB is skipped by default, named', { timeout: T }, async () => {
    const text = stream();
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
    const c = await hostileCase({ files: { ...keptnProject(), [STREAM]: text } });
    try {
      expect(notices(c.scan, STREAM).join('\n')).toMatch(/file-not-analysed .*larger than --max-file-size/);
    } finally {
      c.cleanup();
    }
  });

  it('a 100,000-document stream is analysed with --max-file-size 64mb, every document counted', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [STREAM]: stream() }, scanArgs: ['--max-file-size', '64mb'] });
    try {
      expect(notices(c.scan, STREAM).filter((n) => n.startsWith('file-not-analysed'))).toEqual([]);
      expect(c.scan.summary.documents).toBeGreaterThanOrEqual(100_000);
    } finally {
      c.cleanup();
    }
  });
});
