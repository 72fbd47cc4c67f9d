// Scans ../shared/corpus/keptn-v1 in place and prints counts by document kind and by rule, and any Keptn v1
// file that was not recognised. Run with `npm run corpus` (it builds first).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../dist/engine/scan.js';
import { parseProvenance, unclassified } from '../dist/corpus/expectations.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, process.argv[2] ?? '../shared/corpus/keptn-v1');
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus} (it lives in ../shared beside the clone)`);
  process.exit(2);
}
const started = performance.now();
const result = await scan({ paths: ['.'], cwd: corpus });
const ms = performance.now() - started;
const table = (title, counts) => {
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(v).padStart(6)}  ${k}`);
};
console.log(`scanned ${result.stats.files} files, ${result.stats.documents} documents in ${ms.toFixed(0)} ms; ${result.findings.length} findings; ${result.failures.length} rule crashes`);
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
if (existsSync(provenance)) {
  const missing = unclassified(parseProvenance(readFileSync(provenance, 'utf8')), result);
  console.log(`\nKeptn v1 files not recognised: ${missing.length}`);
  for (const m of missing) console.log(`  ${m.row.kind}\t${m.row.localPath}\t(${m.saw})`);
}
for (const f of result.failures) console.log(`rule crash: ${f.ruleId}: ${f.error.split('\n')[0]}`);
process.exitCode = result.failures.length > 0 ? 1 : 0;
