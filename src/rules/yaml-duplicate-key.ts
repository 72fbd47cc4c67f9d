import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'yaml-duplicate-key',
  meta: {
    description: 'A mapping repeats a key; the scan used the last value, Keptn v1 and kubectl rejected the file',
    pack: 'keptn',
    category: 'parsing',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'go-yaml v3 (used by the Keptn v1 services) and kubectl\'s strict decoding refuse a mapping with a repeated key. keptn-migrate ' +
        'reads the last value so the rest of the file can still be analysed, but what the file means is ambiguous.',
      instead: 'Remove the duplicate key, keeping the value you mean.',
      sources: ['https://yaml.org/spec/1.2.2/#mapping (keys must be unique)', 'https://github.com/go-yaml/yaml/tree/v3 (mapping key already defined)'],
    },
  },
  check(project, context) {
    for (const { file, problem } of project.parseProblems) {
      if (problem.code !== 'duplicate-key') continue;
      context.report({
        message: 'duplicate mapping key; the last value was used',
        at: { file, range: { start: problem.offset, end: problem.offset }, anchor: 'duplicate-key' },
      });
    }
  },
});
