// Types of bench/generate.js, for the tests that reuse the generator (test/atomicity-*.test.ts, test/property-*.test.ts).
export const GENERATOR_VERSION: number;

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  word(n?: number): string;
}

export function rng(seed: number): Rng;

export interface Generated {
  dir: string;
  files: number;
  documents: number;
  bytes: number;
  MB: number;
  sha256: string;
}

/** Writes a GitOps repository of about `megabytes` MB under `dir` (which must be empty or made by this generator). */
export function generate(dir: string, megabytes: number, options?: { seed?: number }): Generated;

/** Writes a ten-file Keptn v1 repository under `dir`. */
export function generateTiny(dir: string, options?: { seed?: number }): { dir: string; files: number };
