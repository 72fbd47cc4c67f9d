import { createHash } from 'node:crypto';

/**
 * A valid Kubernetes name (DNS-1123 label) derived from any string: lower case, runs of other characters become
 * `-`, trimmed; names longer than `max` keep a prefix and a short hash of the whole, so they stay unique and stable.
 */
export function kubeName(input: string, max = 63): string {
  const base = input
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '');
  if (base.length <= max) return base;
  const hash = createHash('sha256').update(input).digest('hex').slice(0, 6);
  return `${base.slice(0, max - 7).replace(/(?<!-)-+$/, '')}-${hash}`;
}
