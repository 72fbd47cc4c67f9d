import type { KltOperator } from './klt-operator.js';

/** a number as a Kubernetes quantity string (Quantity keeps 9 decimals: finer values are rounded) */
export function toQuantity(v: number): string {
  return String(v);
}

export function quantityLosesPrecision(v: number): boolean {
  return Number.isFinite(v) && Math.round(v * 1e9) / 1e9 !== v;
}

/** the `target.failure` / `target.warning` object of an AnalysisDefinition objective */
export function operatorObject(o: KltOperator): Record<string, unknown> {
  switch (o.op) {
    case 'inRange':
    case 'notInRange':
      return { [o.op]: { lowBound: toQuantity(o.low), highBound: toQuantity(o.high) } };
    default:
      return { [o.op]: { fixedValue: toQuantity(o.value) } };
  }
}

export function operatorValues(o: KltOperator | undefined): number[] {
  if (!o) return [];
  switch (o.op) {
    case 'inRange':
    case 'notInRange':
      return [o.low, o.high];
    default:
      return [o.value];
  }
}
