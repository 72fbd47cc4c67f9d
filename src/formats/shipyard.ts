import { asArray, asDict, asString, asStringMap, get, hasKey } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';
import type { Sequence, Shipyard, ShipyardVersion, Stage, Task, Trigger } from '../model/types.js';

/** Reads shipyard 0.2.x, the 0.2.0-alpha draft (`triggers:`) and the legacy 0.1.x stage list. */
export function readShipyard(src: SourceRef, value: unknown, version: ShipyardVersion): Shipyard {
  if (version === '0.1') return readLegacy(src, value);
  const stages = asArray(get(value, 'spec', 'stages')).map((stage, i) => readStage(src.at('spec', 'stages', i), stage));
  return {
    src,
    version,
    apiVersion: asString(get(value, 'apiVersion')),
    name: asString(get(value, 'metadata', 'name')),
    stages,
  };
}

function readStage(src: SourceRef, value: unknown): Stage {
  const name = asString(get(value, 'name')) ?? '';
  const sequences = asArray(get(value, 'sequences')).map((seq, i) => readSequence(src.at('sequences', i), seq, name));
  return { src, name, sequences };
}

function readSequence(src: SourceRef, value: unknown, stage: string): Sequence {
  const tasks = asArray(get(value, 'tasks')).map((task, i) => readTask(src.at('tasks', i), task, i));
  const triggeredOn = asArray(get(value, 'triggeredOn')).map((t, i): Trigger => {
    const match = get(t, 'selector', 'match');
    return {
      src: src.at('triggeredOn', i),
      event: asString(get(t, 'event')) ?? '',
      selector: match === undefined ? undefined : asStringMap(match),
    };
  });
  return {
    src,
    name: asString(get(value, 'name')) ?? '',
    stage,
    tasks,
    triggeredOn,
    alphaTriggers: hasKey(value, 'triggers') ? src.at('triggers') : undefined,
  };
}

function readTask(src: SourceRef, value: unknown, index: number): Task {
  return {
    src,
    index,
    name: asString(get(value, 'name')) ?? '',
    triggeredAfter: asString(get(value, 'triggeredAfter')),
    properties: asDict(get(value, 'properties')) ?? {},
  };
}

/**
 * 0.1.x has no sequences; we model each stage the way Keptn 0.8's `keptn upgrade project --shipyard`
 * translated it (a `delivery` sequence of deployment, test, evaluation, approval, release), so the
 * rules for 0.2 apply to both. The stage keeps its original strategies in `legacy`.
 */
function readLegacy(src: SourceRef, value: unknown): Shipyard {
  const stages: Stage[] = asArray(get(value, 'stages')).map((raw, i, all) => {
    const stageSrc = src.at('stages', i);
    const name = asString(get(raw, 'name')) ?? '';
    const approvalRaw = get(raw, 'approval_strategy');
    const approval = Array.isArray(approvalRaw)
      ? Object.assign({}, ...approvalRaw.map((a) => asStringMap(a)))
      : asStringMap(approvalRaw);
    const legacy = {
      deploymentStrategy: asString(get(raw, 'deployment_strategy')),
      testStrategy: asString(get(raw, 'test_strategy')),
      approvalStrategy: hasKey(raw, 'approval_strategy') && get(raw, 'approval_strategy') !== null ? { pass: approval.pass, warning: approval.warning } : undefined,
      remediationStrategy: asString(get(raw, 'remediation_strategy')),
    };
    const tasks: Task[] = [];
    const add = (taskName: string, key: string | undefined, properties: Record<string, unknown> = {}) =>
      tasks.push({ src: key ? stageSrc.at(key) : stageSrc, index: tasks.length, name: taskName, properties });
    add('deployment', 'deployment_strategy', { deploymentstrategy: legacy.deploymentStrategy ?? 'direct' });
    if (legacy.testStrategy) add('test', 'test_strategy', { teststrategy: legacy.testStrategy });
    add('evaluation', undefined);
    if (legacy.approvalStrategy) {
      add('approval', 'approval_strategy', { pass: legacy.approvalStrategy.pass ?? 'automatic', warning: legacy.approvalStrategy.warning ?? 'automatic' });
    }
    add('release', undefined);
    const previous = i > 0 ? asString(get(all[i - 1], 'name')) : undefined;
    const sequences: Sequence[] = [
      {
        src: stageSrc,
        name: 'delivery',
        stage: name,
        tasks,
        triggeredOn: previous ? [{ src: stageSrc, event: `${previous}.delivery.finished` }] : [],
      },
    ];
    if (legacy.remediationStrategy) {
      sequences.push({
        src: stageSrc.at('remediation_strategy'),
        name: 'remediation',
        stage: name,
        tasks: ['get-action', 'action', 'evaluation'].map((t, k) => ({ src: stageSrc.at('remediation_strategy'), index: k, name: t, properties: {} })),
        triggeredOn: [],
      });
    }
    return { src: stageSrc, name, sequences, legacy };
  });
  return { src, version: '0.1', stages };
}

export const RESERVED_TASKS = new Set([
  'deployment',
  'test',
  'evaluation',
  'approval',
  'release',
  'rollback',
  'get-action',
  'action',
  'remediation',
]);
