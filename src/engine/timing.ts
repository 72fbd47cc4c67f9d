/**
 * `KEPTN_MIGRATE_TIMING=1` (ESLint's TIMING=1): how long each phase and the slowest rules took, and the resident
 * memory after each phase, printed to stderr at the end of a run. Off by default; when off, recording costs one
 * branch per call.
 */
export class Timing {
  private readonly phases: [string, number, number][] = [];
  private readonly rules = new Map<string, number>();
  /** set only when enabled: the first use of `performance` loads Node's perf_hooks (~1.3 ms of every run) */
  private last = 0;

  constructor(readonly enabled: boolean) {
    if (enabled) this.last = performance.now();
  }

  /** ends the phase that started at the previous mark */
  phase(name: string): void {
    if (!this.enabled) return;
    const now = performance.now();
    this.phases.push([name, now - this.last, process.memoryUsage.rss()]);
    this.last = now;
  }

  rule(id: string, ms: number): void {
    if (this.enabled) this.rules.set(id, (this.rules.get(id) ?? 0) + ms);
  }

  render(topRules = 10): string {
    const total = this.phases.reduce((n, [, ms]) => n + ms, 0);
    const lines = ['phase                          time (ms)  relative  RSS after (MB)'];
    for (const [name, ms, rss] of this.phases) {
      lines.push(`${name.padEnd(30)} ${ms.toFixed(1).padStart(9)}  ${((100 * ms) / (total || 1)).toFixed(1).padStart(7)}%  ${(rss / 1048576).toFixed(0).padStart(14)}`);
    }
    const ruleTotal = [...this.rules.values()].reduce((a, b) => a + b, 0);
    lines.push('', 'rule                           time (ms)  relative');
    for (const [id, ms] of [...this.rules].sort((a, b) => b[1] - a[1]).slice(0, topRules)) {
      lines.push(`${id.padEnd(30)} ${ms.toFixed(1).padStart(9)}  ${((100 * ms) / (ruleTotal || 1)).toFixed(1).padStart(7)}%`);
    }
    return lines.join('\n') + '\n';
  }
}

/** the timing of this process's run (one CLI command) */
export const timing = new Timing(/^(1|true|all|\d+)$/i.test(process.env.KEPTN_MIGRATE_TIMING ?? ''));
