import { lookup } from '../core/values.js';
import { defineRule } from '../engine/rule.js';
import type { SourceRef } from '../model/source-ref.js';
import type { Shipyard } from '../model/types.js';
import { projectShipyards, q } from './lib/shipyard.js';

/** the fields of go-utils' v0_2_0 Shipyard structs, per level */
const SCHEMA = {
  shipyard: ['apiVersion', 'kind', 'metadata', 'spec'],
  metadata: ['name'],
  spec: ['stages'],
  stage: ['name', 'sequences'],
  sequence: ['name', 'triggeredOn', 'tasks'],
  trigger: ['event', 'selector'],
  selector: ['match'],
  task: ['name', 'triggeredAfter', 'properties'],
  /** go-utils pkg/lib/shipyard.go (0.1.x) */
  legacyShipyard: ['stages'],
  legacyStage: ['name', 'deployment_strategy', 'test_strategy', 'remediation_strategy', 'approval_strategy'],
} as const;
type Level = keyof typeof SCHEMA;

/** well-known misspellings (after normalising case, `-` and `_`) and what they were meant to be */
const MEANT: Record<string, string> = {
  property: 'properties',
  props: 'properties',
  sequence: 'sequences',
  task: 'tasks',
  stage: 'stages',
  matches: 'match',
  selectors: 'selector',
  trigger: 'triggeredOn',
};

const norm = (k: string) => k.toLowerCase().replace(/[-_]/g, '');

/** where a 0.2 schema key belongs */
const OWNER: Record<string, string> = {
  triggeredOn: 'sequence',
  tasks: 'sequence',
  triggeredAfter: 'task',
  properties: 'task',
  sequences: 'stage',
  stages: 'spec',
  event: 'trigger',
  selector: 'trigger',
  match: 'selector',
};

function hintFor(key: string, level: Level): string {
  const allowed: readonly string[] = SCHEMA[level];
  const n = norm(key);
  const meant = allowed.find((k) => norm(k) === n) ?? lookup(MEANT, n);
  if (meant && allowed.includes(meant)) return ` (did you mean ${q(meant)}?)`;
  if (level.startsWith('legacy')) return '';
  const owned = meant ?? key;
  const owner = lookup(OWNER, owned);
  return owner ? ` (${q(owned)} belongs to a ${owner})` : '';
}

function levelName(level: Level): string {
  return level.replace(/^legacy/, '').toLowerCase();
}

export default defineRule({
  id: 'shipyard-ignored-key',
  meta: {
    description: 'A shipyard key outside the schema, which the shipyard-controller silently ignored (typos such as triggeredon)',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'The shipyard-controller decoded shipyard.yaml into Go structs without strict mode, so any key it did not know was dropped ' +
        'without an error: a `triggeredon` (lower case), a stage-level `triggeredOn`, a task `property` instead of `properties` ' +
        'did nothing. The author meant something that Keptn v1 never did; migrating the key as written would add behaviour.',
      instead:
        'Decide what the key was meant for. If the behaviour never happened and nobody missed it, drop the key; otherwise build ' +
        'the intended behaviour in KLT deliberately.',
      codeVsSpec:
        'The JSON schema of the spec sets `additionalProperties: false` at every level; the controller uses a non-strict YAML ' +
        'decoder and ignores unknown keys. keptn-migrate follows the code. The 0.2.0-alpha `triggers` key is reported by ' +
        'shipyard-legacy-format instead.',
      sources: [
        'keptn/spec shipyard.md, schemas/shipyard.json (additionalProperties: false)',
        'keptn/go-utils pkg/lib/v0_2_0/shipyard.go (Shipyard structs)',
        'keptn/go-utils pkg/lib/shipyard.go (0.1 struct)',
        'keptn/keptn@318a3d5 shipyard-controller/internal/common/keptn_helpers.go (UnmarshalShipyard)',
      ],
    },
  },
  check(project, context) {
    const visit = (shipyard: Shipyard, ref: SourceRef, level: Level) => {
      const allowed: readonly string[] = SCHEMA[level];
      for (const { key, range } of ref.doc.keysAt(ref.path)) {
        if (key === null || key === '<<' || allowed.includes(key)) continue;
        if (level === 'sequence' && key === 'triggers') continue;
        const legacy = shipyard.version === '0.1';
        const schema = legacy ? 'shipyard 0.1 schema' : 'shipyard schema';
        const reader = legacy ? 'Keptn' : 'the shipyard-controller';
        context.report({
          message: `${levelName(level)} key ${q(key)} is not part of the ${schema}; ${reader} ignored it${hintFor(key, level)}`,
          at: { file: ref.file, range, anchor: ref.pointer ? `${ref.pointer}.${key}` : key },
        });
      }
    };
    for (const shipyard of projectShipyards(project)) {
      if (shipyard.version === '0.1') {
        visit(shipyard, shipyard.src, 'legacyShipyard');
        for (const stage of shipyard.stages) visit(shipyard, stage.src, 'legacyStage');
        continue;
      }
      visit(shipyard, shipyard.src, 'shipyard');
      visit(shipyard, shipyard.src.at('metadata'), 'metadata');
      visit(shipyard, shipyard.src.at('spec'), 'spec');
      for (const stage of shipyard.stages) {
        visit(shipyard, stage.src, 'stage');
        for (const seq of stage.sequences) {
          visit(shipyard, seq.src, 'sequence');
          for (const trigger of seq.triggeredOn) {
            visit(shipyard, trigger.src, 'trigger');
            visit(shipyard, trigger.src.at('selector'), 'selector');
          }
          for (const task of seq.tasks) visit(shipyard, task.src, 'task');
        }
      }
    }
  },
});
