/**
 * The Keptn v1 criteria grammar exactly as lighthouse-service parsed it
 * (keptn/keptn lighthouse-service/event_handler/evaluate_sli_handler.go `parseCriteriaString`):
 * spaces removed, a prefix regex that only checks the first characters, the first of `<= < = >= >` that
 * prefixes the string, a sign that makes the criterion relative, `%` that makes it relative too
 * (keptn/keptn#1498), and Go's strconv.ParseFloat on the rest.
 */

export type CriterionOperator = '<' | '<=' | '=' | '>=' | '>';

export interface AbsoluteCriterion {
  kind: 'absolute';
  operator: CriterionOperator;
  value: number;
}

export interface RelativeCriterion {
  kind: 'relative';
  operator: CriterionOperator;
  value: number;
  /** `%` criteria compare with previous·(100±v)/100, signed ones with previous±v */
  percent: boolean;
  /** `+` or no sign (for `%`) means an allowed increase; `-` a required decrease */
  increase: boolean;
  /** written without a sign (`<=10%`), which users often meant as an absolute percentage */
  unsigned: boolean;
}

export interface InvalidCriterion {
  kind: 'invalid';
  reason: string;
}

export type ParsedCriterion = AbsoluteCriterion | RelativeCriterion | InvalidCriterion;

const PREFIX = /^([<|<=|=|>|>=]{1,2})([+|-]{0,1}\d*\.?\d*)([%]{0,1})/;
const OPERATORS: CriterionOperator[] = ['<=', '<', '=', '>=', '>'];

export function parseCriterion(input: unknown): ParsedCriterion {
  if (typeof input !== 'string') {
    if (typeof input === 'number') return { kind: 'invalid', reason: `a bare number (${input}) has no operator` };
    return { kind: 'invalid', reason: 'a criterion must be a string such as "<=600"' };
  }
  let s = input.replace(/ /g, '');
  if (!PREFIX.test(s)) return { kind: 'invalid', reason: 'it does not start with an operator (< <= = >= >)' };
  const percent = s.includes('%');
  if (s.endsWith('%')) s = s.slice(0, -1);
  let operator: CriterionOperator | undefined;
  for (const op of OPERATORS) {
    if (s.startsWith(op)) {
      operator = op;
      s = s.slice(op.length);
      break;
    }
  }
  if (!operator) return { kind: 'invalid', reason: 'it does not start with an operator (< <= = >= >)' };
  let sign: '+' | '-' | '' = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] as '+' | '-';
    s = s.slice(1);
  }
  const value = goParseFloat(s);
  if (value === undefined) {
    const hint = s.includes(',') ? ' (comma-separated criteria are not split by Keptn v1; use one list item per criterion)' : '';
    return { kind: 'invalid', reason: `"${s}" is not a number${hint}` };
  }
  if (percent || sign !== '') {
    return { kind: 'relative', operator, value, percent, increase: sign !== '-', unsigned: sign === '' };
  }
  return { kind: 'absolute', operator, value };
}

/** Go's strconv.ParseFloat(s, 64) for the inputs that reach it; undefined where Go returns an error. */
export function goParseFloat(s: string): number | undefined {
  if (s === '') return undefined;
  const lower = s.toLowerCase();
  const unsigned = lower.replace(/^[+-]/, '');
  const neg = lower.startsWith('-');
  if (unsigned === 'inf' || unsigned === 'infinity') return neg ? -Infinity : Infinity;
  if (unsigned === 'nan') return Number.NaN;
  if (/^[+-]?(\d+(?:\.\d*)?|\.\d+)(e[+-]?\d+)?$/.test(lower)) return Number(lower);
  if (/^[+-]?0x(_?[0-9a-f])*(?:\.[0-9a-f]*)?p[+-]?\d+$/.test(lower)) return parseHexFloat(lower.replace(/_/g, ''));
  return undefined;
}

function parseHexFloat(s: string): number | undefined {
  const m = /^([+-]?)0x([0-9a-f]*)(?:\.([0-9a-f]*))?p([+-]?\d+)$/.exec(s);
  if (!m) return undefined;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  if (int === '' && frac === '') return undefined;
  const mantissa = parseInt(int || '0', 16) + (frac ? parseInt(frac, 16) / 16 ** frac.length : 0);
  const v = mantissa * 2 ** Number(exp);
  return sign === '-' ? -v : v;
}

export function compare(measured: number, operator: CriterionOperator, target: number): boolean {
  switch (operator) {
    case '<':
      return measured < target;
    case '<=':
      return measured <= target;
    case '=':
      return measured === target;
    case '>=':
      return measured >= target;
    case '>':
      return measured > target;
  }
}

export function formatCriterion(c: AbsoluteCriterion): string {
  return `${c.operator}${c.value}`;
}
