import { parse, parseAllDocuments } from 'yaml';
import { asArray, asDict, get } from '../core/values.js';
import { loadText } from '../core/load.js';
import { readSlo } from '../formats/slo.js';
import { SourceRef } from '../model/source-ref.js';
import type { Objective, Slo } from '../model/types.js';
import { convertSlo } from './convert-slo.js';
import { describeKlt, describeV1 } from './describe.js';
import { contains, endpoints, sampleValues } from './intervals.js';
import { evaluateV1 } from './keptn-v1-evaluate.js';
import { operatorSet, type KltOperator } from './klt-operator.js';
import { objectiveSets } from './objective-sets.js';
import { quantity } from '../klt/validate.js';

/**
 * Compares, objective by objective and value by value, Keptn v1's verdict with what the official converter
 * (metrics-operator --convert-slo) produced and with what keptn-migrate produces. Used by the README table and
 * by the test that holds keptn-migrate to "equivalent where the converter is right, exact or a recorded loss elsewhere".
 */
export interface ComparisonRow {
  sli: string;
  keptnV1: string;
  official: string;
  /** values where the official converter's KLT verdict differs from Keptn v1's (v1 → official) */
  officialDiffers: string[];
  ours: string;
  oursDiffers: string[];
  oursLoss: boolean;
}

export function sloFromYaml(text: string): Slo {
  const lf = loadText({ relPath: 'slo.yaml' }, text, 'yaml');
  const d = lf.docs[0];
  if (!d) throw new Error('no SLO document');
  return readSlo(new SourceRef(lf.file, d.doc), d.doc.value, { project: '' }, false);
}

/** the target of an official AnalysisDefinition objective as operators */
export function officialTarget(objective: unknown): { failure?: KltOperator; warning?: KltOperator } {
  const read = (t: unknown): KltOperator | undefined => {
    const d = asDict(t);
    if (!d) return undefined;
    const [op, body] = Object.entries(d)[0] ?? [];
    if (!op) return undefined;
    if (op === 'inRange' || op === 'notInRange') return { op, low: quantity(get(body, 'lowBound')), high: quantity(get(body, 'highBound')) };
    return { op: op as 'lessThan', value: quantity(get(body, 'fixedValue')) };
  };
  return { failure: read(get(objective, 'target', 'failure')), warning: read(get(objective, 'target', 'warning')) };
}

function kltVerdict(t: { failure?: KltOperator; warning?: KltOperator }, v: number): string {
  if (contains(operatorSet(t.failure), v)) return 'fail';
  if (contains(operatorSet(t.warning), v)) return 'warning';
  return 'pass';
}

function v1Verdict(o: Objective, v: number): string {
  const r = evaluateV1({ objectives: [o], filter: {}, scope: { project: '' }, variant: 'standard', src: o.src, totalScore: { pass: '100', src: o.src } }, new Map([[o.sli, v]]));
  return r.error ? 'fail' : (r.objectives[0]?.verdict ?? 'fail');
}

/** one row per objective of `sloText`, `officialObjectives` in the same order as the converter emits them */
export function compareObjectives(sloText: string, officialObjectives: unknown[]): ComparisonRow[] {
  const slo = sloFromYaml(sloText);
  const ours = convertSlo(slo);
  return slo.objectives.map((o, i) => {
    const official = officialTarget(officialObjectives[i]);
    const ourIndex = ours.objectives.findIndex((t) => t.objective === o);
    const mine = ourIndex >= 0 ? { failure: ours.objectives[ourIndex]?.failure, warning: ours.objectives[ourIndex]?.warning } : undefined;
    const sets = objectiveSets(o);
    const values = sampleValues(endpoints(sets.pass, sets.warning, operatorSet(official.failure), operatorSet(official.warning)));
    const officialDiffers: string[] = [];
    const oursDiffers: string[] = [];
    for (const v of values) {
      const v1 = o.pass.length === 0 ? 'info' : v1Verdict(o, v);
      const off = kltVerdict(official, v);
      if (v1 !== off) officialDiffers.push(`${v}: ${v1} → ${off}${v1 === 'info' ? ' (and counted in the score)' : ''}`);
      if (mine) {
        const ourV = kltVerdict(mine, v);
        if (v1 !== ourV) oursDiffers.push(`${v}: ${v1} → ${ourV}`);
      }
    }
    return {
      sli: o.sli,
      keptnV1: o.pass.length === 0 ? 'informative (no pass)' : describeV1(o),
      official: describeKlt(official.failure, official.warning),
      officialDiffers,
      ours: mine ? describeKlt(mine.failure, mine.warning) : 'left out of the score (informative, as in Keptn v1)',
      oursDiffers,
      oursLoss: (ours.objectives[ourIndex]?.losses.length ?? 0) > 0,
    };
  });
}

/** the official test SLO and its expected output, as the README table */
export function officialTableMarkdown(sloText: string, expectedYaml: string): string {
  const def = parseAllDocuments(expectedYaml)[0]?.toJS() ?? parse(expectedYaml);
  const rows = compareObjectives(sloText, asArray(get(def, 'spec', 'objectives')));
  const lines = [
    '| objective | Keptn v1 (first evaluation) | official converter | its verdicts that differ from Keptn v1 | keptn-migrate | differ |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.sli} | ${r.keptnV1} | ${r.official} | ${r.officialDiffers.join('; ') || 'none'} | ${r.ours} | ${r.oursDiffers.length ? `${r.oursDiffers.join('; ')} (recorded loss)` : 'none'} |`,
    );
  }
  return lines.join('\n').replace(/\|/g, '|');
}
