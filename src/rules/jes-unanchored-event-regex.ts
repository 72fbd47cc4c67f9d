import { defineRule } from '../engine/rule.js';
import { goRegexp } from '../core/go-regexp.js';
import { candidateEvents, list, literalEvent } from './lib/integrations.js';

export default defineRule({
  id: 'jes-unanchored-event-regex',
  meta: {
    description: 'A job-executor-service event name that, as an unanchored regular expression, matches more event types than it names',
    pack: 'keptn',
    category: 'job-executor',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'job-executor-service matched `events[].name` with Go regexp.MatchString against the CloudEvent type: unanchored, and `.` matches ' +
        'any character. `test.triggered` also matches `sh.keptn.event.load-test.triggered` and the `sh.keptn.event.dev.test.triggered` ' +
        'sequence event; `sh.keptn.event.*.triggered` matches every task. The job therefore ran for more tasks than its name suggests, and ' +
        'a migration that takes the name literally attaches it to too few workloads.',
      instead:
        'List every task the pattern really matched (the message names those of the project\'s shipyard) and decide for each whether the ' +
        'KLT workload should run the task: one `keptn.sh/post-deployment-tasks` (or pre-deployment) entry per workload that needs it.',
      codeVsSpec:
        'docs/FEATURES.md presents wildcards as a feature; a full type such as `sh.keptn.event.test.triggered` matches only itself in ' +
        'practice (every real type starts with `sh.keptn.event.`), so the rule reports suffix patterns, wildcards and patterns whose ' +
        'matches it can show, not every dotted name.',
      sources: [
        'keptn-contrib/job-executor-service@4511213 pkg/config/config.go (IsEventMatch: regexp.MatchString(event.Name, eventType))',
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md (Event Matching)',
        'https://pkg.go.dev/regexp#MatchString',
      ],
    },
  },
  check(project, context) {
    for (const config of project.jobConfigs) {
      const candidates = candidateEvents(project, config.scope);
      for (const action of config.actions) {
        for (const event of action.events) {
          const name = event.name.trim();
          if (name === '' || (name.startsWith('^') && name.endsWith('$'))) continue;
          // a pattern Go refuses is left alone
          const re = goRegexp(name);
          if (!re) continue;
          const literal = literalEvent(name, 'regex');
          const matched = candidates.filter((c) => re.test(c.type));
          const full = literal === undefined ? undefined : literal.startsWith('sh.keptn.event.') ? literal : `sh.keptn.event.${literal}`;
          const others = matched.filter((c) => c.type !== full && c.type !== `${full}.triggered`);
          const shown = others.filter((c) => c.fromShipyard).map((c) => c.label);
          const also = shown.length ? `; in this project it also matches ${list(shown)}` : '';
          let message: string | undefined;
          if (literal === undefined) {
            const pool = matched.some((c) => c.fromShipyard) ? matched.filter((c) => c.fromShipyard) : matched;
            message = `event name "${name}" is a regular expression pattern: it matches ${pool.length ? list(pool.map((c) => c.label)) : 'many event types'}, not one task`;
          } else if (!literal.startsWith('sh.keptn.event.') && !name.startsWith('^')) {
            const task = literal.replace(/\.(triggered|started|finished)$/, '');
            message =
              `event name "${name}" is matched anywhere in the event type (unanchored Go regexp): every task or sequence whose name ends ` +
              `in "${task}" triggers it too${also}; anchor it as ^sh\\.keptn\\.event\\.${task.replace(/\./g, '\\.')}\\.triggered$`;
          } else if (others.length > 0) {
            message = `event name "${name}" is an unanchored Go regexp and also matches ${list(others.map((c) => c.label))}`;
          }
          if (message) context.report({ message, at: event.src.at('name') });
        }
      }
    }
  },
});
