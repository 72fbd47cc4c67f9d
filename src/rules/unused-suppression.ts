import { defineRule } from '../engine/rule.js';

/**
 * Reported by the engine (src/engine/suppressions.ts) after every other rule has run, because whether a directive
 * suppressed anything is only known then; `check` itself has nothing to do. Turning this rule off (or leaving it out
 * of the run) keeps the directives working and only silences these reports.
 */
export default defineRule({
  id: 'unused-suppression',
  meta: {
    description: 'A keptn-migrate-disable-next-line / -disable-file comment that suppresses nothing, has no reason, or names an unknown rule',
    pack: 'keptn',
    category: 'parsing',
    severity: 'warning',
    fix: 'none',
    effort: 0,
    docs: {
      why:
        'A suppression comment (`# keptn-migrate-disable-next-line RULE -- reason`, or `# keptn-migrate-disable-file RULE -- reason` ' +
        'for the whole file) hides findings from every report and CI gate. One that no longer matches a finding (the line moved, the ' +
        'problem was fixed, the rule id is misspelt) would silently hide the next real finding there, and one without a reason ' +
        'leaves reviewers guessing why the migration blocker was accepted. So a directive needs a reason after `--` (without one it ' +
        'suppresses nothing), and every directive that suppressed nothing in the run is reported, as ESLint does with ' +
        '--report-unused-disable-directives.',
      instead:
        'Remove the directive or the rule ids it reports as unused; add `-- why this is acceptable` to directives without a reason; ' +
        'fix misspelt rule ids (`keptn-migrate rules` lists them). A directive applies to the next line that is neither blank nor a ' +
        'comment (next-line) or to every finding of the rule in the file (file); `//` comments work in Jenkinsfiles.',
      sources: [
        'https://eslint.org/docs/latest/use/configure/rules#report-unused-eslint-disable-comments',
        'https://eslint.org/docs/latest/use/configure/rules#comment-descriptions',
      ],
    },
  },
  check() {
    // the findings come from applySuppressions (src/engine/suppressions.ts), which runs after all rules
  },
});
