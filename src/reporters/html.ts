import { CATEGORIES } from '../engine/rule.js';
import { visible } from '../core/visible-text.js';
import { scopeLabel, verdictText } from './markdown.js';
import { RULE_DOCS_BASE } from './sarif.js';
import { PHASES } from './report/counts.js';
import type { AppReport, ReadinessReport, ReportFinding, RuleInfo, ScopeCounts } from './report/model.js';

/**
 * The readiness report as one self-contained HTML file: no external resource (a CSP forbids them), charts as inline
 * SVG, a findings table filtered by a few lines of inline script, print styles. Deterministic: the same report gives
 * the same bytes.
 */
export function renderHtml(report: ReadinessReport): string {
  const c = report.counts;
  const repos = report.repositories;
  const multi = repos.length > 1;
  const title = multi ? `Keptn migration readiness: ${repos.length} repositories` : `Keptn migration readiness: ${repos[0]?.name ?? ''}`;
  const body: string[] = [];
  body.push(
    `<header><div class="score ${scoreClass(c.readiness)}" data-testid="score"><span>${c.readiness}</span><small>/100</small></div>`,
    `<div><h1>${e(title)}</h1>`,
    `<p class="lead">${c.apps} ${plural(c.apps, 'application')} in ${repos.length} ${plural(repos.length, 'repository', 'repositories')} · ${c.files} files · ` +
      `<b class="sev-blocker">${c.blocker} ${plural(c.blocker, 'blocker')}</b> · <b class="sev-warning">${c.warning} ${plural(c.warning, 'warning')}</b> · ` +
      `<b class="sev-info">${c.info} info</b> · ${c.manualEffort} story points of manual work (${c.effort} in all)${c.suppressed ? ` · ${c.suppressed} suppressed` : ''}</p>`,
    `<p class="formula">${e(report.readinessFormula)}<br>Effort: ${e(report.effortScale)}.</p></div></header>`,
  );
  body.push('<nav class="toc"><a href="#charts">Charts</a><a href="#apps">Applications</a><a href="#plan">Migration plan</a><a href="#fidelity">Quality gates</a><a href="#findings">Findings</a><a href="#rules">Rules</a></nav>');

  body.push('<section id="charts"><h2>At a glance</h2><div class="charts">');
  body.push(figure('Findings by category and severity', categoryChart(report), 'chart-categories'));
  body.push(figure('Readiness per service', readinessChart(report), 'chart-readiness'));
  body.push(figure('Manual effort per stage (story points of blockers and warnings)', stageChart(report), 'chart-stages'));
  body.push('</div></section>');

  body.push('<section id="apps"><h2>Applications</h2>');
  for (const repo of repos) {
    if (multi) body.push(`<h3 class="repo">${e(repo.name)} <small>${repo.counts.files} files · readiness ${repo.counts.readiness}</small></h3>`);
    for (const a of repo.apps) body.push(appSection(a, multi ? repo.name : undefined));
    if (repo.errors.length) body.push(`<p class="error">Internal errors (the report is incomplete): ${repo.errors.map((x) => `${e(x.ruleId)}: ${e(x.error)}`).join('; ')}</p>`);
  }
  body.push('</section>');

  body.push('<section id="plan"><h2>Migration plan</h2>');
  body.push(
    `<p>One application at a time, in this order; inside each application: ${PHASES.map((p) => `<b>${e(p.id)}</b>`).join(' → ')}; each stage in promotion order (dev first, production last) once the phase works in the stage before.</p>`,
  );
  body.push('<ol class="plan">');
  for (const step of report.plan) {
    const name = step.app ? e(step.app) : '<i>outside any project</i>';
    body.push(`<li><h3>${multi ? `${e(step.repository)}: ` : ''}${name} <small>readiness ${step.readiness} · ${step.manualEffort} story points</small></h3><p class="why">${e(step.reason)}</p><ol class="phases">`);
    for (const ph of step.phases) {
      const rules = ph.rules.map((r) => `<a href="#rule-${e(r.ruleId)}"><code>${e(r.ruleId)}</code></a> ×${r.count}`).join(', ');
      body.push(
        `<li class="${ph.counts.findings === 0 ? 'empty' : ''}"><b>${e(ph.title)}</b>: ${ph.counts.blocker} blockers, ${ph.counts.warning} warnings, ${ph.counts.info} info, ${ph.counts.manualEffort} story points${rules ? `<br><span class="rules">${rules}</span>` : ''}</li>`,
      );
    }
    body.push('</ol>');
    if (step.stages.length) {
      body.push(
        `<p class="rollout">Roll out: ${step.stages.map((s) => `<span class="stage ${s.blocker ? 'blocked' : ''}">${e(s.stage)}${s.blocker ? ` <small>${s.blocker} ${plural(s.blocker, 'blocker')}</small>` : ''}</span>`).join(' → ')}</p>`,
      );
    }
    if (step.shares.length) body.push(`<p class="shares">Shares: ${step.shares.map(e).join(', ')}</p>`);
    body.push('</li>');
  }
  body.push('</ol></section>');

  body.push(fidelitySection(report));
  body.push(findingsSection(report));
  body.push(rulesSection(repos.flatMap((r) => r.rules)));
  const skipped = repos.flatMap((r) => r.skipped.map((s) => ({ repo: r.name, ...s })));
  if (skipped.length) {
    body.push(`<section id="skipped"><h2>Skipped (${skipped.length})</h2><ul>${skipped.map((s) => `<li><code>${multi ? `${e(s.repo)}: ` : ''}${e(s.file)}</code>: ${e(s.reason)}</li>`).join('')}</ul></section>`);
  }
  body.push(`<footer>keptn-migrate ${e(report.tool.version)} · readiness report format ${report.formatVersion}</footer>`);

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${e(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function appSection(a: AppReport, repo: string | undefined): string {
  const out: string[] = [];
  const name = a.implicit ? 'Outside any Keptn project' : a.app;
  out.push(`<article class="app" id="app-${e(slug(`${repo ?? ''}-${a.app || 'outside'}`))}">`);
  out.push(
    `<h3>${e(name)} ${a.implicit ? '' : `<small>Keptn v1 project ${e(a.project)}${a.dir ? ` in <code>${e(a.dir)}</code>` : ''}</small>`}<span class="badge ${scoreClass(a.counts.readiness)}">${a.counts.readiness}</span></h3>`,
  );
  out.push('<table class="scopes"><thead><tr><th>scope</th><th>readiness</th><th>blockers</th><th>warnings</th><th>info</th><th>manual effort</th><th>effort</th></tr></thead><tbody>');
  out.push(scopeRow('application', { name: 'all', ...a.counts }, true));
  for (const s of a.byStage) out.push(scopeRow('stage', s));
  for (const s of a.byService) out.push(scopeRow('service', s));
  out.push('</tbody></table>');
  if (a.decisions.length) {
    out.push(`<p><b>Needs a decision:</b> ${a.decisions.map((d) => `<a href="#rule-${e(d.ruleId)}"><code>${e(d.ruleId)}</code></a> ×${d.count}`).join(', ')}</p>`);
  }
  if (a.automatic) {
    const created = Object.entries(a.automatic.created);
    const parts: string[] = [];
    if (created.length) parts.push(`generates ${created.map(([k, n]) => `${n} ${e(k)}`).join(', ')}`);
    if (a.automatic.modified.length) parts.push(`annotates ${a.automatic.modified.map((m) => `<code>${e(m)}</code>`).join(', ')}`);
    if (a.automatic.losses) parts.push(`records ${a.automatic.losses} ${plural(a.automatic.losses, 'loss', 'losses')}`);
    if (a.automatic.manualSteps) parts.push(`leaves ${a.automatic.manualSteps} manual ${plural(a.automatic.manualSteps, 'step')}`);
    out.push(`<p><b>Converted automatically</b> (<code>keptn-migrate migrate</code>): ${parts.length ? parts.join('; ') : 'nothing'}.</p>`);
  }
  out.push('</article>');
  return out.join('\n');
}

function scopeRow(kind: string, s: ScopeCounts, strong = false): string {
  const scope = kind === 'stage' || kind === 'service' ? scopeLabel(kind, s.name) : '';
  const label = kind === 'application' ? '<b>application</b>' : scope.startsWith(`${kind} `) ? `${kind} <b>${e(s.name)}</b>` : `<i>${e(scope)}</i>`;
  return `<tr class="${strong ? 'total' : ''}"><td>${label}</td><td><span class="bar"><span class="${scoreClass(s.readiness)}" style="width:${s.readiness}%"></span></span> ${s.readiness}</td><td>${s.blocker}</td><td>${s.warning}</td><td>${s.info}</td><td>${s.manualEffort}</td><td>${s.effort}</td></tr>`;
}

function fidelitySection(report: ReadinessReport): string {
  const rows = report.repositories.flatMap((r) => r.fidelity.map((f) => ({ repo: r.name, f })));
  const out = ['<section id="fidelity"><h2>Quality-gate fidelity</h2>'];
  if (rows.length === 0) {
    out.push('<p>No slo.yaml to translate.</p></section>');
    return out.join('\n');
  }
  const exact = rows.filter((r) => r.f.exact).length;
  out.push(
    `<p>${exact} of ${rows.length} objectives and total scores keep Keptn v1's verdicts exactly in KLT. keptn-migrate evaluated every boundary value (and the values between) with Keptn v1's algorithm and with KLT's; <i>checked</i> counts those values.</p>`,
  );
  out.push('<table class="fidelity"><thead><tr><th>application</th><th>AnalysisDefinition</th><th>objective</th><th>KLT target</th><th>verdicts</th><th>what is lost</th></tr></thead><tbody>');
  for (const { repo, f } of rows) {
    const target = f.target ? e(f.target) : [f.failure && `fail: ${f.failure}`, f.warning && `warn: ${f.warning}`].filter(Boolean).map((x) => e(x as string)).join('<br>');
    const verdict = f.exact ? `<span class="ok">exact</span> <small>${f.checked} values checked</small>` : verdictText(f, (x) => `<span class="lossy">${x}</span>`, e);
    out.push(
      `<tr><td>${report.repositories.length > 1 ? `${e(repo)}: ` : ''}${e(f.app)}</td><td>${e(f.definition)}<br><small><code>${e(f.source)}</code> · ${e(f.scopes.join('; '))}</small></td><td>${e(f.objective)}</td><td>${target}</td><td>${verdict}</td><td>${f.losses.map(e).join('<br>') || '—'}</td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function findingsSection(report: ReadinessReport): string {
  const multi = report.repositories.length > 1;
  const rank = { blocker: 0, warning: 1, info: 2 } as const;
  // blockers first; inside a severity the findings keep their file and line order
  const all = report.repositories.flatMap((r) => r.findings.map((f) => ({ repo: r.name, f }))).sort((a, b) => rank[a.f.severity] - rank[b.f.severity]);
  const cats = [...new Set(all.map((x) => x.f.category))].sort((a, b) => catRank(a) - catRank(b));
  const apps = [...new Set(all.map((x) => appKey(x.repo, x.f, multi)))].sort();
  const out = [`<section id="findings"><h2>Findings</h2>`];
  out.push('<form class="filters" id="filters" onsubmit="return false">');
  for (const s of ['blocker', 'warning', 'info']) {
    out.push(`<label class="chip sev-${s}"><input type="checkbox" name="severity" value="${s}" checked> ${s} <small>${all.filter((x) => x.f.severity === s).length}</small></label>`);
  }
  out.push(`<label>category <select name="category"><option value="">all</option>${cats.map((c) => `<option>${e(c)}</option>`).join('')}</select></label>`);
  out.push(`<label>application <select name="app"><option value="">all</option>${apps.map((a) => `<option value="${e(a)}">${e(a || 'outside any project')}</option>`).join('')}</select></label>`);
  out.push('<label>search <input type="search" name="q" placeholder="rule, file or text"></label>');
  out.push(`<output id="shown" aria-live="polite">${all.length} of ${all.length} findings</output>`);
  out.push('</form>');
  out.push('<table class="findings" id="findings-table"><thead><tr><th>severity</th><th>rule</th><th>location</th><th>message</th></tr></thead><tbody>');
  for (const { repo, f } of all) {
    const loc = `${multi ? `${repo}: ` : ''}${f.file}:${f.line}:${f.column}`;
    const search = `${f.ruleId} ${loc} ${f.message} ${f.app} ${f.stage ?? ''} ${f.service ?? ''}`.toLowerCase();
    const scope = [f.app && `app ${f.app}`, f.stage && `stage ${f.stage}`, f.service && `service ${f.service}`].filter(Boolean).join(' · ');
    out.push(
      `<tr data-severity="${f.severity}" data-category="${e(f.category)}" data-app="${e(appKey(repo, f, multi))}" data-search="${e(search)}">` +
        `<td><span class="sev sev-${f.severity}">${f.severity}</span></td>` +
        `<td><a href="${e(RULE_DOCS_BASE + f.ruleId)}.md" title="rule documentation"><code>${e(f.ruleId)}</code></a><br><small>${e(f.category)} · ${f.effort} ${plural(f.effort, 'point')}</small></td>` +
        `<td><code>${e(loc)}</code>${scope ? `<br><small>${e(scope)}</small>` : ''}</td>` +
        `<td>${e(f.message)}${snippet(f)}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  out.push(`<p id="no-match" hidden>No finding matches the filter.</p></section>`);
  return out.join('\n');
}

function appKey(repo: string, f: ReportFinding, multi: boolean): string {
  return multi ? `${repo}/${f.app}` : f.app;
}

function snippet(f: ReportFinding): string {
  if (!f.snippet) return '';
  const last = f.snippet.startLine + f.snippet.lines.length - 1;
  const width = String(last).length;
  const lines = f.snippet.lines.map((text, i) => {
    const n = f.snippet!.startLine + i;
    const hit = n >= f.line && n <= Math.max(f.line, f.endLine);
    return `<span class="ln${hit ? ' hit' : ''}"><span class="no">${String(n).padStart(width)}</span> ${e(text)}</span>`;
  });
  return `<details class="code"><summary>${e(f.file)}:${f.line}</summary><pre><code>${lines.join('\n')}</code></pre></details>`;
}

function rulesSection(rules: RuleInfo[]): string {
  const unique = [...new Map(rules.map((r) => [r.id, r])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const out = ['<section id="rules"><h2>Rules that fired</h2><dl class="rules">'];
  for (const r of unique) {
    out.push(
      `<dt id="rule-${e(r.id)}"><a href="${e(r.docs)}"><code>${e(r.id)}</code></a> <span class="sev sev-${r.severity}">${r.severity}</span> <small>${e(r.category)} · ${r.effort} ${plural(r.effort, 'story point')}</small></dt>` +
        `<dd><p>${escapeHtml(r.description)}</p><p><b>Why:</b> ${escapeHtml(r.why)}</p><p><b>What to do:</b> ${escapeHtml(r.instead)}</p></dd>`,
    );
  }
  out.push('</dl></section>');
  return out.join('\n');
}

// ---- charts (inline SVG) ----

const COLORS = { blocker: '#c62828', warning: '#ef8f00', info: '#1e6fd9' } as const;

function figure(caption: string, svg: string, id: string): string {
  return `<figure id="${id}">${svg}<figcaption>${e(caption)}</figcaption></figure>`;
}

function categoryChart(report: ReadinessReport): string {
  const rows = [...report.byCategory].sort((a, b) => catRank(a.category) - catRank(b.category));
  if (rows.length === 0) return emptyChart('no findings');
  const labelW = 120;
  const barW = 230;
  const rowH = 22;
  const max = Math.max(...rows.map((r) => r.blocker + r.warning + r.info));
  const h = rows.length * rowH + 30;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    let x = labelW;
    parts.push(`<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${e(r.category)}</text>`);
    for (const sev of ['blocker', 'warning', 'info'] as const) {
      const w = round((r[sev] / max) * barW);
      if (w > 0) parts.push(`<rect class="bar-${sev}" x="${round(x)}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${COLORS[sev]}"><title>${e(r.category)}: ${r[sev]} ${sev}</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${round(x) + 4}" y="${y + 14}" class="num">${r.blocker + r.warning + r.info}</text>`);
  });
  parts.push(legend(labelW, rows.length * rowH + 14));
  return svg(labelW + barW + 40, h, 'Findings by category and severity', parts);
}

function readinessChart(report: ReadinessReport): string {
  const multi = report.repositories.length > 1;
  const rows: { label: string; value: number; findings: number }[] = [];
  for (const repo of report.repositories) {
    for (const a of repo.apps.filter((x) => !x.implicit)) {
      const prefix = `${multi ? `${repo.name}/` : ''}${a.app}`;
      if (a.byService.length === 0) rows.push({ label: prefix, value: a.counts.readiness, findings: a.counts.findings });
      for (const s of a.byService) rows.push({ label: s.name === '(no service)' ? `${prefix} (project level)` : `${prefix}/${s.name}`, value: s.readiness, findings: s.findings });
    }
  }
  if (rows.length === 0) return emptyChart('no application');
  const shown = rows.slice(0, 30);
  const labelW = 170;
  const barW = 190;
  const rowH = 22;
  const parts: string[] = [];
  shown.forEach((r, i) => {
    const y = i * rowH + 4;
    const w = round((r.value / 100) * barW);
    parts.push(`<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${e(clip(r.label, 26))}<title>${e(r.label)}</title></text>`);
    parts.push(`<rect x="${labelW}" y="${y + 3}" width="${barW}" height="${rowH - 8}" fill="#eceff3"/>`);
    parts.push(`<rect class="bar-readiness" x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${scoreColor(r.value)}"><title>${e(r.label)}: readiness ${r.value} (${r.findings} findings)</title></rect>`);
    parts.push(`<text x="${labelW + barW + 4}" y="${y + 14}" class="num">${r.value}</text>`);
  });
  if (rows.length > shown.length) parts.push(`<text x="${labelW}" y="${shown.length * rowH + 16}">… ${rows.length - shown.length} more</text>`);
  return svg(labelW + barW + 36, shown.length * rowH + (rows.length > shown.length ? 26 : 8), 'Readiness per service', parts);
}

function stageChart(report: ReadinessReport): string {
  const stages = report.byStage;
  if (stages.length === 0) return emptyChart('no stage');
  const findings = report.repositories.flatMap((r) => r.findings);
  const colW = 84;
  const chartH = 150;
  const left = 10;
  const top = 16;
  const data = stages.map((s) => {
    const own = findings.filter((f) => (f.stage ?? 'all stages') === s.name);
    const effort = (sev: 'blocker' | 'warning') => own.filter((f) => f.severity === sev).reduce((n, f) => n + f.effort, 0);
    return { name: s.name === 'all stages' ? 'project level' : s.name, blocker: effort('blocker'), warning: effort('warning') };
  });
  const max = Math.max(1, ...data.map((d) => d.blocker + d.warning));
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${top + chartH}" x2="${left + data.length * colW}" y2="${top + chartH}" stroke="#888"/>`);
  data.forEach((d, i) => {
    const x = left + i * colW + 14;
    const w = colW - 28;
    let y = top + chartH;
    for (const sev of ['blocker', 'warning'] as const) {
      const h = round((d[sev] / max) * chartH);
      if (h <= 0) continue;
      y -= h;
      parts.push(`<rect class="bar-stage bar-${sev}" x="${x}" y="${round(y)}" width="${w}" height="${h}" fill="${COLORS[sev]}"><title>${e(d.name)}: ${d[sev]} story points of ${sev}s</title></rect>`);
    }
    parts.push(`<text x="${x + w / 2}" y="${round(y) - 4}" text-anchor="middle" class="num">${d.blocker + d.warning}</text>`);
    parts.push(`<text x="${x + w / 2}" y="${top + chartH + 16}" text-anchor="middle">${e(clip(d.name, 13))}<title>${e(d.name)}</title></text>`);
  });
  parts.push(legend(left + 14, top + chartH + 36, ['blocker', 'warning']));
  return svg(left + Math.max(data.length * colW, 200) + 10, top + chartH + 44, 'Manual effort per stage', parts);
}

function legend(x: number, y: number, which: readonly ('blocker' | 'warning' | 'info')[] = ['blocker', 'warning', 'info']): string {
  return which
    .map((s, i) => `<rect x="${x + i * 80}" y="${y - 9}" width="10" height="10" fill="${COLORS[s]}"/><text x="${x + i * 80 + 14}" y="${y}">${s}</text>`)
    .join('');
}

function svg(width: number, height: number, label: string, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${e(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

function emptyChart(text: string): string {
  return svg(200, 40, text, [`<text x="10" y="24">${e(text)}</text>`]);
}

// ---- helpers ----

function catRank(c: string): number {
  const i = (CATEGORIES as readonly string[]).indexOf(c);
  return i === -1 ? 999 : i;
}

function scoreClass(v: number): string {
  return v >= 80 ? 'good' : v >= 50 ? 'fair' : 'poor';
}

function scoreColor(v: number): string {
  return v >= 80 ? '#2e7d32' : v >= 50 ? '#ef8f00' : '#c62828';
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return n === 1 ? word : pluralWord;
}

/** HTML text and attribute escaping, for text from the repository: what a reader would not see is shown as escapes */
export function e(s: string): string {
  return escapeHtml(visible(s));
}

/** HTML escaping only, for keptn-migrate's own text (rule documentation, whose line breaks are layout) */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
:root{--fg:#1d2330;--muted:#5c6675;--line:#dfe3ea;--bg:#fff;--soft:#f6f7f9;--blocker:#c62828;--warning:#b86e00;--info:#1e6fd9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:24px}
header{display:flex;gap:24px;align-items:center;border-bottom:1px solid var(--line);padding-bottom:16px}
h1{font-size:24px;margin:0 0 6px}h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:18px 0 6px}
h3 small,h1 small{font-weight:normal;color:var(--muted);font-size:13px}
.score{min-width:110px;height:110px;border-radius:55px;display:flex;align-items:center;justify-content:center;color:#fff;font-weight:700}
.score span{font-size:40px}.score small{font-size:14px;opacity:.85;margin-left:2px}
.score.good,.badge.good,.bar .good{background:#2e7d32}.score.fair,.badge.fair,.bar .fair{background:#ef8f00}.score.poor,.badge.poor,.bar .poor{background:#c62828}
.badge{display:inline-block;margin-left:8px;color:#fff;border-radius:10px;padding:0 8px;font-size:13px;vertical-align:middle}
.lead{margin:0 0 6px}.formula{margin:0;color:var(--muted);font-size:12px;max-width:800px}
.toc{display:flex;gap:16px;margin:12px 0;flex-wrap:wrap}.toc a{color:var(--info);text-decoration:none}
.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
figure{margin:0;padding:12px;border:1px solid var(--line);border-radius:6px;background:var(--soft)}
figcaption{font-size:12px;color:var(--muted);margin-top:4px;text-align:center}
svg text{font:11px system-ui,sans-serif;fill:var(--fg)}svg .num{fill:var(--muted)}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}tr.total td{font-weight:600}
.scopes td:nth-child(n+2),.scopes th:nth-child(n+2){text-align:right}
.bar{display:inline-block;width:70px;height:8px;background:#eceff3;border-radius:4px;overflow:hidden;vertical-align:middle}.bar span{display:block;height:100%;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.sev{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px}
.sev.sev-blocker{background:var(--blocker)}.sev.sev-warning{background:#ef8f00}.sev.sev-info{background:var(--info)}
b.sev-blocker{color:var(--blocker)}b.sev-warning{color:var(--warning)}b.sev-info{color:var(--info)}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:10px;background:var(--soft);border:1px solid var(--line);border-radius:6px;position:sticky;top:0;z-index:1}
.chip{border:1px solid var(--line);border-radius:14px;padding:2px 10px;background:#fff}
.filters input[type=search]{width:220px;padding:3px 6px}
#shown{margin-left:auto;color:var(--muted)}
details.code summary{cursor:pointer;color:var(--muted);font-size:12px;margin-top:4px}
pre{background:#0f1720;color:#e6edf3;padding:8px 10px;border-radius:4px;overflow:auto;font-size:12px;line-height:1.4;margin:4px 0}
.ln{display:block}.ln.hit{background:#3b2a00}.no{color:#7d8590;user-select:none}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.plan>li{margin-bottom:14px}.phases li.empty{color:var(--muted)}.why,.shares{color:var(--muted);margin:2px 0}
.rollout .stage{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:1px 8px;background:#fff}.rollout .stage.blocked{border-color:var(--blocker)}
.ok{color:#2e7d32;font-weight:600}.lossy{color:var(--blocker);font-weight:600}
dl.rules dt{margin-top:14px;font-weight:600}dl.rules dd{margin:4px 0 0 0;color:#333}
.error{color:var(--blocker)}
footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media print{
  body{max-width:none;padding:0;font-size:11px}
  .toc,.filters,#no-match{display:none!important}
  h2{break-after:avoid}tr,figure,article,.plan>li,dt,dd{break-inside:avoid}
  a{color:inherit;text-decoration:none}
  pre{white-space:pre-wrap;background:#f4f4f4;color:#000;border:1px solid #ccc}.ln.hit{background:#ffe9a8}
  .score,.badge,.sev,svg rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  @page{margin:14mm}
}
`
  .trim()
  .replace(/\n\s*/g, '');

const SCRIPT = `
(function(){
  var form=document.getElementById('filters');if(!form)return;
  var rows=Array.prototype.slice.call(document.querySelectorAll('#findings-table tbody tr'));
  var shown=document.getElementById('shown');var none=document.getElementById('no-match');
  function apply(){
    var sev={};Array.prototype.forEach.call(form.querySelectorAll('input[name=severity]'),function(c){sev[c.value]=c.checked;});
    var cat=form.elements.category.value,app=form.elements.app.value,q=form.elements.q.value.trim().toLowerCase();
    var n=0;
    rows.forEach(function(r){
      var ok=sev[r.dataset.severity]&&(!cat||r.dataset.category===cat)&&(!app||r.dataset.app===app)&&(!q||r.dataset.search.indexOf(q)!==-1);
      r.hidden=!ok;if(ok)n++;
    });
    shown.textContent=n+' of '+rows.length+' findings';none.hidden=n!==0;
  }
  form.addEventListener('input',apply);form.addEventListener('change',apply);
  var opened=[];
  window.addEventListener('beforeprint',function(){opened=Array.prototype.filter.call(document.querySelectorAll('details'),function(d){return !d.open;});opened.forEach(function(d){d.open=true;});});
  window.addEventListener('afterprint',function(){opened.forEach(function(d){d.open=false;});opened=[];});
  apply();
})();
`.trim();
