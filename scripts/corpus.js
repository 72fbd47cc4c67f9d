// Scans ../shared/corpus/keptn-v1 in place and prints: counts by document kind and by rule, any Keptn v1 file that was
// not recognised, how every quality gate converts (exact / with a loss, and why), how job-executor and webhook configs
// convert, and `migrate --write` run twice over a copy of each project. Run with `npm run corpus` (it builds first).
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../dist/engine/scan.js';
import { parseProvenance, unclassified } from '../dist/corpus/expectations.js';
import { gateCorpusStats, migrateEachProject } from '../dist/corpus/gate-stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, process.argv[2] ?? '../shared/corpus/keptn-v1');
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus} (it lives in ../shared beside the clone)`);
  process.exit(2);
}
const table = (title, counts) => {
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(v).padStart(6)}  ${k}`);
};

const started = performance.now();
const result = await scan({ paths: ['.'], cwd: corpus });
console.log(`scanned ${result.stats.files} files, ${result.stats.documents} documents in ${(performance.now() - started).toFixed(0)} ms; ${result.findings.length} findings; ${result.failures.length} rule crashes`);
table('documents by kind', result.stats.kinds);
const byRule = {};
const bySeverity = {};
for (const f of result.findings) {
  byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
}
table('findings by severity', bySeverity);
table('findings by rule', byRule);
const provenance = path.join(corpus, 'PROVENANCE.tsv');
let failed = result.failures.length > 0;
if (existsSync(provenance)) {
  const missing = unclassified(parseProvenance(readFileSync(provenance, 'utf8')), result);
  console.log(`\nKeptn v1 files not recognised: ${missing.length}`);
  for (const m of missing) console.log(`  ${m.row.kind}\t${m.row.localPath}\t(${m.saw})`);
  failed ||= missing.length > 0;
}

const gates = await gateCorpusStats(corpus);
console.log(`\nquality gates: ${gates.slos} slo.yaml, ${gates.objectives} scored objectives: ${gates.exact} converted exactly, ${gates.withLoss} with a recorded loss; ${gates.informative} informative objectives left out of the score`);
console.log(`  ${gates.templates} AnalysisValueTemplates, ${gates.definitions} AnalysisDefinitions; unexplained verify differences: ${gates.unexplained.length}; invalid resources (3 targets): ${gates.invalid.length}`);
table('quality-gate losses by reason', gates.reasons);
failed ||= gates.unexplained.length > 0 || gates.invalid.length > 0;

for (const mod of ['../dist/tasks/corpus-stats.js', '../dist/day2/corpus-stats.js']) {
  if (!existsSync(path.join(root, 'dist', mod.replace('../dist/', '')))) continue;
  const m = await import(mod);
  for (const [name, fn] of Object.entries(m)) {
    if (typeof fn === 'function' && /^format/.test(name)) {
      const statsFn = m[name.replace(/^format/, '').replace(/^./, (c) => c.toLowerCase())];
      if (typeof statsFn === 'function') console.log('\n' + fn(await statsFn(corpus)));
    }
  }
}

const runs = await migrateEachProject(corpus, (dir) => {
  const target = path.join(mkdtempSync(path.join(tmpdir(), 'km-corpus-')), path.basename(dir));
  cpSync(dir, target, { recursive: true });
  return target;
});
console.log(`\nmigrate --write over a copy of each project: ${runs.succeeded}/${runs.projects} succeeded and a second run changed nothing; ${runs.created} files created, ${runs.modified} edited`);
for (const f of runs.failures) console.log(`  failed: ${f}`);
for (const f of runs.secondRunChanges) console.log(`  second run changed: ${f}`);
failed ||= runs.failures.length > 0 || runs.secondRunChanges.length > 0;
process.exitCode = failed ? 1 : 0;
