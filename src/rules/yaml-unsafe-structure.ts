import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'yaml-unsafe-structure',
  meta: {
    description: 'A YAML document nests too deep or uses too many aliases to be read safely, so it was not analysed',
    pack: 'keptn',
    category: 'parsing',
    severity: 'blocker',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Deeply nested documents crash some YAML parsers (yaml 2.8.3-2.9.1 abort the process on the second one) and alias bombs ' +
        '("billion laughs") expand exponentially. keptn-migrate refuses documents nested deeper than 100 levels, with more than ' +
        '100 aliases, with recursive aliases, or whose aliases expand them past 100,000 nodes (or ten times their own size), ' +
        'and reports them instead of hanging or crashing.',
      instead: 'Check whether the file is really a configuration file; flatten it or remove the aliases.',
      sources: ['GHSA-48c2-rrv3-qjmp (yaml deep nesting)', 'https://en.wikipedia.org/wiki/Billion_laughs_attack'],
    },
  },
  check(project, context) {
    for (const { file, problem } of project.parseProblems) {
      if (problem.code !== 'too-deep' && problem.code !== 'too-many-aliases') continue;
      context.report({
        message: `${problem.message}; the document was not analysed`,
        at: { file, range: { start: problem.offset, end: problem.offset }, anchor: problem.code },
      });
    }
  },
});
