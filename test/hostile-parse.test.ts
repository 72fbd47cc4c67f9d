// Hostile YAML content, each case generated in a temporary directory and run through the built CLI as a child
// process (scan, and `migrate --write` in an identical second sandbox): a clear finding or skip notice naming the
// file, exit 0 or 1 (never 2, never a signal), no hang, nothing written outside the root, no undecodable file
// rewritten. See test/support/hostile.ts for the shared invariants.
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/engine/migrate.js';
import { scan } from '../src/engine/scan.js';
import { deployment, hostileCase, keptnProject, notices, onlyInserted, readRepo, SHIPYARD, TEST_TIMEOUT_MS } from './support/hostile.js';

const MANIFEST = 'keptn/carts/manifests/carts.yaml';
const T = TEST_TIMEOUT_MS;
const SURROGATE = Buffer.concat([Buffer.from('a: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]);
const OVERLONG = Buffer.concat([Buffer.from('b: '), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]);
const LATE_NUL = `${deployment()}---\n${`# ${'x'.repeat(100)}\n`.repeat(90)}bad: "a\0b"\n`;

/** `levels` levels of aliases, each a list of `width` aliases of the level below: width^levels leaves */
function aliasBomb(levels: number, width: number, indent = ''): string {
  let text = `${indent}a0: &a0 [${Array(width).fill('"lol"').join(',')}]\n`;
  for (let i = 1; i <= levels; i++) text += `${indent}a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(',')}]\n`;
  return text;
}

describe.concurrent('hostile YAML: aliases and nesting', () => {
  it('billion laughs over the alias cap (12 levels of 12) is refused as an alias bomb', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), 'config/bomb.yaml': aliasBomb(12, 12), [MANIFEST]: deployment() } });
    try {
      expect(notices(c.scan, 'config/bomb.yaml').join('\n')).toMatch(/yaml-unsafe-structure .*aliases/);
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): a 9x9 "billion laughs" has 81 aliases, under the 100-alias cap, so js-yaml builds it
  // with shared references; `show()` in src/rules/lib/integrations.ts (rule remediation-action-no-equivalent) and the
  // remediation planning in src/day2/ JSON.stringify the action value, expanding it to 9^9 leaves: scan and migrate
  // hang (> 60 s, then out of memory). The cap should bound the expanded size, not the number of aliases.
  it('billion laughs under the alias cap (9 levels of 9) in a remediation value does not hang scan or migrate', { timeout: T }, async () => {
    const remediation =
      'apiVersion: spec.keptn.sh/0.1.4\nkind: Remediation\nmetadata:\n  name: carts-remediation\nspec:\n  remediations:\n' +
      '    - problemType: "Failure rate increase"\n      actionsOnOpen:\n        - action: toggle-feature\n          name: Toggle\n          value:\n' +
      aliasBomb(9, 9, '            ');
    const c = await hostileCase({ files: { ...keptnProject(), 'keptn/carts/remediation.yaml': remediation, [MANIFEST]: deployment() }, write: true, limitMs: 4_000 });
    try {
      expect(notices(c.scan, 'keptn/carts/remediation.yaml').length).toBeGreaterThan(0);
    } finally {
      c.cleanup();
    }
  });

  it('deep nesting twice in one process (flow and block, the yaml 2.8.3-2.9.1 abort) is refused, scan and migrate survive', { timeout: T }, async () => {
    const flow = '['.repeat(2000) + ']'.repeat(2000) + '\n';
    const block = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
    const files = {
      ...keptnProject(),
      'deep/one.yaml': flow,
      'deep/two.yaml': flow,
      'deep/three.yaml': `a: ${flow}`,
      'deep/block.yaml': block,
      // a workload manifest whose second document is too deep: migrate edits the first, re-parses the whole file
      [MANIFEST]: `${deployment()}---\nnested: ${'{a: '.repeat(1500)}1${'}'.repeat(1500)}\n`,
    };
    const c = await hostileCase({ files, write: true });
    try {
      for (const f of ['deep/one.yaml', 'deep/two.yaml', 'deep/three.yaml', 'deep/block.yaml', MANIFEST]) {
        expect(notices(c.scan, f).join('\n'), f).toMatch(/yaml-unsafe-structure .*nesting deeper than/);
      }
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): nestingDepth() in src/core/yaml-fallback.ts counts flow brackets and leading spaces
  // and dashes only; explicit keys (`? ? ? ... a`, 2,000 of them on one line) nest just as deep but measure 0, so the
  // stream js-yaml refuses (too deep) is handed to `yaml`, and the second such file in the process aborts it:
  // "FATAL ERROR: RegExpCompiler Allocation failed - process out of memory", exit 134 (SIGABRT).
  it('deep nesting through explicit keys (`? ? ? a`) twice is refused too', { timeout: T }, async () => {
    const deep = '? '.repeat(2000) + 'a\n';
    const c = await hostileCase({ files: { ...keptnProject(), 'deep/q1.yaml': deep, 'deep/q2.yaml': deep, [MANIFEST]: deployment() }, write: true });
    try {
      for (const f of ['deep/q1.yaml', 'deep/q2.yaml']) expect(notices(c.scan, f).join('\n'), f).toMatch(/yaml-unsafe-structure|yaml-syntax-error/);
    } finally {
      c.cleanup();
    }
  });
});

describe.concurrent('hostile YAML: bytes and encodings', () => {
  it('binary files and NUL bytes are skipped as binary, never rewritten', { timeout: T }, async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(300, 7)]);
    const files = {
      ...keptnProject(),
      'assets/logo.yaml': png,
      // the workload manifest itself holds a NUL byte: it must be refused, not migrated
      [MANIFEST]: Buffer.concat([Buffer.from(deployment()), Buffer.from('# \0 trailing\n')]),
    };
    const c = await hostileCase({ files, write: true });
    try {
      for (const f of ['assets/logo.yaml', MANIFEST]) expect(notices(c.scan, f).join('\n'), f).toMatch(/file-not-analysed .*binary/);
      expect(c.migrate?.files.some((f) => f.path === MANIFEST && f.status === 'modified')).toBe(false);
    } finally {
      c.cleanup();
    }
  });

  it('a NUL byte after the 8,000-byte binary sniff never crashes, and an edit keeps every original byte', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: LATE_NUL }, write: true });
    try {
      expect(onlyInserted(LATE_NUL, readRepo(c.written!, MANIFEST))).toBe(true);
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): the binary sniff looks at the first 8,000 bytes only; js-yaml then rejects the NUL
  // ("null byte is not allowed in input"), but the `yaml` fallback (src/core/yaml-fallback.ts) accepts NUL inside a
  // quoted scalar without an error, so the file is analysed and migrated as valid although go-yaml (Keptn v1,
  // kubectl) rejects it ("control characters are not allowed"). No finding names the file.
  it('a NUL byte after the 8,000-byte binary sniff is reported', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: LATE_NUL } });
    try {
      expect(notices(c.scan, MANIFEST).join('\n')).toMatch(/yaml-syntax-error|file-not-analysed/);
    } finally {
      c.cleanup();
    }
  });

  it('invalid UTF-8 is reported with its line and never rewritten', { timeout: T }, async () => {
    // line 21 of the manifest is `value: caf\xe9` (Latin-1, not UTF-8)
    const bad = Buffer.concat([Buffer.from(deployment().replace('value: info\n', 'value: caf')), Buffer.from([0xe9]), Buffer.from('\n')]);
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: bad, 'x/surrogate.yaml': SURROGATE, 'x/overlong.yml': OVERLONG }, write: true });
    try {
      expect(notices(c.scan, MANIFEST).join('\n')).toMatch(/file-not-analysed 21:\d+ .*invalid UTF-8/);
      expect(notices(c.scan, 'x/overlong.yml').join('\n')).toMatch(/file-not-analysed 1:\d+ .*invalid UTF-8/);
      expect(notices(c.scan, 'x/surrogate.yaml').join('\n')).toMatch(/file-not-analysed .*invalid UTF-8/);
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): firstInvalidUtf8Byte() in src/core/decode.ts checks lead and continuation bytes only,
  // not the ranges the decoder rejects (encoded surrogates ED A0-BF, overlong E0 80-9F and F0 80-8F, F4 90+). For
  // `a: <ED A0 80>` it returns the file length: "invalid UTF-8 at byte 7", line 2 of a one-line file.
  it('the position of an encoded surrogate is the byte and line it is on', { timeout: T }, async () => {
    const c = await hostileCase({ files: { 'x/surrogate.yaml': SURROGATE } });
    try {
      expect(notices(c.scan, 'x/surrogate.yaml').join('\n')).toMatch(/file-not-analysed 1:\d+ .*invalid UTF-8 at byte 3\b/);
    } finally {
      c.cleanup();
    }
  });

  it('BOM with CRLF: read normally, and an edit keeps the BOM, CRLF on every line and the original lines', { timeout: T }, async () => {
    const text = '\ufeff' + deployment().replace(/\n/g, '\r\n');
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: text, 'keptn/carts/slo.yaml': '\ufeff' + (keptnProject()['keptn/carts/slo.yaml'] as string).replace(/\n/g, '\r\n') }, write: true });
    try {
      expect(c.scan.findings.filter((f) => f.file === MANIFEST && /syntax/.test(f.ruleId))).toEqual([]);
      expect(c.scan.summary.files).toBeGreaterThanOrEqual(4);
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status).toBe('modified');
      const after = readRepo(c.written!, MANIFEST);
      expect(after.startsWith('\ufeff')).toBe(true);
      expect(after.slice(1).indexOf('\ufeff')).toBe(-1);
      expect(after.replace(/\r\n/g, '').includes('\n'), 'no bare LF').toBe(false);
      expect(onlyInserted(text, after, '\r\n')).toBe(true);
    } finally {
      c.cleanup();
    }
  });
});

describe.concurrent('hostile YAML: syntax', () => {
  it('tabs as indentation are a syntax error naming the file and line', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), 'keptn/carts/slo.yaml': 'spec_version: "1.0"\nobjectives:\n\t- sli: "a"\n', [MANIFEST]: deployment() } });
    try {
      expect(notices(c.scan, 'keptn/carts/slo.yaml').join('\n')).toMatch(/yaml-syntax-error 3:\d+/);
    } finally {
      c.cleanup();
    }
  });

  const DUPLICATE = deployment().replace('      labels:\n        app: carts\n', '      labels:\n        tier: old\n      labels:\n        app: carts\n');

  it('duplicate keys are reported with their line', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: DUPLICATE } });
    try {
      expect(notices(c.scan, MANIFEST).join('\n')).toMatch(/yaml-duplicate-key 15:7/);
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): insertEntries() in src/edit/yaml-insert.ts walks the path with
  // `node.entries.find(...)`, the FIRST of duplicate keys, while the model (YamlDoc.findEntry, js-yaml `json: true`)
  // takes the LAST. So the workload keys are inserted into the `labels:` block that loses: a YAML reader that takes
  // the last value never sees them (and go-yaml/kubectl reject the duplicate anyway). Editing a mapping with
  // duplicate keys on the path should be refused with a manual step, or go to the last one.
  it('an edit never lands in the mapping that loses to a duplicate key', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: DUPLICATE }, write: true });
    try {
      expect(readRepo(c.written!, MANIFEST)).toContain('      labels:\n        tier: old\n      labels:\n');
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): an implicit key over 1,024 characters is accepted by js-yaml (and so silently by
  // keptn-migrate) but rejected by go-yaml (Keptn v1, kubectl: "could not find expected ':'") and by `yaml`
  // (KEY_OVER_1024_CHARS). The file is read as if valid; no finding says Keptn/Kubernetes would reject it.
  it('an implicit key of 1,100 characters is reported', { timeout: T }, async () => {
    const key = 'k'.repeat(1100);
    const c = await hostileCase({ files: { ...keptnProject(), 'keptn/carts/prometheus/sli.yaml': `spec_version: "1.0"\nindicators:\n  ${key}: "up"\n`, [MANIFEST]: deployment() } });
    try {
      expect(notices(c.scan, 'keptn/carts/prometheus/sli.yaml').join('\n')).toMatch(/1,?024/);
    } finally {
      c.cleanup();
    }
  });

  it('an implicit key of 1,100 characters never crashes or hangs the scan', { timeout: T }, async () => {
    const key = 'k'.repeat(1100);
    const c = await hostileCase({ files: { ...keptnProject(), 'keptn/carts/prometheus/sli.yaml': `spec_version: "1.0"\nindicators:\n  ${key}: "up"\n`, 'big/keys.yaml': `${key}: 1\n${key}x: [${key}]\n`, [MANIFEST]: deployment() } });
    c.cleanup();
  });
});

describe.concurrent('hostile YAML: semantics', () => {
  const Y11 = ['yes', 'on', 'off', 'NO', 'y', '0644', '010', '1_000', '1:20', '0x1F', '~', '1e3', '.5'];

  it('YAML 1.1 scalars (0644, yes, on, ...) in an edited manifest stay byte-for-byte', { timeout: T }, async () => {
    const env = Y11.map((v, i) => `\n            - name: V${i}\n              value: ${v}`).join('');
    const text = deployment('carts', env).replace('    spec:\n      containers:', '    spec:\n      enableServiceLinks: yes\n      containers:') + '      volumes:\n        - name: config\n          configMap:\n            name: carts\n            defaultMode: 0644\n';
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: text }, write: true });
    try {
      expect(c.migrate?.files.find((f) => f.path === MANIFEST)?.status, 'the manifest is edited elsewhere').toBe('modified');
      const after = readRepo(c.written!, MANIFEST);
      expect(onlyInserted(text, after)).toBe(true);
      for (const v of Y11) expect(after, v).toContain(`              value: ${v}\n`);
      expect(after).toContain('            defaultMode: 0644\n');
      expect(after).toContain('      enableServiceLinks: yes\n');
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): generated resources are serialised with `yaml` stringify under YAML 1.2, which leaves
  // strings such as yes, on, off, NO, y and 1_000 unquoted; Kubernetes decodes manifests with go-yaml's YAML 1.1 rules
  // and reads them as booleans or numbers (`kubectl apply`: "cannot unmarshal bool into ... of type string").
  // A job-executor `cmd: ["echo", "yes", "on"]` becomes `command: [echo, yes, on]` in the KeptnTaskDefinition.
  // Fix: stringify(resource, { lineWidth: 0, version: '1.1' }) quotes exactly those (src/engine/migrate.ts).
  it('generated resources mean the same to a YAML 1.1 reader (go-yaml, Kubernetes) as to a YAML 1.2 one', { timeout: T }, async () => {
    const job =
      'apiVersion: v2\nactions:\n  - name: "Smoke"\n    events:\n      - name: "sh.keptn.event.test.triggered"\n    tasks:\n      - name: "check"\n' +
      `        image: "alpine:3.19"\n        cmd: [${Y11.map((v) => JSON.stringify(v)).join(', ')}]\n        env:\n${Y11.map((v, i) => `          - name: V${i}\n            value: ${JSON.stringify(v)}`).join('\n')}\n`;
    const c = await hostileCase({ files: { ...keptnProject(), 'keptn/carts/job/config.yaml': job, [MANIFEST]: deployment() }, write: true });
    try {
      const created = c.migrate!.files.filter((f) => f.status === 'created' && f.content);
      expect(created.some((f) => /keptntaskdefinition/.test(f.path))).toBe(true);
      for (const f of created) {
        const v12 = parseAllDocuments(f.content!).map((d) => d.toJS());
        const v11 = parseAllDocuments(f.content!, { version: '1.1' }).map((d) => d.toJS());
        expect(v11, f.path).toEqual(v12);
      }
    } finally {
      c.cleanup();
    }
  });

  it('merge keys are resolved for the scan; a value set through a merge is never overridden by an edit', { timeout: T }, async () => {
    const text = `x-labels: &labels
  app: carts
  app.kubernetes.io/version: "9.9.9"
---
${deployment().replace('      labels:\n        app: carts\n', '      labels: &podlabels\n        <<: {app: carts, app.kubernetes.io/version: "9.9.9"}\n        tier: web\n')}`;
    const c = await hostileCase({ files: { ...keptnProject(), [MANIFEST]: text }, write: true });
    try {
      expect(c.scan.findings.filter((f) => f.file === MANIFEST && /syntax|unsafe/.test(f.ruleId))).toEqual([]);
      const after = readRepo(c.written!, MANIFEST);
      expect(onlyInserted(text, after)).toBe(true);
      // the version the merge sets must not be shadowed by an inserted key with another value
      const pod = parseAllDocuments(after, { merge: true })[1]?.toJS() as { spec: { template: { metadata: { labels: Record<string, string> } } } };
      expect(pod.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('9.9.9');
    } finally {
      c.cleanup();
    }
  });

  it('__proto__, constructor and prototype keys pollute nothing, in the CLI and in-process', { timeout: T }, async () => {
    const files = {
      ...keptnProject(),
      'keptn/shipyard.yaml': SHIPYARD.replace('    - name: "dev"', '    - name: "__proto__"\n      sequences: []\n    - name: "constructor"\n      sequences: []\n    - name: "dev"'),
      'keptn/carts/prometheus/sli.yaml': 'spec_version: "1.0"\nindicators:\n  __proto__: "up{polluted=\\"yes\\"}"\n  constructor: "up"\n  toString: "up"\n  response_time_p95: "up"\n',
      'keptn/carts/slo.yaml': 'spec_version: "1.0"\nobjectives:\n  - sli: "__proto__"\n    pass:\n      - criteria: ["<1"]\n  - sli: "constructor"\n  - sli: "hasOwnProperty"\n    pass:\n      - criteria: ["<2"]\ntotal_score:\n  pass: "90%"\n  warning: "75%"\n',
      'keptn/carts/job/config.yaml': 'apiVersion: v2\nactions:\n  - name: "__proto__"\n    events:\n      - name: "sh.keptn.event.test.triggered"\n    tasks:\n      - name: "constructor"\n        image: "alpine:3.19"\n        env:\n          - name: __proto__\n            value: polluted\n',
      [MANIFEST]: deployment().replace('      labels:\n        app: carts\n', '      labels:\n        app: carts\n        __proto__: {polluted: "yes"}\n        <<: {__proto__: {polluted: "yes"}, constructor: {prototype: {polluted: "yes"}}}\n'),
      'config/proto.yaml': '__proto__:\n  polluted: "yes"\nconstructor:\n  prototype:\n    polluted: "yes"\nlist:\n  - __proto__: [1, 2]\n',
    };
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const c = await hostileCase({ files, write: true });
    try {
      expect(c.scan.errors).toEqual([]);
      const scanned = await scan({ paths: ['.'], cwd: c.scanned.root });
      expect(scanned.failures.map((f) => `${f.ruleId}: ${f.error}`)).toEqual([]);
      const migrated = await migrate({ paths: ['.'], cwd: c.scanned.root, migrate: { target: 'keptn-v2', outDir: 'keptn', keys: 'k8s', evaluations: true, autoscaler: 'hpa', unsafe: false } });
      expect(migrated.changes.invalid).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    } finally {
      c.cleanup();
    }
  });

  // Regression test. The bug it caught (now fixed): a document whose kind is an Object.prototype name (`kind: constructor`, `__proto__`)
  // crashes the model build (isWorkloadKind uses `in`; readWorkload spreads POD_TEMPLATE_PATHS[kind], a function):
  // "internal error: TypeError: tpl is not iterable", exit 2, no report.
  it('a manifest of kind `constructor` or `__proto__` is read like any unknown kind (exit 0/1)', { timeout: T }, async () => {
    const c = await hostileCase({ files: { ...keptnProject(), 'k8s/odd.yaml': 'apiVersion: v1\nkind: constructor\n---\napiVersion: v1\nkind: __proto__\n', [MANIFEST]: deployment() } });
    c.cleanup();
  });
});
