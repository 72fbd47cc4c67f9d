import type { ScanResult } from '../engine/scan.js';

/** What keptn-migrate must recognise each PROVENANCE.tsv kind of ../shared/corpus/keptn-v1 as. */
export const EXPECTED_KIND: Record<string, { kind: string; variants?: string[]; alsoKinds?: string[] } | 'ci' | 'any'> = {
  shipyard: { kind: 'shipyard', variants: ['0.2', '0.2.0-alpha'] },
  'shipyard-0.1': { kind: 'shipyard', variants: ['0.1'] },
  slo: { kind: 'slo', variants: ['standard', 'dashboard-generated'] },
  'slo-pitometer': { kind: 'slo', variants: ['pitometer'] },
  sli: { kind: 'sli' },
  'sli-pitometer': { kind: 'sli', variants: ['pitometer'] },
  remediation: { kind: 'remediation', variants: ['0.1.4'] },
  'remediation-0.1': { kind: 'remediation', variants: ['legacy'] },
  job: { kind: 'job-config' },
  webhook: { kind: 'webhook-config' },
  'jmeter-conf': { kind: 'jmeter-conf', alsoKinds: ['locust-conf'] },
  'dynatrace-conf': { kind: 'dynatrace-conf' },
  'lighthouse-config': { kind: 'lighthouse-config' },
  'ci-api': 'ci',
  'ci-cli': 'ci',
  'other-keptn': 'any',
  kind: 'any',
  'project-file': 'any',
};

export interface ProvenanceRow {
  localPath: string;
  kind: string;
  detail: string;
}

export function parseProvenance(tsv: string): ProvenanceRow[] {
  const [header, ...rows] = tsv.split('\n').filter(Boolean);
  const cols = (header ?? '').split('\t');
  const at = (name: string) => cols.indexOf(name);
  return rows.map((r) => {
    const f = r.split('\t');
    return { localPath: f[at('local_path')] ?? '', kind: f[at('kind')] ?? '', detail: f[at('detail')] ?? '' };
  });
}

/** Rows whose file keptn-migrate did not recognise as the expected Keptn v1 kind, with what it saw instead. */
export function unclassified(rows: ProvenanceRow[], result: ScanResult): { row: ProvenanceRow; saw: string }[] {
  const byPath = new Map<string, { kinds: string[]; variants: string[]; sniffed?: string }>();
  const variants = collectVariants(result);
  for (const f of result.project.files) byPath.set(f.file.relPath, { kinds: f.kinds, variants: variants.get(f.file.relPath) ?? [], sniffed: f.sniffed });
  const ciFiles = new Set(result.project.ciUsages.map((u) => u.file.relPath));
  const out: { row: ProvenanceRow; saw: string }[] = [];
  for (const row of rows) {
    const expected = EXPECTED_KIND[row.kind];
    if (!expected || expected === 'any') continue;
    const seen = byPath.get(row.localPath);
    if (expected === 'ci') {
      if (!ciFiles.has(row.localPath)) out.push({ row, saw: seen ? `kinds ${seen.kinds.join(',') || 'none'}, no keptn usage` : 'not read' });
      continue;
    }
    if (!seen) {
      out.push({ row, saw: 'not read' });
      continue;
    }
    if (seen.sniffed === expected.kind) continue;
    if (expected.alsoKinds?.some((k) => seen.kinds.includes(k))) continue;
    const ok = seen.kinds.includes(expected.kind) && (!expected.variants || seen.variants.some((v) => expected.variants?.includes(v)));
    if (!ok) out.push({ row, saw: `kinds ${seen.kinds.join(',') || 'none'} variants ${seen.variants.join(',')}` });
  }
  return out;
}

function collectVariants(result: ScanResult): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const add = (path: string, v: string) => m.set(path, [...(m.get(path) ?? []), v]);
  const p = result.project;
  for (const s of p.shipyards) add(s.src.file.relPath, s.version);
  for (const s of p.slos) add(s.src.file.relPath, s.variant);
  for (const s of p.slis) if (s.pitometer) add(s.src.file.relPath, 'pitometer');
  for (const r of p.remediations) add(r.src.file.relPath, r.version);
  return m;
}
