import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { asString, get } from '../core/values.js';
import type { ValidationProblem } from '../klt/validate.js';
import { checkDenoAll, splitAtPrelude, type DenoCheckInput } from './deno-check.js';
import { generatedPreludes } from './deno.js';
import { ownFile } from '../package-root.js';
import type { CheckerMessage } from './deno-check-worker.js';

const WORKER_FILE = ownFile('tasks/deno-check-worker.js');
/** below this many functions, loading ts-morph in a second thread costs more than checking here */
const MIN_FOR_WORKER = 20;

/**
 * The Deno code keptn-migrate generates (KeptnTaskDefinition spec.deno.inline.code) must parse and type-check like
 * any emitted resource must validate; a function that does not is a keptn-migrate bug and is never written.
 *
 * Resources are added as the transforms emit them. From MIN_FOR_WORKER functions on, with a spare core, they are sent
 * to a worker thread at once, which loads ts-morph and checks them in batches while the transforms, validation and
 * printing go on here; fewer are checked here, in one TypeScript program, when the results are asked for. A worker
 * that fails costs time, never a check: whatever it did not answer is checked here.
 */
export class DenoCheck {
  private readonly inputs: (DenoCheckInput | undefined)[] = [];
  private readonly pending: DenoCheckInput[] = [];
  private worker: Worker | undefined;
  private answer: Promise<string[][] | undefined> | undefined;

  constructor(private readonly useWorker = availableParallelism() >= 2 && existsSync(fileURLToPath(WORKER_FILE))) {}

  /** adds an emitted resource (only a KeptnTaskDefinition with Deno code has something to check) */
  add(resource: Record<string, unknown>): void {
    const code = resource.kind === 'KeptnTaskDefinition' ? asString(get(resource, 'spec', 'deno', 'inline', 'code')) : undefined;
    const input = code === undefined ? undefined : splitAtPrelude(code, generatedPreludes());
    this.inputs.push(input);
    if (input === undefined) return;
    this.pending.push(input);
    if (this.worker || (this.useWorker && this.pending.length >= MIN_FOR_WORKER && this.start())) this.flush();
  }

  /** the problems of each added resource, in the order added (undefined: nothing to check) */
  async results(): Promise<(ValidationProblem[] | undefined)[]> {
    const present = this.inputs.filter((c): c is DenoCheckInput => c !== undefined);
    if (present.length === 0) {
      void this.worker?.terminate();
      return this.inputs.map(() => undefined);
    }
    let answers: string[][] | undefined;
    if (this.worker) {
      this.flush();
      this.worker.ref();
      this.worker.postMessage({ done: true } satisfies CheckerMessage);
      answers = await this.answer;
    }
    if (!answers || answers.length !== present.length) answers = checkDenoAll(present);
    let i = 0;
    return this.inputs.map((c) => (c === undefined ? undefined : (answers[i++] ?? []).map((message) => ({ path: '/spec/deno/inline/code', message: `generated Deno code: ${message}` }))));
  }

  private flush(): void {
    if (!this.worker || this.pending.length === 0) return;
    this.worker.postMessage({ inputs: this.pending.splice(0) } satisfies CheckerMessage);
  }

  private start(): boolean {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_FILE);
    } catch {
      return false;
    }
    this.worker = worker;
    this.answer = new Promise((resolve) => {
      let answered = false;
      worker.once('message', (results: string[][]) => {
        answered = true;
        resolve(results);
        void worker.terminate();
      });
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => {
        if (!answered) resolve(undefined);
      });
    });
    // until its answer is awaited, the worker must not keep the process alive (a run that failed before would hang)
    worker.unref();
    return true;
  }
}

/** DenoCheck for a list of resources at once */
export async function checkGeneratedDeno(resources: readonly Record<string, unknown>[]): Promise<(ValidationProblem[] | undefined)[]> {
  const check = new DenoCheck();
  for (const r of resources) check.add(r);
  return check.results();
}
