import type { Command } from 'commander';
import type { GateVerification } from '../../engine/verify.js';
import { visible } from '../../core/visible-text.js';
import { EXIT, type CliIo } from '../io.js';
import { oneOf } from '../options.js';

export function registerVerify(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description("evaluate every quality gate with Keptn v1's algorithm and its KLT translation on every value class; exit 1 on an unexplained difference")
    .argument('[paths...]', 'files or directories', ['.'])
    .option('-f, --format <format>', 'text or json', oneOf('--format', ['text', 'json'] as const), 'text')
    .action(async (paths: string[], flags: { format: 'text' | 'json' }) => {
      const { verify } = await import('../../engine/verify.js');
      const gates = await verify({ paths, cwd: io.cwd });
      io.stdout.write(flags.format === 'json' ? JSON.stringify({ formatVersion: 1, gates }, null, 2) + '\n' : renderText(gates));
      setExit(gates.every((g) => g.explained) ? EXIT.ok : EXIT.findings);
    });
}

function renderText(gates: GateVerification[]): string {
  const out: string[] = [];
  if (gates.length === 0) out.push('no slo.yaml found');
  for (const g of gates) {
    out.push(`${g.slo} → AnalysisDefinition ${g.definition} (pass ≥${g.passPercentage}%, warning ≥${g.warningPercentage}%)`);
    for (const o of g.objectives) {
      const verdict = o.differences.length === 0 ? `same verdict for all ${o.values} value classes` : `differs at ${o.differences.map((d) => `${d.value} (Keptn v1 ${d.v1}, KLT ${d.klt})`).join(', ')}`;
      out.push(`  ${o.sli}`, `    Keptn v1: ${o.keptnV1}`, `    KLT:      ${o.klt}`, `    ${verdict}`);
      for (const l of o.losses) out.push(`    loss: ${l}`);
    }
    if (g.informative.length) out.push(`  informative (not scored, as in Keptn v1): ${g.informative.join(', ')}`);
    for (const l of g.scoreLosses) out.push(`  total score: ${l}`);
    out.push(
      `  whole gate: ${g.combinations} value combinations, ${g.gateDifferences.length} with a different result${g.gateDifferences.length ? (g.explained ? ' (all explained by the losses above)' : ' — UNEXPLAINED') : ''}`,
      '',
    );
  }
  const unexplained = gates.filter((g) => !g.explained).length;
  out.push(unexplained ? `✖ ${unexplained} gate(s) with unexplained differences` : `✔ ${gates.length} gate(s): every difference is a recorded loss`);
  // one line each: names, criteria and paths come from the repository
  return out.map((line) => visible(line)).join('\n') + '\n';
}
