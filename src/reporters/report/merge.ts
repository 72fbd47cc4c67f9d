import { finalizeReport } from './finalize.js';
import { REPORT_FORMAT_VERSION, REPORT_KIND, type ReadinessReport, type RepositoryReport } from './model.js';

export class MergeError extends Error {}

/** Reads one `report --format json` output; the error names the file and what is wrong. */
export function parseReport(text: string, name: string): ReadinessReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new MergeError(`--merge: ${name} is not JSON (${(e as Error).message})`);
  }
  const r = value as Partial<ReadinessReport>;
  if (!r || typeof r !== 'object' || r.kind !== REPORT_KIND) {
    throw new MergeError(`--merge: ${name} is not a keptn-migrate readiness report (expected "kind": "${REPORT_KIND}"; write it with \`report --format json\`)`);
  }
  if (r.formatVersion !== REPORT_FORMAT_VERSION) {
    throw new MergeError(`--merge: ${name} has formatVersion ${String(r.formatVersion)}; this keptn-migrate reads ${REPORT_FORMAT_VERSION}`);
  }
  if (!Array.isArray(r.repositories)) throw new MergeError(`--merge: ${name}: repositories must be a list`);
  return r as ReadinessReport;
}

/**
 * Many per-repository reports (say, from a CI matrix) as one organisation-wide report: the repositories side by side,
 * totals, charts and one migration plan over every application. Repositories with the same name get a suffix.
 */
export function mergeReports(reports: readonly ReadinessReport[], toolVersion: string): ReadinessReport {
  const repositories: RepositoryReport[] = [];
  const names = new Set<string>();
  for (const r of reports) {
    for (const repo of r.repositories) {
      let name = repo.name;
      for (let n = 2; names.has(name); n++) name = `${repo.name} (${n})`;
      names.add(name);
      repositories.push({ ...repo, name });
    }
  }
  return finalizeReport(repositories, toolVersion);
}
