import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/core/load.js';
import { rewriteContextReads } from '../src/day2/context-env.js';
import { codeEditsInScalar, scalarOffsetMap } from '../src/day2/embedded-code.js';
import { urlRepoPaths } from '../src/day2/repo-files.js';
import { appendToMap, deleteEntry, renameKey, replaceEntry, replaceScalar } from '../src/day2/yaml-edit.js';
import { applyChangeSet } from '../src/engine/apply.js';
import { migrate } from '../src/engine/migrate.js';
import type { MigrateOptions } from '../src/engine/transform.js';
import { applyEdits } from '../src/edit/apply-edits.js';
import { TARGETS, type Target } from '../src/klt/targets.js';
import { SourceRef } from '../src/model/source-ref.js';
import { FIXTURES, listCases } from './support/fixture-harness.js';
import { readTree } from './support/tree.js';
import { HAVE_CRDS, upstreamValidate } from './support/upstream-crds.js';

function refOf(text: string, ...path: (string | number)[]): SourceRef {
  const lf = loadText({ relPath: 'x.yaml' }, text, 'yaml', false, text.includes('\r\n') ? '\r\n' : '\n');
  const doc = lf.docs[0]?.doc;
  if (!doc) throw new Error('no document');
  return new SourceRef(lf.file, doc, path);
}

function apply(text: string, edit: { range: { start: number; end: number }; text: string } | undefined): string {
  if (!edit) throw new Error('no edit');
  return applyEdits(text, [{ ...edit, file: 'x.yaml' }]);
}

describe('minimal YAML edits', () => {
  it('replaces a scalar keeping its quotes', () => {
    const t = 'a: "v1alpha1" # c\nb: \'x\'\nc: plain\n';
    expect(apply(t, replaceScalar(refOf(t, 'a'), 'lifecycle.keptn.sh/v1'))).toBe('a: "lifecycle.keptn.sh/v1" # c\nb: \'x\'\nc: plain\n');
    expect(apply(t, replaceScalar(refOf(t, 'b'), "it's"))).toBe("a: \"v1alpha1\" # c\nb: 'it''s'\nc: plain\n");
    expect(apply(t, replaceScalar(refOf(t, 'c'), 'keptn'))).toBe('a: "v1alpha1" # c\nb: \'x\'\nc: keptn\n');
    expect(replaceScalar(refOf('a: |\n  x\n', 'a'), 'y')).toBeUndefined();
  });

  it('renames a key and keeps the comment after it', () => {
    const t = 'spec:\n  function:   # old\n    inline: {}\n';
    expect(apply(t, renameKey(refOf(t, 'spec', 'function'), 'deno'))).toBe('spec:\n  deno:   # old\n    inline: {}\n');
  });

  it('deletes whole lines of an entry, block values included, and refuses flow entries', () => {
    const t = 'spec:\n  version: "1"\n  pre:\n    - a\n    - b # last\n  post: [c]\nx: 1\n';
    expect(apply(t, deleteEntry(refOf(t, 'spec', 'pre')))).toBe('spec:\n  version: "1"\n  post: [c]\nx: 1\n');
    expect(apply(t, deleteEntry(refOf(t, 'spec', 'post')))).toBe('spec:\n  version: "1"\n  pre:\n    - a\n    - b # last\nx: 1\n');
    expect(deleteEntry(refOf('spec: {a: 1, b: 2}\n', 'spec', 'a'))).toBeUndefined();
  });

  it('deletes the first key of a sequence item up to the next key', () => {
    const t = 'o:\n  - query: >-\n      sum(x)\n    name: e\n    target: "<1"\n';
    expect(apply(t, deleteEntry(refOf(t, 'o', 0, 'query')))).toBe('o:\n  - name: e\n    target: "<1"\n');
  });

  it('deletes and replaces entries with an empty value, and replaces block-scalar entries whole', () => {
    const t = 'spec:\n  version: "1"\n  post:\n  x: 1\n';
    expect(apply(t, deleteEntry(refOf(t, 'spec', 'post')))).toBe('spec:\n  version: "1"\n  x: 1\n');
    expect(apply(t, replaceEntry(refOf(t, 'spec', 'post'), ['post:', '  - a']))).toBe('spec:\n  version: "1"\n  post:\n    - a\n  x: 1\n');
    const b = 'o:\n  - query: |\n      multi\n      line\n    target: "<2"\n';
    expect(apply(b, replaceEntry(refOf(b, 'o', 0, 'query'), ['ref:', '  name: m']))).toBe('o:\n  - ref:\n      name: m\n    target: "<2"\n');
  });

  it('appends to a block mapping, also at the end of a file without a final line break', () => {
    const t = 'metadata:\n  name: x\n  annotations:\n    a: b';
    expect(apply(t, appendToMap(refOf(t, 'metadata'), ['labels:', '  k: v']))).toBe('metadata:\n  name: x\n  annotations:\n    a: b\n  labels:\n    k: v\n');
    expect(appendToMap(refOf('metadata: {name: x}\n', 'metadata'), ['labels: {}'])).toBeUndefined();
  });
});

describe('code embedded in YAML scalars', () => {
  it('maps literal blocks, plain and quoted one-liners, and refuses folded and escaped scalars', () => {
    const lit = 'code: |\n  a\n\n  let b = 1\n';
    expect(scalarOffsetMap(refOf(lit, 'code'), 'a\n\nlet b = 1\n')?.(3)).toBe(lit.indexOf('let'));
    const plain = 'code: Deno.env.get(x)\n';
    expect(scalarOffsetMap(refOf(plain, 'code'), 'Deno.env.get(x)')?.(0)).toBe(6);
    const single = "code: 'it''s'\n";
    expect(scalarOffsetMap(refOf(single, 'code'), "it's")?.(3)).toBe(single.indexOf('s\''));
    expect(scalarOffsetMap(refOf('code: >\n  a\n  b\n', 'code'), 'a b\n')).toBeUndefined();
    expect(scalarOffsetMap(refOf('code: "a\\tb"\n', 'code'), 'a\tb')).toBeUndefined();
  });

  it('rewrites CONTEXT reads in a CRLF literal block with minimal edits', () => {
    const t = 'code: |\r\n  // CONTEXT in a comment stays\r\n  const c = Deno.env.get("CONTEXT");\r\n';
    const ref = refOf(t, 'code');
    const code = '// CONTEXT in a comment stays\nconst c = Deno.env.get("CONTEXT");\n';
    const rw = rewriteContextReads(code, 'deno');
    const edits = codeEditsInScalar(ref, code, rw.spans);
    expect(edits).toBeDefined();
    expect(applyEdits(t, (edits ?? []).map((e) => ({ ...e, file: 'x' })))).toBe('code: |\r\n  // CONTEXT in a comment stays\r\n  const c = Deno.env.get("KEPTN_CONTEXT");\r\n');
  });
});

describe('the CONTEXT → KEPTN_CONTEXT rewrite (jscodeshift)', () => {
  it('changes only Deno.env reads of CONTEXT, keeps quotes, and converges', () => {
    const code = [
      '// Deno.env.get("CONTEXT") in a comment',
      'const a = JSON.parse(Deno.env.get("CONTEXT")!);',
      "const b = Deno.env.get('CONTEXT');",
      'const c = Deno.env.get(`CONTEXT`);',
      'const d = Deno.env.toObject().CONTEXT;',
      'const e = Deno?.env?.get("CONTEXT");',
      'const s = "CONTEXT";',
      'const other = env.get("CONTEXT");',
    ].join('\n');
    const rw = rewriteContextReads(code, 'deno');
    expect(rw.error).toBeUndefined();
    expect(rw.code.split('\n')).toEqual([
      '// Deno.env.get("CONTEXT") in a comment',
      'const a = JSON.parse(Deno.env.get("KEPTN_CONTEXT")!);',
      "const b = Deno.env.get('KEPTN_CONTEXT');",
      'const c = Deno.env.get(`KEPTN_CONTEXT`);',
      'const d = Deno.env.toObject().KEPTN_CONTEXT;',
      'const e = Deno?.env?.get("KEPTN_CONTEXT");',
      'const s = "CONTEXT";',
      'const other = env.get("CONTEXT");',
    ]);
    expect(rewriteContextReads(rw.code, 'deno').spans).toEqual([]);
  });

  it('reports code that does not parse and leaves it alone', () => {
    const rw = rewriteContextReads('const = Deno.env.get("CONTEXT"', 'deno');
    expect(rw.spans).toEqual([]);
    expect(rw.error).toMatch(/does not parse/);
  });

  it('rewrites the Python reads', () => {
    const rw = rewriteContextReads('import os\nc = os.environ["CONTEXT"]\nd = os.getenv(\'CONTEXT\')\ne = os.environ.get("CONTEXT", "{}")\nf = "CONTEXT"\n', 'python');
    expect(rw.code).toBe('import os\nc = os.environ["KEPTN_CONTEXT"]\nd = os.getenv(\'KEPTN_CONTEXT\')\ne = os.environ.get("KEPTN_CONTEXT", "{}")\nf = "CONTEXT"\n');
  });
});

describe('httpRef URLs → repository paths', () => {
  it('takes the path after the ref of raw GitHub/GitLab URLs', () => {
    expect(urlRepoPaths('https://raw.githubusercontent.com/org/repo/main/tasks/a.ts')[0]).toBe('tasks/a.ts');
    expect(urlRepoPaths('https://github.com/org/repo/blob/v1/x/y.ts')).toContain('x/y.ts');
    expect(urlRepoPaths('https://gitlab.com/g/p/-/raw/main/t/b.ts')).toContain('t/b.ts');
    expect(urlRepoPaths('not a url')).toEqual([]);
  });
});

const OPTS: Omit<MigrateOptions, 'target'> = { outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false };

const CRLF_BOM = [
  '# podtato app (Windows line endings, with a BOM)',
  'apiVersion: lifecycle.keptn.sh/v1alpha3',
  'kind: KeptnApp',
  'metadata:',
  '  name: podtato-head',
  '  namespace: podtato',
  'spec:',
  '  version: "0.1.1"   # keep me',
  '  workloads:',
  '    - name: podtato-head-entry',
  '      version: 0.1.1',
  '  preDeploymentTasks:',
  '    - check',
  '---',
  'apiVersion: lifecycle.keptn.sh/v1alpha2',
  'kind: KeptnTaskDefinition',
  'metadata:',
  '  name: check',
  'spec:',
  '  function:',
  '    inline:',
  '      code: |',
  '        const ctx = JSON.parse(Deno.env.get("CONTEXT")!);',
  '        console.log(ctx.workloadName);',
  '',
].join('\r\n');

describe('in-place upgrade of a CRLF file with a BOM', () => {
  it.each(TARGETS)('keeps the BOM, CRLF and every untouched line (%s), and a second run changes nothing', async (target: Target) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klt-crlf-'));
    mkdirSync(path.join(dir, 'manifests'));
    const file = path.join(dir, 'manifests', 'app.yaml');
    writeFileSync(file, '\ufeff' + CRLF_BOM);
    const run = () => migrate({ paths: ['.'], cwd: dir, only: ['upgrade-klt-resources'], migrate: { ...OPTS, target } });
    const first = await run();
    expect(first.changes.invalid).toEqual([]);
    expect((await applyChangeSet(first.changes)).refused).toEqual([]);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith('\ufeff')).toBe(true);
    expect(after.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const before = new Set(CRLF_BOM.split('\r\n'));
    const changed = after.slice(1).split('\r\n').filter((l) => !before.has(l));
    const expected: Record<Target, string[]> = {
      'keptn-v2': ['apiVersion: lifecycle.keptn.sh/v1', '  labels:', '    app.kubernetes.io/managed-by: keptn', 'apiVersion: lifecycle.keptn.sh/v1', '  deno:', '        const ctx = JSON.parse(Deno.env.get("KEPTN_CONTEXT")!);'],
      'keptn-0.10': ['apiVersion: lifecycle.keptn.sh/v1beta1', '  labels:', '    app.kubernetes.io/managed-by: keptn', 'apiVersion: lifecycle.keptn.sh/v1beta1', '  deno:', '        const ctx = JSON.parse(Deno.env.get("KEPTN_CONTEXT")!);'],
      // the bumped line equals the KeptnApp's, so only the rename shows
      'klt-0.9': ['  deno:'],
    };
    expect(changed).toEqual(expected[target]);
    expect(after).toContain('  version: "0.1.1"   # keep me\r\n');
    expect(after.includes('preDeploymentTasks')).toBe(target === 'klt-0.9');
    const second = await run();
    expect(second.changes.files.filter((f) => f.status === 'created' || f.status === 'modified').map((f) => f.path)).toEqual([]);
  });
});

describe.skipIf(!HAVE_CRDS)('the klt-upgrade golden trees against the upstream CRDs', () => {
  const cases = listCases(path.join(FIXTURES, 'migrate')).filter((n) => n.startsWith('klt-upgrade-'));
  it.each(cases)('%s: every KLT resource outside Helm templates validates for its target', (name) => {
    const caseDir = path.join(FIXTURES, 'migrate', name);
    const target = (JSON.parse(readFileSync(path.join(caseDir, 'options.json'), 'utf8')) as { target: Target }).target;
    let checked = 0;
    for (const [rel, bytes] of readTree(path.join(caseDir, 'expected'))) {
      if (!rel.endsWith('.yaml') || rel.includes('/templates/')) continue;
      for (const d of parseAllDocuments(bytes.toString('utf8')).map((x) => x.toJS() as Record<string, unknown>)) {
        if (!d || !/^(lifecycle|metrics)\.keptn\.sh\//.test(String(d.apiVersion))) continue;
        const result = upstreamValidate(d, target);
        // a resource newer than the target is left as it is (and reported)
        if (result === 'no-schema' && target === 'klt-0.9' && String(d.apiVersion).endsWith('/v1')) continue;
        expect(result, `${rel} ${String(d.kind)} ${String(d.apiVersion)}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });
});

const ODD = [
  'apiVersion: lifecycle.keptn.sh/v1alpha1\nkind: KeptnTaskDefinition\nmetadata:\n  name: a\nspec:\n  function:\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha1\nkind: KeptnTaskDefinition\nspec: null\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha2\nkind: KeptnTaskDefinition\nmetadata: {name: b}\nspec:\n  function:\n    inline:\n      code: 42\n    configMapRef: {name: missing}\n    httpRef:\n      url: not a url\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha2\nkind: KeptnTaskDefinition\nmetadata:\n  name: c\nspec:\n  function:\n    inline:\n      code: >\n        Deno.env.get("CONTEXT")\n  deno: {}\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha3\nkind: KeptnApp\nmetadata:\n  name: Bad_Name\n  labels: [a, b]\nspec:\n  preDeploymentTasks: {a: 1}\n  postDeploymentTasks:\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha3\nkind: KeptnApp\nmetadata:\n  name: d\n  labels:\nspec:\n  version: "1"\n  preDeploymentTasks: [x]\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha3\nkind: KeptnApp\nmetadata:\n  name: e\n  labels: {}\n  annotations:\n    app.kubernetes.io/managed-by: keptn\nspec:\n  version: "1"\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha1\nkind: KeptnEvaluationDefinition\nmetadata:\n  name: f\nspec:\n  source: "Not A Name"\n  objectives: {x: 1}\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha1\nkind: KeptnEvaluationDefinition\nmetadata:\n  name: g\nspec:\n  source: prometheus\n  objectives:\n    - {name: a, query: q, evaluationTarget: ">1"}\n    - query: |\n        multi\n        line\n      evaluationTarget: "<2"\n    - 7\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha1\nkind: KeptnEvaluationProvider\nmetadata:\n  name: custom\nspec:\n  secretName: s\n  targetServer: x\n',
  'apiVersion: lifecycle.keptn.sh/v9\nkind: KeptnApp\nmetadata:\n  name: h\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha1\nkind: KeptnMetric\nmetadata:\n  name: i\n',
  'apiVersion: lifecycle.keptn.sh/v1alpha3\nkind: KeptnWorkloadInstance\nmetadata:\n  name: j\n',
  'apiVersion: options.keptn.sh/v1alpha1\nkind: KeptnConfig\nmetadata:\n  name: k\nspec:\n  keptnAppCreationRequestTimeout: 30\n',
  'apiVersion: spec.keptn.sh/0.1.4\nkind: Remediation\nspec:\n  remediations:\n    - problemType:\n      actionsOnOpen:\n        - action: scaling\n          value: {a: 1}\n        - {}\n    - actionsOnOpen: 5\n',
  'remediations:\n  - name: 7\n    actions:\n      - action: scaling\n        value: "+1"\n      - value: x\n',
];

describe('odd input', () => {
  it.each(TARGETS)('never throws and emits only valid resources (%s)', async (target) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klt-odd-'));
    ODD.forEach((t, i) => {
      mkdirSync(path.join(dir, `r${i}`));
      writeFileSync(path.join(dir, `r${i}`, i >= ODD.length - 2 ? 'remediation.yaml' : 'res.yaml'), t);
    });
    for (const autoscaler of ['hpa', 'keda'] as const) {
      const run = () => migrate({ paths: ['.'], cwd: dir, only: ['upgrade-klt-resources', 'convert-remediation-to-day2'], migrate: { ...OPTS, target, autoscaler } });
      const first = await run();
      expect(first.changes.invalid).toEqual([]);
      expect(first.changes.files.filter((f) => f.status === 'skipped')).toEqual([]);
    }
    const first = await migrate({ paths: ['.'], cwd: dir, only: ['upgrade-klt-resources', 'convert-remediation-to-day2'], migrate: { ...OPTS, target } });
    await applyChangeSet(first.changes);
    const second = await migrate({ paths: ['.'], cwd: dir, only: ['upgrade-klt-resources', 'convert-remediation-to-day2'], migrate: { ...OPTS, target } });
    expect(second.changes.files.filter((f) => f.status === 'created' || f.status === 'modified').map((f) => f.path)).toEqual([]);
  });
});
