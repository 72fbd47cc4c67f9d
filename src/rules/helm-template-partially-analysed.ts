import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'helm-template-partially-analysed',
  meta: {
    description: 'A Helm template could only be read in part without rendering it',
    pack: 'keptn',
    category: 'helm',
    severity: 'info',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Helm templates are not YAML until rendered. keptn-migrate reads them without rendering by blanking out the `{{ }}` actions; ' +
        'where the rest still does not parse (a template that builds YAML structure from strings), the part after the problem ' +
        'is not analysed. This is not an error in the chart.',
      instead: 'Scan the rendered output as well: `helm template . | keptn-migrate scan -`.',
      sources: ['https://helm.sh/docs/chart_template_guide/'],
    },
  },
  check(project, context) {
    const seen = new Set<string>();
    for (const { file, problem, templated } of project.parseProblems) {
      if (!templated || seen.has(file.displayPath)) continue;
      seen.add(file.displayPath);
      context.report({
        message: `Helm template only partly analysed without rendering (${problem.message}); run 'helm template' and scan its output to check the rest`,
        at: { file, range: { start: problem.offset, end: problem.offset }, anchor: 'template' },
      });
    }
  },
});
