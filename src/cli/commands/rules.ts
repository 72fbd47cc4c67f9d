import type { Command } from 'commander';
import { EXIT, type CliIo } from '../io.js';

export function registerRules(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('rules')
    .description('list the rule catalogue: id, severity, category, fixable, description')
    .option('--json', 'print the catalogue as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { allRules } = await import('../../rules/index.js');
      const rules = [...allRules].sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.id.localeCompare(b.id));
      if (flags.json) {
        io.stdout.write(JSON.stringify(rules.map((r) => ({ id: r.id, ...r.meta })), null, 2) + '\n');
        return;
      }
      const w = Math.max(...rules.map((r) => r.id.length));
      io.stdout.write(`${'RULE'.padEnd(w)}  SEVERITY  CATEGORY        FIX     DESCRIPTION\n`);
      for (const r of rules) {
        io.stdout.write(`${r.id.padEnd(w)}  ${r.meta.severity.padEnd(8)}  ${r.meta.category.padEnd(14)}  ${r.meta.fix.padEnd(6)}  ${r.meta.description}\n`);
      }
      setExit(EXIT.ok);
    });

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule>', 'rule id')
    .action(async (id: string) => {
      const { allRules } = await import('../../rules/index.js');
      const { renderRuleDoc } = await import('../../docs/rule-docs.js');
      const rule = allRules.find((r) => r.id === id);
      if (!rule) {
        const near = allRules.filter((r) => r.id.includes(id) || id.includes(r.id.split('-')[0] ?? '')).map((r) => r.id).slice(0, 5);
        io.stderr.write(`keptn-migrate: unknown rule "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (see \`keptn-migrate rules\`)\n`);
        setExit(EXIT.error);
        return;
      }
      io.stdout.write(renderRuleDoc(rule));
      setExit(EXIT.ok);
    });
}
