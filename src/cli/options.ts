import type { Command } from 'commander';
import type { Concurrency } from '../core/load-pool.js';
import { UsageError } from './io.js';

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb?|mb?|gb?|kib|mib|gib)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size: "${value}" is not a size (examples: 10485760, 512kb, 10mb)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  return Math.floor(n * mult);
}

export function parseConcurrency(value: string): Concurrency {
  if (value === 'auto' || value === 'off') return value;
  if (!/^\d+$/.test(value) || Number(value) > 64) throw new UsageError(`--concurrency: "${value}" is not auto, off or a number of threads (0-64)`);
  return Number(value);
}

export function parseCount(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new UsageError(`${flag}: "${value}" is not a whole number`);
    return Number(value);
  };
}

export function oneOf<T extends string>(flag: string, allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`);
    return value as T;
  };
}

/** the flags withInputOptions defines (the configuration-file ones aside) */
export interface InputFlags {
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  concurrency?: Concurrency;
}

/**
 * What the input flags tell a scan: which files, how large, on how many threads. `selected`: include/exclude after the
 * configuration file was applied (scan and report), else the flags themselves.
 */
export function readingOptions(flags: InputFlags, selected: Pick<InputFlags, 'include' | 'exclude'> = flags): InputFlags {
  return { include: selected.include, exclude: selected.exclude, maxFileSize: flags.maxFileSize, concurrency: flags.concurrency };
}

/** the options that choose what is read, the same for scan, migrate and report */
export function withInputOptions(command: Command): Command {
  return command
    .option('--include <glob>', 'only read files matching the glob (repeatable, comma-separated)', collect)
    .option('--exclude <glob>', 'skip files matching the glob (repeatable, comma-separated)', collect)
    .option('--max-file-size <size>', 'skip files larger than this, reported as not analysed (default 10mb)', parseSize)
    .option('--concurrency <n>', 'worker threads that read and parse files: a number, auto (by input size and cores) or off', parseConcurrency, 'auto')
    .option('-c, --config <file>', 'configuration file (default: .keptn-migrate.yaml found upward from the first path)')
    .option('--no-config', 'ignore every configuration file');
}
