import { asArray, asString, get, isDict } from '../core/values.js';
import { defineRule } from '../engine/rule.js';
import { firstKey, valueAt } from './lib/integrations.js';

const SERVICE = { jmeter: 'jmeter-service', locust: 'locust-service' } as const;

export default defineRule({
  id: 'test-tool-config',
  meta: {
    description: 'A jmeter-service or locust-service configuration (jmeter.conf.yaml, locust.conf.yaml): the test service is gone in KLT',
    pack: 'keptn',
    category: 'integrations',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'jmeter-service and locust-service answered `test.triggered` by picking the workload whose `teststrategy` equalled ' +
        '`data.test.teststrategy` of the event, running its script against the deployment URL from the event, and failing the test when ' +
        'the error rate exceeded `acceptederrorrate` (or the average response time `avgrtvalidation`). KLT has no test services: the test ' +
        'becomes a container task, and the strategy choice, target URL and pass/fail thresholds have to be written into it.',
      instead:
        'One container KeptnTaskDefinition per workload you still need (image `justb4/jmeter` or `locustio/locust`), run post-deployment ' +
        'through `keptn.sh/post-deployment-tasks` on the workloads that used this strategy; the script baked into the image or fetched at ' +
        'start; the target as the Service\'s cluster DNS name; the thresholds re-created so that a failing test exits non-zero and fails ' +
        'the task (JMeter: assertions plus a check of the result file; locust: `--exit-code-on-error` or a quitting check on the failure ratio).',
      sources: [
        'keptn/keptn@0.18.1 jmeter-service/model.go (workloads: teststrategy, vuser, loopcount, thinktime, script, acceptederrorrate, avgrtvalidation)',
        'keptn-sandbox/locust-service test-data/locust.conf.yaml (workloads: teststrategy, script, conf)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (load-test services become container KeptnTasks)',
      ],
    },
  },
  check(project, context) {
    for (const conf of project.testToolConfigs) {
      const workloads = asArray(get(valueAt(conf.src), 'workloads'));
      if (workloads.length === 0) {
        context.report({ message: `${SERVICE[conf.tool]} configuration without workloads: nothing to port, delete it`, at: firstKey(conf.src) });
        continue;
      }
      workloads.forEach((w, i) => {
        if (!isDict(w)) return;
        const strategy = asString(w.teststrategy) ?? '';
        const script = asString(w.script);
        const checks = ['acceptederrorrate', 'avgrtvalidation'].filter((k) => w[k] !== undefined && w[k] !== null).map((k) => `${k} ${String(w[k])}`);
        const src = conf.src.at('workloads', i, 'teststrategy');
        context.report({
          message:
            `${conf.tool} workload "${strategy}"${script ? ` (script ${script})` : ''} ran on test.triggered with teststrategy "${strategy}": ` +
            `${SERVICE[conf.tool]} is gone; run it as a container task post-deployment on the workloads that used this strategy` +
            (checks.length ? ` and re-create its pass criteria (${checks.join(', ')})` : ''),
          at: src.exists() ? src : conf.src.at('workloads', i),
        });
      });
    }
  },
});
