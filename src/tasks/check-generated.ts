import { asString, get } from '../core/values.js';
import { checkDenoAll } from './deno.js';
import type { ValidationProblem } from '../klt/validate.js';

/**
 * The Deno code keptn-migrate generated (KeptnTaskDefinition spec.deno.inline.code) must parse and type-check like
 * any emitted resource must validate; a function that does not is a keptn-migrate bug and is never written. All
 * functions are checked in one TypeScript program; ts-morph is loaded only when there is one to check.
 */
export function checkGeneratedDeno(resources: readonly Record<string, unknown>[]): (ValidationProblem[] | undefined)[] {
  const codes = resources.map((r) => (r.kind === 'KeptnTaskDefinition' ? asString(get(r, 'spec', 'deno', 'inline', 'code')) : undefined));
  if (!codes.some((c) => c !== undefined)) return codes.map(() => undefined);
  return checkAll(codes);
}

function checkAll(codes: (string | undefined)[]): (ValidationProblem[] | undefined)[] {
  const present = codes.filter((c): c is string => c !== undefined);
  const results = checkDenoAll(present);
  let i = 0;
  return codes.map((c) => (c === undefined ? undefined : (results[i++] ?? []).map((message) => ({ path: '/spec/deno/inline/code', message: `generated Deno code: ${message}` }))));
}
