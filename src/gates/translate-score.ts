import type { Slo } from '../model/types.js';
import { parseScore } from './keptn-v1-evaluate.js';
import type { Loss } from './translate-objective.js';

export interface ScoreTranslation {
  passPercentage: number;
  warningPercentage: number;
  exact: boolean;
  losses: Loss[];
}

/**
 * Total-score thresholds. KLT takes whole percentages with warning < pass; Keptn v1 took any number and an optional
 * warning. Only the scores the objectives' weights can produce matter, so a threshold is exact when no achievable
 * score lies between Keptn v1's threshold and the whole number chosen.
 */
export function translateScore(slo: Slo, weights: readonly number[]): ScoreTranslation {
  const losses: Loss[] = [];
  const at = slo.totalScore?.src ?? slo.src;
  const pass = parseScore(slo.totalScore?.pass);
  const warnRaw = parseScore(slo.totalScore?.warning);
  const achievable = achievableScores(weights);
  if (pass === undefined) {
    losses.push({ at, reason: 'total_score.pass is missing or not a number: Keptn v1 failed every evaluation ("no target score defined"); 90 is used' });
    return { passPercentage: 90, warningPercentage: 75, exact: false, losses };
  }
  const warn = warnRaw !== undefined && warnRaw < pass ? warnRaw : undefined;

  const passOk = (pp: number) => achievable.every((s) => (s >= pass) === (s >= pp));
  const passPercentage = pickInt(Math.ceil(Math.min(100, Math.max(0, pass))), passOk);
  if (passPercentage.exact === false) {
    const differing = achievable.filter((s) => (s >= pass) !== (s >= passPercentage.value));
    losses.push({ at, reason: `total_score.pass ${slo.totalScore?.pass} has no exact whole-percentage equivalent for the scores these weights produce`, values: differing.map(fmtPct).join(', ') });
  }
  const pp = passPercentage.value;
  const below = achievable.filter((s) => s < Math.min(pass, pp));
  const warnOk = (wp: number) =>
    wp < pp && below.every((s) => (warn !== undefined && s >= warn) === (s >= wp));
  const warnStart = warn !== undefined ? Math.ceil(Math.max(0, warn)) : pp - 1;
  const warningPercentage = pickInt(Math.max(0, Math.min(pp - 1, warnStart)), warnOk, pp - 1);
  if (!warningPercentage.exact) {
    const differing = below.filter((s) => (warn !== undefined && s >= warn) !== (s >= warningPercentage.value));
    losses.push({
      at,
      reason:
        warn === undefined
          ? 'Keptn v1 had no warning threshold (any score below pass failed) but KLT requires warningPercentage below passPercentage; these scores become warning instead of fail'
          : `total_score.warning ${slo.totalScore?.warning} has no exact whole-percentage equivalent for the scores these weights produce`,
      values: differing.map(fmtPct).join(', '),
    });
  }
  if (pp <= 0) losses.push({ at, reason: 'passPercentage 0 leaves no room for a warningPercentage below it (the webhook requires warning < pass)' });
  return {
    passPercentage: pp,
    warningPercentage: Math.max(0, warningPercentage.value),
    exact: passPercentage.exact && warningPercentage.exact && pp > 0,
    losses,
  };
}

function pickInt(start: number, ok: (v: number) => boolean, max = 100): { value: number; exact: boolean } {
  for (let d = 0; d <= 100; d++) {
    for (const v of d === 0 ? [start] : [start + d, start - d]) {
      if (v >= 0 && v <= max && ok(v)) return { value: v, exact: true };
    }
  }
  return { value: Math.max(0, Math.min(max, start)), exact: false };
}

/** every total score (percent) the objectives can reach: each scores 0, half or all of its weight */
export function achievableScores(weights: readonly number[]): number[] {
  const ws = weights.map((w) => Math.max(0, Math.round(w)));
  const max = 2 * ws.reduce((a, b) => a + b, 0);
  if (max === 0) return [100];
  if (max > 2_000_000) return [0, 50, 100];
  let reach = new Uint8Array(max + 1);
  reach[0] = 1;
  for (const w of ws) {
    const next = new Uint8Array(max + 1);
    for (let s = 0; s <= max; s++) {
      if (!reach[s]) continue;
      next[s] = 1;
      if (s + w <= max) next[s + w] = 1;
      if (s + 2 * w <= max) next[s + 2 * w] = 1;
    }
    reach = next;
  }
  const out: number[] = [];
  for (let s = 0; s <= max; s++) if (reach[s]) out.push((100 * s) / max);
  return out;
}

function fmtPct(s: number): string {
  return `${Math.round(s * 1000) / 1000}%`;
}
