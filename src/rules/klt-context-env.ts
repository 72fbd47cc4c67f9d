import { asString, get } from '../core/values.js';
import { defineRule } from '../engine/rule.js';
import type { SourceRef } from '../model/source-ref.js';

const DENO = /Deno\.env\.get\(\s*["'`]CONTEXT["'`]\s*\)/;
const PYTHON = /os\.(?:environ\.get\(|getenv\(|environ\[)\s*["']CONTEXT["']/;

export default defineRule({
  id: 'klt-context-env',
  meta: {
    description: 'Task code reads the CONTEXT environment variable, renamed KEPTN_CONTEXT in Keptn 0.10',
    pack: 'keptn',
    category: 'klt-upgrade',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'KLT passes the task context (app, workload, versions, task type, metadata) as JSON in an environment variable, named `CONTEXT` ' +
        'before Keptn 0.10 and `KEPTN_CONTEXT` since. The Deno runner starts scripts with `--allow-env=DATA,SECURE_DATA,KEPTN_CONTEXT`, ' +
        'so `Deno.env.get("CONTEXT")` throws a permission error and the task fails; Python code reads nothing.',
      instead: 'Read `Deno.env.get("KEPTN_CONTEXT")` (Python: `os.environ["KEPTN_CONTEXT"]`).',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 CHANGELOG.md 0.10.0 (BREAKING: CONTEXT renamed to KEPTN_CONTEXT)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 runtimes/deno-runtime/entrypoint.sh (--allow-env)',
      ],
    },
  },
  check(project, context) {
    const report = (ref: SourceRef, code: string, what: string) => {
      const python = !DENO.test(code);
      const m = (python ? PYTHON : DENO).exec(code);
      if (!m) return;
      const range = ref.range();
      const raw = ref.file.text.slice(range.start, range.end);
      const at = raw.indexOf(m[0]);
      context.report({
        message: `${what} reads ${python ? 'the environment variable' : 'Deno.env'} CONTEXT, renamed KEPTN_CONTEXT in Keptn 0.10${python ? '' : ' (the Deno runner only allows DATA, SECURE_DATA and KEPTN_CONTEXT, so the task fails)'}: read KEPTN_CONTEXT`,
        at: at === -1 ? ref : { file: ref.file, range: { start: range.start + at, end: range.start + at + m[0].length }, anchor: `${ref.pointer} CONTEXT` },
      });
    };
    const configMaps = new Map<string, string>();
    for (const r of project.kltResources) {
      if (r.kind !== 'KeptnTaskDefinition') continue;
      const name = r.name ? ` "${r.name}"` : '';
      for (const runtime of ['function', 'deno', 'python']) {
        const code = asString(get(r.spec, runtime, 'inline', 'code'));
        if (code) report(r.src.at('spec', runtime, 'inline', 'code'), code, `KeptnTaskDefinition${name}`);
        const cm = asString(get(r.spec, runtime, 'configMapRef', 'name'));
        if (cm) configMaps.set(cm, `KeptnTaskDefinition${name}`);
      }
    }
    for (const res of project.resources) {
      if (res.kind !== 'ConfigMap' || !res.name || !configMaps.has(res.name)) continue;
      const code = asString(get(res.src.doc.value, 'data', 'code'));
      if (code) report(res.src.at('data', 'code'), code, `ConfigMap "${res.name}" (code of ${configMaps.get(res.name) ?? ''})`);
    }
  },
});
