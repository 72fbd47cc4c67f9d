import { defineRule } from '../engine/rule.js';
import { describeTask, listing, propString, q, serversOf, taskRef, tasksOf } from './lib/shipyard.js';

export default defineRule({
  id: 'shipyard-test-task',
  meta: {
    description: 'A test task: jmeter-service/locust-service ran tests from the Keptn repository; in KLT a container task runs them',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'The `test` task made jmeter-service (or locust-service, or a job-executor action) run the test files stored in the ' +
        'service\'s folder of the Keptn repository (`jmeter/*.jmx`, `jmeter/jmeter.conf.yaml`, `locust/*.py`), selected by the ' +
        '`teststrategy` property (`functional`, `performance`, or a workload name from jmeter.conf.yaml), against the deployment ' +
        'URL that helm-service reported. KLT has no test services: the test run becomes a KeptnTaskDefinition with a container ' +
        'image, and the test files, the URL of the service and the thresholds have to be provided to it.',
      instead:
        'Package the test run as a post-deployment container task:\n\n```yaml\napiVersion: lifecycle.keptn.sh/v1\n' +
        'kind: KeptnTaskDefinition\nmetadata:\n  name: carts-performance\nspec:\n  container:\n    name: jmeter\n' +
        '    image: justb4/jmeter:5.5\n    args: ["-n", "-t", "/tests/load.jmx", "-JSERVER_URL=carts.staging.svc:80"]\n' +
        '    volumeMounts: [{ name: tests, mountPath: /tests }]\n  timeout: 30m\n```\n\n' +
        'and reference it with `keptn.sh/post-deployment-tasks: carts-performance`. Raise `timeout` (default 5m) for load tests.',
      sources: [
        'keptn/spec shipyard.md (Reserved Keptn Tasks: test)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (service: load-test services; task: test)',
        'keptn/lifecycle-toolkit docs/docs/reference/crd-reference/taskdefinition.md@keptn-v2.5.0 (container, timeout)',
      ],
    },
  },
  check(project, context) {
    for (const v of tasksOf(project)) {
      if (v.task.name !== 'test') continue;
      const strategy = propString(v.task, 'teststrategy');
      const servers = serversOf(project, v.shipyard, v.stage.name, 'test', v.task.properties);
      const by = servers.length ? listing(servers.map((s) => s.label)) : 'jmeter-service or locust-service';
      const what = strategy === undefined ? 'without a teststrategy' : `with teststrategy ${q(strategy)}`;
      context.report({
        message:
          `${describeTask(v)} ${what}: ${by} ran the tests from the Keptn repository; in KLT a container ` +
          'KeptnTaskDefinition (e.g. a JMeter or Locust image with the test files) runs them post-deployment',
        at: taskRef(v),
      });
    }
  },
});
