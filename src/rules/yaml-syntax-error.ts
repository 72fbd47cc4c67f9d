import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'yaml-syntax-error',
  meta: {
    description: 'A YAML file does not parse, so nothing in it can be checked or migrated',
    pack: 'keptn',
    category: 'parsing',
    severity: 'blocker',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'A file that does not parse cannot be analysed: any Keptn v1 resource in it is invisible to the migration. Keptn v1 itself ' +
        'rejected such files (its services decode YAML with go-yaml), so the resource probably never worked either.',
      instead: 'Fix the syntax at the reported line and run the scan again. Helm templates are read tolerantly and never reported here.',
      sources: ['https://yaml.org/spec/1.2.2/', 'keptn/keptn@318a3d5 resource-service (files are stored as-is, parsed by each consumer)'],
    },
  },
  check(project, context) {
    const sniffed = new Map(project.files.filter((f) => f.sniffed).map((f) => [f.file.displayPath, f.sniffed]));
    for (const { file, problem, templated } of project.parseProblems) {
      if (problem.code !== 'syntax' || templated) continue;
      const looksLike = sniffed.get(file.displayPath);
      context.report({
        message: `YAML syntax error${looksLike ? ` in what looks like a Keptn v1 ${looksLike}` : ''}: ${problem.message}`,
        at: { file, range: { start: problem.offset, end: problem.offset }, anchor: 'syntax' },
      });
    }
  },
});
