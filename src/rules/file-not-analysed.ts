import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'file-not-analysed',
  meta: {
    description: 'A file keptn-migrate should read is binary, not valid UTF-8, too large or unreadable',
    pack: 'keptn',
    category: 'parsing',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'A file with a YAML or script name that cannot be decoded is never guessed at: keptn-migrate does not repair invalid UTF-8 ' +
        '(that would silently change the text) and never rewrites such a file. Files over --max-file-size are skipped to keep scans ' +
        'bounded. Each of them is reported so that nothing is passed over silently.',
      instead: 'Re-encode the file as UTF-8, exclude it with --exclude if it is not configuration, or raise --max-file-size.',
      sources: ['https://encoding.spec.whatwg.org/#utf-8-decoder (fatal mode)'],
    },
  },
  check(project, context) {
    for (const u of project.unreadable) {
      context.report({ message: `file not analysed: ${u.reason}`, at: { path: u.file, line: u.line ?? 1, anchor: 'file' } });
    }
  },
});
