/**
 * Which SLI raised a remediation problem. Keptn v1 matched `problemType` against the problem title or root cause the
 * monitoring tool sent (keptn-v1-formats.md §5.2); that title is a free text such as "Response time degradation", never
 * tied to an SLI. keptn-migrate decides in this order, and says how it decided:
 *
 * 1. `default` / `*` answer every problem: no SLI (a manual step).
 * 2. exact: the problem type equals an SLI name once case and punctuation are ignored (`response_time_p90`).
 * 3. category (a guess, reported as a loss): the problem type names a kind of symptom (error/failure, memory, CPU,
 *    response time/latency, throughput) and an SLI name names the same kind.
 * 4. words (a guess, reported as a loss): the SLI sharing the most words (3+ letters, not "rate", "increase", …) with it.
 *
 * Ties prefer an SLI that the scope's slo.yaml uses (it has the threshold the autoscaler needs), then the name order.
 */

export interface SliCandidate {
  name: string;
  provider: string;
  /** the SLI is an objective of the slo.yaml that applies to the scope */
  inSlo: boolean;
}

export interface SliMatch {
  sli?: SliCandidate;
  how: 'exact' | 'category' | 'words' | 'none';
  /** other candidates of the same rank */
  alternatives: string[];
  /** the symptom category, for messages */
  category?: string;
  reason?: string;
}

const CATEGORIES: { id: string; problem: RegExp; sli: RegExp }[] = [
  { id: 'error rate', problem: /fail|error|5xx|exception/i, sli: /fail|error|err\b|5xx|exception/i },
  { id: 'memory', problem: /memory|\bmem\b|oom/i, sli: /mem/i },
  { id: 'CPU', problem: /cpu|processor/i, sli: /cpu/i },
  { id: 'response time', problem: /response|latency|slow|duration|time/i, sli: /response|latency|duration|(^|[_-])rt($|[_-])/i },
  { id: 'throughput', problem: /throughput|traffic|request|load/i, sli: /throughput|rps|traffic|request|count/i },
];

const STOP = new Set(['rate', 'increase', 'increased', 'degradation', 'degraded', 'high', 'low', 'problem', 'the', 'and', 'for', 'too', 'many', 'detected']);

export function normalise(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3 && !STOP.has(w)),
  );
}

function rank(list: SliCandidate[]): SliCandidate[] {
  return [...list].sort((a, b) => Number(b.inSlo) - Number(a.inSlo) || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.provider < b.provider ? -1 : 1));
}

function pick(list: SliCandidate[], how: SliMatch['how'], category?: string): SliMatch {
  const ranked = rank(list);
  const [first] = ranked;
  const alternatives = ranked.filter((c) => c !== first && c.inSlo === first?.inSlo).map((c) => c.name);
  return { sli: first, how, alternatives: [...new Set(alternatives)], ...(category ? { category } : {}) };
}

export function matchSli(problemType: string, candidates: readonly SliCandidate[]): SliMatch {
  const p = problemType.trim();
  if (p === '' || p === '*' || p.toLowerCase() === 'default') {
    return { how: 'none', alternatives: [], reason: `problem type "${p}" answers every problem, so no SLI belongs to it` };
  }
  if (candidates.length === 0) return { how: 'none', alternatives: [], reason: 'no sli.yaml with a KLT-supported provider applies to this service' };
  const exact = candidates.filter((c) => normalise(c.name) === normalise(p));
  if (exact.length > 0) return pick(exact, 'exact');
  for (const cat of CATEGORIES) {
    if (!cat.problem.test(p)) continue;
    const hits = candidates.filter((c) => cat.sli.test(c.name));
    if (hits.length > 0) return pick(hits, 'category', cat.id);
  }
  const want = words(p);
  let best: SliCandidate[] = [];
  let score = 0;
  for (const c of candidates) {
    const s = [...words(c.name)].filter((w) => want.has(w)).length;
    if (s > score) {
      score = s;
      best = [c];
    } else if (s === score && s > 0) best.push(c);
  }
  if (score > 0) return pick(best, 'words');
  return { how: 'none', alternatives: [], reason: `no SLI name matches problem type "${p}" (by name, symptom or words)` };
}
