import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/types.js';
import type { ScanResult } from '../src/engine/scan.js';
import { escapeData, escapeProperty, renderGithub } from '../src/reporters/github.js';
import { json, jsonChunks } from '../src/reporters/json.js';
import { junit } from '../src/reporters/junit.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../src/reporters/markdown.js';
import { mergeReports, parseReport, type ReadinessReport } from '../src/reporters/report/index.js';
import { cli } from './support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const GOLDEN = path.join(ROOT, 'fixtures/report/golden');
const golden = (name: string) => readFileSync(path.join(GOLDEN, name), 'utf8');

function fakeResult(n: number, severity: Finding['severity'] = 'blocker', message = 'bad'): ScanResult {
  const findings: Finding[] = Array.from({ length: n }, (_, i) => ({
    ruleId: 'slo-relative-criterion',
    severity,
    message: `${message} ${i}`,
    location: { file: `keptn/f${i}.yaml`, start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 5 } },
    fingerprint: `fp${i}`,
    anchor: `doc-0 > x[${i}]`,
  }));
  return { root: '/x', findings, skipped: [], failures: [], stats: { files: n, documents: n, bytes: 0, kinds: {}, branches: [] }, project: {} as ScanResult['project'], rules: [] };
}

describe('json', () => {
  const ctx = { color: false, toolVersion: '1.2.3', failOn: 'blocker' as const };
  // the pieces are written one after the other: together they must be JSON.stringify's text of the whole report
  it.each([0, 1, 499, 500, 1201])('writes %i findings in pieces that join to JSON.stringify(report, null, 2)', (n) => {
    const result = { ...fakeResult(n), project: { projects: [{ dir: '', name: 'p "findings": []', stages: ['dev'], services: [], implicit: false }] } as unknown as ScanResult['project'] };
    if (result.findings[0]) result.findings[0].suggestions = ['a\nb'];
    const text = json(result, ctx);
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    const parsed = JSON.parse(text) as { findings: { message: string; category: string }[]; projects: { name: string }[] };
    expect(parsed.findings.map((f) => f.message)).toEqual(result.findings.map((f) => f.message));
    expect(parsed.projects[0]?.name).toBe('p "findings": []');
    expect([...jsonChunks(result, ctx)].length).toBe(n === 0 ? 1 : 2 + Math.ceil(n / 500));
  });
});

describe('junit', () => {
  it('parses as XML and follows testsuites/testsuite/testcase/failure', () => {
    const xml = golden('scan.junit.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);
    const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string; testcase: Record<string, unknown>[] }[];
    expect(Number(doc.testsuites.tests)).toBe(suites.reduce((n, s) => n + s.testcase.length, 0));
    // golden is --fail-on never: no failures, every finding in system-out
    expect(Number(doc.testsuites.failures)).toBe(0);
    const relative = suites.find((s) => s.name === 'slo-relative-criterion');
    expect(relative?.testcase[0]).toMatchObject({ name: 'keptn/sockshop/carts/slo.yaml', classname: 'keptn-migrate.slo-relative-criterion', file: 'keptn/sockshop/carts/slo.yaml' });
  });

  it('fails testcases at or above --fail-on, one testcase per rule and file', async () => {
    const input = path.join(ROOT, 'fixtures/report/input');
    const r = await cli(['scan', '-f', 'junit', '--fail-on', 'warning'], { cwd: input });
    expect(r.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(r.stdout);
    const cases = (doc.testsuites.testsuite as { testcase: { name: string; classname: string; failure?: { type: string } }[] }[]).flatMap((s) => s.testcase);
    const keys = cases.map((c) => `${c.classname} ${c.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const failed = cases.filter((c) => c.failure);
    expect(failed.length).toBeGreaterThan(5);
    expect(new Set(failed.map((c) => c.failure?.type))).toEqual(new Set(['blocker', 'warning']));
    expect(Number(doc.testsuites.failures)).toBe(failed.length);
  });

  it('keeps XML well-formed for control characters, markup and quotes in messages', () => {
    const xml = junit(fakeResult(2, 'blocker', 'a <b> & "c" \u0001 \'d\' ]]>'), { color: false, toolVersion: '1', failOn: 'blocker' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(JSON.stringify(doc)).toContain('a <b> & \\"c\\"');
  });
});

describe('github', () => {
  it('escapes data and properties like @actions/core', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const out = renderGithub(fakeResult(1, 'blocker', 'line1\nline2 100%'), { color: false, toolVersion: '1', failOn: 'blocker' }, { pathPrefix: 'sub dir' });
    expect(out.split('\n')[0]).toBe('::error file=sub dir/keptn/f0.yaml,line=1,endLine=1,col=1,endColumn=5,title=keptn-migrate slo-relative-criterion::line1%0Aline2 100%25 0');
  });

  it('stays within 10 annotations per type and 50 per job, and says how many were left out', () => {
    const blockers = fakeResult(37, 'blocker').findings;
    const warnings = fakeResult(12, 'warning').findings;
    const info = fakeResult(3, 'info').findings;
    const result = { ...fakeResult(0), findings: [...info, ...warnings, ...blockers] };
    const out = renderGithub(result, { color: false, toolVersion: '1', failOn: 'blocker' });
    const lines = out.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(10);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(10);
    expect(lines.filter((l) => l.startsWith('::notice ')).length).toBe(3);
    expect(out).toContain('keptn-migrate: 29 more not shown as annotations (27 blockers, 2 warnings)');
    expect(lines.findIndex((l) => l.startsWith('::warning '))).toBeGreaterThan(lines.findIndex((l) => l.startsWith('::error ')));
    const capped = renderGithub(result, { color: false, toolVersion: '1', failOn: 'blocker' }, { perType: 40, perJob: 50 });
    expect(capped.split('\n').filter((l) => l.startsWith('::')).length).toBe(50);
  });

  it('writes the Markdown summary to $GITHUB_STEP_SUMMARY (appending)', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'km-gh-'));
    const summary = path.join(tmp, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const input = path.join(ROOT, 'fixtures/report/input');
    const r = await cli(['scan', '-f', 'github'], { cwd: input, env: { GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: path.dirname(input) } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=input\/keptn\//m);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## Keptn migration readiness: ')).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
  });
});

describe('gitlab', () => {
  it('is Code Quality JSON with unique fingerprints and the documented fields', () => {
    const issues = JSON.parse(golden('scan.gitlab.json')) as Record<string, unknown>[];
    expect(issues.length).toBeGreaterThan(10);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    for (const i of issues) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['description', 'check_name', 'fingerprint', 'severity', 'location']));
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      const loc = i.location as { path: string; lines: { begin: number } };
      expect(loc.lines.begin).toBeGreaterThanOrEqual(1);
      expect(existsSync(path.join(ROOT, 'fixtures/report/input', loc.path))).toBe(true);
    }
  });
});

describe('markdown', () => {
  const report = JSON.parse(golden('report.json')) as ReadinessReport;

  it('fits a GitHub comment and collapses long sections', () => {
    const md = golden('report.md');
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain('<details>');
    expect(md).toMatch(/Readiness per stage and service/);
    expect(md).toMatch(/Quality-gate fidelity/);
    expect(md).toMatch(/Migration plan/);
  });

  it('cuts rows (info first) to stay within a smaller budget and says so', () => {
    const md = renderMarkdown(report, { maxBytes: 12_000, fullReportHint: 'see the HTML report' });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(12_000);
    expect(md).toMatch(/more info findings? not shown: see the HTML report/);
    expect(md).toContain('Blockers: need a decision');
    const tiny = renderMarkdown(report, { maxBytes: 2_000 });
    expect(Buffer.byteLength(tiny)).toBeLessThanOrEqual(2_000);
  });

  it('escapes markup in messages', () => {
    const md = golden('report.md');
    expect(md.split('<version>').join('')).not.toMatch(/<(?!\/?(details|summary|sub)>)[a-z]/);
  });
});

describe('report --merge', () => {
  it('aggregates per-repository JSON reports into one organisation-wide report', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'km-merge-'));
    const a = golden('report.json');
    const b = JSON.parse(a) as ReadinessReport;
    b.repositories[0]!.name = 'payments';
    writeFileSync(path.join(tmp, 'a.json'), a);
    writeFileSync(path.join(tmp, 'b.json'), JSON.stringify(b));
    writeFileSync(path.join(tmp, 'c.json'), a);
    const r = await cli(['report', '--merge', 'a.json', 'b.json', 'c.json', '-f', 'json'], { cwd: tmp });
    expect(r.code).toBe(0);
    const merged = JSON.parse(r.stdout) as ReadinessReport;
    const one = parseReport(a, 'a.json');
    expect(merged.repositories.map((x) => x.name)).toEqual(['sockshop-platform', 'payments', 'sockshop-platform (2)']);
    expect(merged.counts.findings).toBe(3 * one.counts.findings);
    expect(merged.counts.readiness).toBe(one.counts.readiness);
    expect(merged.plan.filter((s) => s.app !== '').length).toBe(3 * one.plan.filter((s) => s.app !== '').length);
    expect(merged).toEqual(mergeReports([one, b, one], merged.tool.version));
    const html = await cli(['report', '--merge', 'a.json', 'b.json', '-o', 'org.html'], { cwd: tmp });
    expect(html.code).toBe(0);
    expect(readFileSync(path.join(tmp, 'org.html'), 'utf8')).toContain('Keptn migration readiness: 2 repositories');
  });

  it('rejects what is not a readiness report, naming the file', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'km-merge-'));
    writeFileSync(path.join(tmp, 'scan.json'), golden('scan.json'));
    const r = await cli(['report', '--merge', 'scan.json'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scan.json is not a keptn-migrate readiness report');
  });
});

/**
 * The validator's SARIF2006 (UrisShouldBeReachable, a note) resolves and fetches every URI in the log; this machine has
 * no network, so it is turned off: the test stays offline (no DNS lookup at all, checked with strace) and fast.
 */
const OFFLINE_POLICY = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`;

function validateArgs(dir: string, input: string, out: string): string[] {
  const policy = path.join(dir, 'offline.xml');
  writeFileSync(policy, OFFLINE_POLICY);
  return ['validate', input, '--output', out, '--config', policy, '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning', '--kind', 'Fail', '--log', 'ForceOverwrite'];
}

describe('sarif', () => {
  const require = createRequire(import.meta.url);
  let tool: string | undefined;
  try {
    tool = require('@microsoft/sarif-multitool') as string;
  } catch {
    tool = undefined;
  }

  it.skipIf(!tool || !existsSync(tool))('passes sarif-multitool validate with no error or warning (SARIF and GitHub rules)', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'km-sarif-'));
    const input = path.join(tmp, 'keptn-migrate.sarif');
    writeFileSync(input, golden('scan.sarif'));
    const out = path.join(tmp, 'validation.sarif');
    // the binary directly: the package's bin.js runs it through a shell, which splits the ;-separated lists
    const run = spawnSync(tool as string, validateArgs(tmp, input, out), {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      timeout: 120_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const log = JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as { runs: { results?: { ruleId: string; level: string; message: unknown }[] }[] };
    const problems = (log.runs[0]?.results ?? []).filter((r) => r.level === 'error' || r.level === 'warning');
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  }, 150_000);

  it.skipIf(!tool || !existsSync(tool))('the validator does catch a broken file (the check is not vacuous)', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'km-sarif-'));
    const bad = JSON.parse(golden('scan.sarif'));
    bad.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    const input = path.join(tmp, 'bad.sarif');
    writeFileSync(input, JSON.stringify(bad));
    const out = path.join(tmp, 'validation.sarif');
    spawnSync(tool as string, validateArgs(tmp, input, out), { encoding: 'utf8', timeout: 120_000 });
    const log = JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as { runs: { results?: { level: string }[] }[] };
    expect((log.runs[0]?.results ?? []).filter((r) => r.level === 'error').length).toBeGreaterThan(0);
  }, 150_000);

  it('reports why when the validator cannot run here', () => {
    if (!tool || !existsSync(tool)) console.warn('sarif-multitool is not installed for this platform: the SARIF validation tests were skipped');
    expect(true).toBe(true);
  });
});
