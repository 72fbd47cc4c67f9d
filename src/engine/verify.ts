import { describeKlt, describeV1 } from '../gates/describe.js';
import { gatePlan } from '../gates/plan.js';
import { verifyGate, type GateCheck } from '../gates/verify.js';
import { kubeName } from '../klt/names.js';
import { scan, type ScanOptions } from './scan.js';

export interface ObjectiveVerification {
  sli: string;
  keptnV1: string;
  klt: string;
  /** how many values were tried */
  values: number;
  differences: GateCheck['objectives'][number]['differences'];
  /** reasons recorded as losses for this objective */
  losses: string[];
}

export interface GateVerification {
  slo: string;
  definition: string;
  exact: boolean;
  objectives: ObjectiveVerification[];
  informative: string[];
  passPercentage: number;
  warningPercentage: number;
  combinations: number;
  gateDifferences: GateCheck['gateDifferences'];
  scoreLosses: string[];
  explained: boolean;
}

/** Converts every quality gate of the scanned repository and checks the verdicts of both sides. */
export async function verify(options: Omit<ScanOptions, 'rules'>): Promise<GateVerification[]> {
  const result = await scan({ ...options, rules: [] });
  const appNames = new Map(result.project.projects.map((p) => [p.dir, kubeName(p.name, 63) || 'app']));
  const plan = gatePlan(result.project, (dir) => appNames.get(dir) ?? 'app');
  return plan.gates.map((gate) => {
    const t = gate.translation;
    const check = verifyGate(t);
    return {
      slo: gate.slo.src.file.displayPath,
      definition: gate.name,
      exact: t.exact,
      objectives: t.objectives.map((ot, k) => ({
        sli: ot.objective.sli,
        keptnV1: describeV1(ot.objective),
        klt: describeKlt(ot.failure, ot.warning),
        values: check.objectives[k]?.values.length ?? 0,
        differences: check.objectives[k]?.differences ?? [],
        losses: ot.losses.map((l) => l.reason + (l.values ? ` (verdicts differ for ${l.values})` : '')),
      })),
      informative: t.informative.map((o) => o.sli),
      passPercentage: t.definition.passPercentage,
      warningPercentage: t.definition.warningPercentage,
      combinations: check.combinations,
      gateDifferences: check.gateDifferences,
      scoreLosses: t.score.losses.map((l) => l.reason + (l.values ? `: ${l.values}` : '')),
      explained: check.explained,
    };
  });
}
