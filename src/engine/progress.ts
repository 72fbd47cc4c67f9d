/** What a long scan or rewrite reports as it goes. */
export interface ProgressEvent {
  phase: 'read' | 'analyse' | 'write';
  done: number;
  total: number;
}

export type ProgressListener = (event: ProgressEvent) => void;

export interface Progress {
  update: ProgressListener;
  /** clears the line; call once at the end (also after an error) */
  done(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  /** a machine-readable report goes to stdout (json, sarif, junit, github, gitlab, ...): never draw */
  machineOutputOnStdout: boolean;
  /** draw only once the run takes longer than this (ms), so short runs print nothing */
  delayMs?: number;
  /** redraw at most this often (ms) */
  intervalMs?: number;
  now?: () => number;
}

const NO_PROGRESS: Progress = { update: () => {}, done: () => {} };

/** CI=true / CI=1 / CI=anything but "false" and "0", as ci-info and most CI providers do. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return true;
  return env.GITHUB_ACTIONS === 'true' || env.GITLAB_CI === 'true' || env.BUILD_NUMBER !== undefined && env.JENKINS_URL !== undefined;
}

export function progressEnabled(options: Pick<ProgressOptions, 'stream' | 'env' | 'machineOutputOnStdout'>): boolean {
  return Boolean(options.stream.isTTY) && !isCi(options.env) && !options.machineOutputOnStdout && options.env.TERM !== 'dumb';
}

/**
 * A one-line progress indicator on stderr (`reading 1200/5000 files`), redrawn in place with `\r`. Only on a TTY,
 * never in CI and never while a machine-readable report is written to stdout; otherwise a no-op.
 */
export function createProgress(options: ProgressOptions): Progress {
  if (!progressEnabled(options)) return NO_PROGRESS;
  const now = options.now ?? (() => performance.now());
  const delay = options.delayMs ?? 400;
  const interval = options.intervalMs ?? 100;
  const start = now();
  let last = -Infinity;
  let drawn = false;
  const stream = options.stream;
  return {
    update(e) {
      const t = now();
      if (t - start < delay || t - last < interval) return;
      last = t;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r${renderProgress(e).slice(0, width).padEnd(Math.min(width, 60))}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write(`\r${' '.repeat(Math.min(60, Math.max(20, (stream.columns ?? 80) - 1)))}\r`);
      drawn = false;
    },
  };
}

export function renderProgress(e: ProgressEvent): string {
  const label = e.phase === 'read' ? 'reading' : e.phase === 'analyse' ? 'analysing' : 'writing';
  if (e.total <= 0) return `keptn-migrate: ${label}…`;
  const pct = Math.floor((100 * e.done) / e.total);
  const bar = '#'.repeat(Math.floor(pct / 5)).padEnd(20, '.');
  return `keptn-migrate: ${label} [${bar}] ${e.done}/${e.total} files`;
}
