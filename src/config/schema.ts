import { SEVERITIES } from '../core/types.js';
import { TARGETS } from '../klt/targets.js';

export const CONFIG_FILE_NAMES = ['.keptn-migrate.yaml', '.keptn-migrate.yml'] as const;

export const PACKS = ['keptn', 'kyma', 'tilt'] as const;
export const RULE_LEVELS = [...SEVERITIES, 'off'] as const;
export const FAIL_ON = [...SEVERITIES, 'never'] as const;

export type RuleLevel = (typeof RULE_LEVELS)[number];

/** `.keptn-migrate.yaml`, as read and validated (every key optional). */
export interface KeptnMigrateConfig {
  /** rule packs to run (default: every pack) */
  packs?: (typeof PACKS)[number][];
  /** the KLT release `migrate` emits for */
  target?: (typeof TARGETS)[number];
  failOn?: (typeof FAIL_ON)[number];
  maxWarnings?: number;
  include?: string[];
  exclude?: string[];
  /** rule id → level, or { severity, options } */
  rules?: Record<string, RuleLevel | { severity?: RuleLevel; options?: Record<string, unknown> }>;
  /** options of `migrate`'s transforms */
  transforms?: {
    only?: string[];
    skip?: string[];
    unsafe?: boolean;
    out?: string;
    keys?: 'k8s' | 'keptn';
    evaluations?: boolean;
    autoscaler?: 'hpa' | 'keda';
  };
  /** a baseline file (relative to the configuration file) that `scan` applies as if --baseline were given */
  baseline?: string;
}

const globList = {
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
  'x-message': 'must be a glob or a list of globs',
};

const idList = {
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
  'x-message': 'must be an id or a list of ids',
};

/**
 * JSON Schema (draft-07) of `.keptn-migrate.yaml`. `x-message` is keptn-migrate's own keyword: the error shown
 * when an `anyOf` fails, instead of one error per alternative.
 */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/keptn-migrate/keptn-migrate/blob/main/src/config/schema.ts',
  title: 'keptn-migrate configuration (.keptn-migrate.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    packs: { type: 'array', items: { enum: [...PACKS] }, uniqueItems: true, description: 'rule packs to run (default: all)' },
    target: { enum: [...TARGETS], description: 'the KLT release migrate emits for' },
    failOn: { enum: [...FAIL_ON], description: 'scan exits 1 when a finding is at or above this severity' },
    maxWarnings: { type: 'integer', minimum: 0 },
    include: globList,
    exclude: globList,
    rules: {
      type: 'object',
      description: 'rule id → blocker | warning | info | off, or { severity, options }',
      additionalProperties: {
        anyOf: [
          { enum: [...RULE_LEVELS] },
          {
            type: 'object',
            additionalProperties: false,
            properties: { severity: { enum: [...RULE_LEVELS] }, options: { type: 'object' } },
          },
        ],
        'x-message': `must be one of ${RULE_LEVELS.join(', ')}, or a mapping with severity and options`,
      },
    },
    transforms: {
      type: 'object',
      additionalProperties: false,
      properties: {
        only: idList,
        skip: idList,
        unsafe: { type: 'boolean' },
        out: { type: 'string', minLength: 1 },
        keys: { enum: ['k8s', 'keptn'] },
        evaluations: { type: 'boolean' },
        autoscaler: { enum: ['hpa', 'keda'] },
      },
    },
    baseline: { type: 'string', minLength: 1 },
  },
} as const;
