import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash128 } from '../src/core/hash.js';

// Fingerprints in baselines, SARIF partialFingerprints and the scan cache are hash128 values: a change to the hash
// or to how it is printed would turn every baselined finding into a new one. These values were printed by the
// first release's implementation.
describe('hash128', () => {
  it.each([
    ['', '1aee8d8396e1eff1c223ada3227f8da3'],
    ['a', 'da4555dfa5ebe4ed8f713bf0323c5756'],
    ['keptn-migrate', '9a96ad52f5e3c7bd717f45f1c69b278f'],
    ['x'.repeat(1000), '33b32bfe9c268e461d2952fb94b82605'],
    ['ünïcödé\u0000\uD83D\uDE00', '2b53590e33439e6c93042cfb0d53e1df'],
  ])('is stable for %j', (input, expected) => {
    expect(hash128(input)).toBe(expected);
  });

  it('prints leading zeros of every 32-bit lane', () => {
    const all = Array.from({ length: 2000 }, (_, k) => hash128(String(k)));
    expect(all.every((h) => /^[0-9a-f]{32}$/.test(h))).toBe(true);
    for (const lane of [0, 8, 16, 24]) expect(all.some((h) => h[lane] === '0')).toBe(true);
  });
});

describe('hash128 with a suffix', () => {
  it('hashes as the joined string does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(hash128(a, b)).toBe(hash128(a + b));
      }),
      { numRuns: 2000, seed: 20261122 },
    );
  });
});
