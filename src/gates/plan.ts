import { createHash } from 'node:crypto';
import { KLT_PROVIDERS } from '../formats/sli.js';
import { kubeName } from '../klt/names.js';
import { effectiveIndicators, providersFor, type MigrationProject } from '../model/project.js';
import type { Indicator, Objective, Scope, Slo } from '../model/types.js';
import { convertSlo, type GateTranslation } from './convert-slo.js';
import { convertQuery, type ArgSource } from './sli-templates.js';

export interface PlannedTemplate {
  app: string;
  name: string;
  provider: string;
  query: string;
  args: Map<string, ArgSource>;
  notes: string[];
  indicator: Indicator;
}

export interface PlannedGate {
  app: string;
  name: string;
  slo: Slo;
  translation: GateTranslation;
  /** objective (by index in translation.objectives) → template name */
  templates: (string | undefined)[];
  /** objectives whose SLI has no query in any sli.yaml for the scope */
  missing: Objective[];
  /** every service scope that uses this definition */
  scopes: Scope[];
  /** the slo.yaml of each scope, in the same order */
  slos: Slo[];
}

export interface GatePlan {
  providers: { app: string; provider: string; project: string }[];
  templates: PlannedTemplate[];
  gates: PlannedGate[];
  /** the template an app's gate names (PlannedGate.templates) */
  template(app: string, name: string | undefined): PlannedTemplate | undefined;
}

const cache = new WeakMap<MigrationProject, GatePlan>();

/**
 * Decides, once per run, every quality-gate resource: one provider per SLI provider in use, one
 * AnalysisValueTemplate per distinct converted query (named after the SLI, then qualified by service and stage
 * only where two differ), one AnalysisDefinition per distinct slo.yaml.
 */
export function gatePlan(model: MigrationProject, appName: (dir: string) => string): GatePlan {
  const hit = cache.get(model);
  if (hit) return hit;
  const byName = new Map<string, PlannedTemplate>();
  const plan: GatePlan = { providers: [], templates: [], gates: [], template: (app, name) => (name === undefined ? undefined : byName.get(`${app}\u0000${name}`)) };
  const slos = model.slos.filter((s) => s.variant !== 'pitometer').sort((a, b) => (a.src.file.displayPath < b.src.file.displayPath ? -1 : 1));
  const templateKey = new Map<string, PlannedTemplate>();
  const taken = new Map<string, Set<string>>();
  const gateByKey = new Map<string, PlannedGate>();

  for (const slo of slos) {
    const app = appName(slo.scope.project);
    const providers = providersFor(model, slo.scope).filter((p) => KLT_PROVIDERS.has(p));
    for (const p of providers) if (!plan.providers.some((x) => x.app === app && x.provider === p)) plan.providers.push({ app, provider: p, project: slo.scope.project });
    const translation = convertSlo(slo);
    const templates: (string | undefined)[] = [];
    const missing: Objective[] = [];
    for (const ot of translation.objectives) {
      const found = findIndicator(model, slo.scope, providers, ot.objective.sli);
      if (!found) {
        missing.push(ot.objective);
        templates.push(undefined);
        continue;
      }
      const query = typeof found.indicator.query === 'string' ? found.indicator.query : JSON.stringify(found.indicator.query);
      const converted = convertQuery(query, found.provider, slo.filter);
      const key = `${app}\u0000${found.provider}\u0000${converted.query}`;
      let t = templateKey.get(key);
      if (!t) {
        const names = taken.get(app) ?? new Set<string>();
        taken.set(app, names);
        const candidates = [ot.objective.sli, `${slo.scope.service ?? ''}-${ot.objective.sli}`, `${slo.scope.stage ?? ''}-${slo.scope.service ?? ''}-${ot.objective.sli}`].map((n) => kubeName(n));
        let name = candidates.find((n) => n && !names.has(n)) ?? kubeName(`${ot.objective.sli}-${hash(key)}`);
        while (names.has(name)) name = kubeName(`${name}-${hash(name)}`);
        names.add(name);
        t = { app, name, provider: found.provider, query: converted.query, args: converted.args, notes: converted.notes, indicator: found.indicator };
        templateKey.set(key, t);
        byName.set(`${app}\u0000${name}`, t);
        plan.templates.push(t);
      }
      templates.push(t.name);
    }
    const gateKey = `${app}\u0000${JSON.stringify(translation.definition)}\u0000${templates.join(',')}`;
    const existing = gateByKey.get(gateKey);
    if (existing) {
      existing.scopes.push(slo.scope);
      existing.slos.push(slo);
      continue;
    }
    const gate: PlannedGate = { app, name: '', slo, translation, templates, missing, scopes: [slo.scope], slos: [slo] };
    gateByKey.set(gateKey, gate);
    plan.gates.push(gate);
  }
  nameGates(plan.gates);
  cache.set(model, plan);
  return plan;
}

/** a definition used by one service is named after it; one shared by several after the app */
function nameGates(gates: PlannedGate[]): void {
  const taken = new Map<string, Set<string>>();
  for (const gate of gates) {
    const names = taken.get(gate.app) ?? new Set<string>();
    taken.set(gate.app, names);
    const scope = gate.scopes[0];
    const single = gate.scopes.length === 1 && scope?.service;
    const base = kubeName(single ? (scope.service as string) : gate.app) || 'quality-gate';
    let name = base;
    if (names.has(name) && single && scope.stage) name = kubeName(`${base}-${scope.stage}`);
    for (let n = 2; names.has(name); n++) name = kubeName(`${base}-${n}`);
    names.add(name);
    gate.name = name;
  }
}

function findIndicator(model: MigrationProject, scope: Scope, providers: string[], sli: string): { provider: string; indicator: Indicator } | undefined {
  for (const provider of providers) {
    const ind = effectiveIndicators(model, scope, provider).get(sli);
    if (ind) return { provider, indicator: ind };
  }
  return undefined;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 5);
}
