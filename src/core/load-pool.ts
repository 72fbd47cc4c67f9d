import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileRef } from './discover.js';
import { loadFile, type LoadResult } from './load.js';
import { fromWire, type WireResult } from './load-wire.js';
import { ownFile } from '../package-root.js';
import type { LoadRequest, LoadResponse } from './load-worker.js';

/** `--concurrency`: worker threads that load files; `auto` decides from the input and the machine */
export type Concurrency = number | 'auto' | 'off';

/** below this, starting workers (each loads the parser, ~50 ms) costs more than it saves */
const MIN_PARALLEL_BYTES = 4 * 1024 * 1024;
const MIN_PARALLEL_FILES = 200;
const MAX_AUTO_WORKERS = 4;
/** a batch: enough work to amortise a message, small enough to keep every worker busy to the end */
const BATCH_BYTES = 256 * 1024;
const BATCH_FILES = 64;
const IN_FLIGHT = 3;
/** parsing allocates many short-lived objects: a worker's default young generation made it collect twice as often */
const YOUNG_GENERATION_MB = 48;

const WORKER_FILE = ownFile('core/load-worker.js');

/** how many worker threads load `refs` (0: the main thread does) */
export function workerCount(refs: readonly FileRef[], concurrency: Concurrency = 'auto'): number {
  if (concurrency === 'off' || concurrency === 0) return 0;
  // run from the TypeScript sources (tests), there is no compiled worker to start
  if (!existsSync(fileURLToPath(WORKER_FILE))) return 0;
  if (concurrency !== 'auto') return Math.max(0, Math.floor(concurrency));
  const bytes = refs.reduce((n, r) => n + r.size, 0);
  if (refs.length < MIN_PARALLEL_FILES || bytes < MIN_PARALLEL_BYTES) return 0;
  // measured on 2 cores (the 20 MB bench): two workers parse in parallel, but each runs so much slower beside the other
  // that the scan takes as long as on the main thread alone (5.3 s vs 5.1 s); so `auto` uses workers from 4 cores on,
  // leaving one core to the main thread
  const cores = availableParallelism();
  return cores < 4 ? 0 : Math.min(MAX_AUTO_WORKERS, cores - 1);
}

/**
 * Loads every file and hands the results to `accept` in the order of `refs`, so the model is the same whatever the
 * number of workers. Files from other branches (read with git) load on the main thread; a batch whose worker fails
 * is loaded on the main thread too, so a crash costs speed, never a file.
 */
export async function loadInOrder(
  refs: readonly FileRef[],
  chartDirs: ReadonlySet<string>,
  workers: number,
  accept: (r: LoadResult) => void,
  onProgress?: (done: number) => void,
): Promise<void> {
  const batches = batch(refs);
  if (workers === 0) {
    let count = 0;
    for (const b of batches) {
      for (const ref of b) accept(await loadFile(ref, chartDirs));
      onProgress?.((count += b.length));
    }
    return;
  }
  const done = new Map<number, LoadResult[]>();
  let next = 0;
  let accepted = 0;
  let loaded = 0;
  let wake: (() => void) | undefined;
  const settle = (index: number, results: LoadResult[]) => {
    done.set(index, results);
    wake?.();
  };
  const loadHere = (index: number) => Promise.all((batches[index] ?? []).map((ref) => loadFile(ref, chartDirs)));
  const runLocally = async (index: number) => settle(index, await loadHere(index));

  const pool = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(WORKER_FILE, { workerData: { chartDirs: [...chartDirs] }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  const feed = (worker: Worker) => {
    while (next < batches.length) {
      const index = next++;
      const files = batches[index] ?? [];
      if (files.some((r) => r.branch !== undefined || r.absPath === undefined)) {
        void runLocally(index);
        continue;
      }
      const request: LoadRequest = { batch: index, files: files.map((r) => ({ relPath: r.relPath, absPath: r.absPath as string, maxSize: r.maxSize })) };
      worker.postMessage(request);
      return;
    }
  };
  let broken = false;
  for (const worker of pool) {
    worker.on('message', (m: LoadResponse | { batch: number; error: string }) => {
      if ('error' in m) void runLocally(m.batch);
      else settle(m.batch, m.results.map((w: WireResult) => fromWire(w)));
      feed(worker);
    });
    worker.on('error', () => {
      broken = true;
      wake?.();
    });
    // a few batches in flight per worker: it never waits for the main thread, which is busy with the model
    for (let i = 0; i < IN_FLIGHT; i++) feed(worker);
  }
  try {
    while (accepted < batches.length) {
      const results = done.get(accepted);
      if (!results) {
        if (broken) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      done.delete(accepted);
      for (const r of results) accept(r);
      loaded += results.length;
      onProgress?.(loaded);
      accepted++;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  // a worker died (out of memory, a bug): whatever it had not answered is loaded here, in order
  for (; accepted < batches.length; accepted++) {
    const results = done.get(accepted) ?? (await loadHere(accepted));
    for (const r of results) accept(r);
    loaded += results.length;
    onProgress?.(loaded);
  }
}

function batch(refs: readonly FileRef[]): FileRef[][] {
  const out: FileRef[][] = [];
  let current: FileRef[] = [];
  let bytes = 0;
  for (const ref of refs) {
    current.push(ref);
    bytes += ref.size;
    if (current.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
