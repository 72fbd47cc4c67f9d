import { XMLBuilder } from 'fast-xml-parser';
import { SEVERITY_RANK, type Finding } from '../core/types.js';
import type { Reporter, ReporterContext } from './types.js';

type XmlNode = Record<string, unknown>;

/**
 * JUnit XML as GitLab (`artifacts:reports:junit`), Jenkins (junit step) and CircleCI read it: `<testsuites>` with one
 * `<testsuite>` per rule that ran and one `<testcase>` per rule and file. A testcase fails (`<failure>`) when one of its
 * findings is at or above --fail-on; findings below it are listed in `<system-out>`. A rule without findings is one
 * passing testcase ("all files"); a rule that crashed is an `<error>`; skipped files are `<skipped>` testcases.
 */
export const junit: Reporter = (result, ctx) => {
  const byRule = new Map<string, Map<string, Finding[]>>();
  for (const f of result.findings) {
    const files = byRule.get(f.ruleId) ?? new Map<string, Finding[]>();
    files.set(f.location.file, [...(files.get(f.location.file) ?? []), f]);
    byRule.set(f.ruleId, files);
  }
  const ruleIds = [...new Set([...result.rules.map((r) => r.id), ...byRule.keys()])].sort();
  const failures = new Map(result.failures.map((f) => [f.ruleId, f.error]));
  let tests = 0;
  let failed = 0;
  let errors = 0;
  let skipped = 0;
  const suites: XmlNode[] = [];
  for (const id of ruleIds) {
    const files = byRule.get(id);
    const cases: XmlNode[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    if (!files || files.size === 0) {
      const tc: XmlNode = { '@_name': 'all files', '@_classname': `keptn-migrate.${id}` };
      const crash = failures.get(id);
      if (crash) {
        tc.error = { '@_message': `rule ${id} crashed`, '@_type': 'internal-error', '#text': clean(crash) };
        suiteErrors++;
      }
      cases.push(tc);
    } else {
      for (const [file, list] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const failing = list.filter((f) => fails(f, ctx));
        const tc: XmlNode = { '@_name': clean(file), '@_classname': `keptn-migrate.${id}`, '@_file': clean(file) };
        const first = (failing[0] ?? list[0]) as Finding;
        tc['@_line'] = first.location.start.line;
        if (failing.length > 0) {
          const worst = failing.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
          tc.failure = {
            '@_message': clean(failing.length === 1 ? (failing[0] as Finding).message : `${failing.length} findings at or above ${ctx.failOn}: ${(failing[0] as Finding).message}`),
            '@_type': worst.severity,
            '#text': clean(failing.map(line).join('\n')),
          };
          suiteFailures++;
        }
        const rest = list.filter((f) => !fails(f, ctx));
        if (rest.length > 0) tc['system-out'] = clean(rest.map(line).join('\n'));
        cases.push(tc);
      }
    }
    tests += cases.length;
    failed += suiteFailures;
    errors += suiteErrors;
    suites.push({
      '@_name': id,
      '@_tests': cases.length,
      '@_failures': suiteFailures,
      '@_errors': suiteErrors,
      '@_skipped': 0,
      testcase: cases,
    });
  }
  if (result.skipped.length > 0) {
    const cases = result.skipped.map((s) => ({ '@_name': clean(s.file), '@_classname': 'keptn-migrate.skipped', skipped: { '@_message': clean(s.reason) } }));
    tests += cases.length;
    skipped += cases.length;
    suites.push({ '@_name': 'skipped files', '@_tests': cases.length, '@_failures': 0, '@_errors': 0, '@_skipped': cases.length, testcase: cases });
  }
  const doc: XmlNode = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': `keptn-migrate ${clean(ctx.toolVersion)}`,
      '@_tests': tests,
      '@_failures': failed,
      '@_errors': errors,
      '@_skipped': skipped,
      testsuite: suites,
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true, processEntities: true });
  return String(builder.build(doc)).replace(/(?<!\n)\n*$/, '\n');
};

function fails(f: Finding, ctx: ReporterContext): boolean {
  return ctx.failOn !== 'never' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[ctx.failOn];
}

function line(f: Finding): string {
  return `${f.location.file}:${f.location.start.line}:${f.location.start.column} ${f.severity} ${f.message} (${f.ruleId})`;
}

/** characters XML 1.0 cannot hold at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching the characters XML forbids is the point
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
