import { isCandidate } from '../core/discover.js';
import { defineRule } from '../engine/rule.js';
import { jobTasks } from './lib/integrations.js';
import type { MigrationProject } from '../model/project.js';
import { projectOf } from '../model/project.js';
import type { JobConfig } from '../model/types.js';

/** the scanned files a `files:` entry of `config` can refer to (the service folder, or the whole project for project-level configs) */
function filesFor(project: MigrationProject, config: JobConfig, path: string): string[] {
  const projectDir = projectOf(project, config.scope)?.dir ?? config.scope.project;
  const configDir = config.src.file.dirName.replace(/(^|\/)job$/, '');
  const base = config.scope.service !== undefined ? configDir : projectDir;
  const prefix = base === '' ? '' : `${base}/`;
  const out: string[] = [];
  for (const { file } of project.files) {
    if (file === config.src.file || !file.relPath.startsWith(prefix)) continue;
    const rest = file.relPath.slice(prefix.length);
    if (rest === path || rest.endsWith(`/${path}`) || rest.startsWith(`${path}/`) || rest.includes(`/${path}/`)) out.push(file.displayPath);
  }
  return [...new Set(out)].sort();
}

export default defineRule({
  id: 'jes-repo-files',
  meta: {
    description: 'Files a job-executor-service task took from the Keptn config repo (mounted under /keptn/<path>)',
    pack: 'keptn',
    category: 'job-executor',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'job-executor-service\'s init container downloaded every `files:` entry (a file, or a directory with everything below it) from the ' +
        'Keptn configuration repository of the triggering project, stage and service into an emptyDir mounted at `/keptn`. KLT has no ' +
        'configuration repository: a container KeptnTaskDefinition sees only its image and an empty scratch volume. Files that exist only in ' +
        'the Keptn repo (uploaded with `keptn add-resource`) and not in the repository being migrated are lost with the Keptn installation.',
      instead:
        'Give the task the files another way. A container KeptnTaskDefinition cannot mount a ConfigMap: the operator creates exactly one ' +
        'volume for it, an in-memory emptyDir named after the container\'s first volumeMount. So either build a small image that adds the ' +
        'files (`FROM locustio/locust` + `COPY locust/ /keptn/locust/`), or fetch them at start into that emptyDir (`git clone` / `curl` ' +
        'from the repository being migrated), or, for a single script, use the deno/python runtime with `configMapRef` (ConfigMap key ' +
        '`code`). Keep the `/keptn/<path>` locations so the commands need no change.',
      sources: [
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md (File Handling)',
        'keptn/lifecycle-toolkit docs/docs/guides/tasks.md@keptn-v2.5.0 (container runtime)',
        'keptn/lifecycle-toolkit lifecycle-operator/controllers/lifecycle/keptntask/container_builder.go (generateVolume: one emptyDir for the first volumeMount)',
        'keptn/lifecycle-toolkit docs/docs/reference/crd-reference/taskdefinition.md@keptn-v2.5.0 (configMapRef)',
      ],
    },
  },
  check(project, context) {
    for (const { config, task } of jobTasks(project)) {
      task.files.forEach((raw, i) => {
        const path = raw.trim().replace(/^\/+/, '').replace(/(?<!\/)\/+$/, '');
        if (path === '') return;
        const found = filesFor(project, config, path);
        const where = `file "${raw}" of task "${task.name}" is mounted from the Keptn repo at /keptn/${path}`;
        let message: string;
        if (found.length === 1 && found[0]?.endsWith(path)) {
          message = `${where}: KLT has no Keptn repo, so bake it into the task image or fetch it at start (found as ${found[0]})`;
        } else if (found.length > 0) {
          message = `${where}: KLT has no Keptn repo, so bake these ${found.length} files into the task image or fetch them at start (found: ${found.slice(0, 3).join(', ')}${found.length > 3 ? ', ...' : ''})`;
        } else if (isCandidate(path)) {
          message = `${where} but is not in the scanned repository: it lived only in the Keptn config repo; recover it before Keptn is removed or the task loses it`;
        } else {
          message = `${where}; keptn-migrate reads only YAML and scripts, so check that it is in this repository, then bake it into the task image or fetch it at start`;
        }
        context.report({ message, at: task.src.at('files', i) });
      });
    }
  },
});
