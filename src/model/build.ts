import path from 'node:path';
import { sniffKind } from '../core/classify.js';
import type { LoadedFile } from '../core/load.js';
import type { SkipNotice } from '../core/types.js';
import { asString, get } from '../core/values.js';
import { findCiUsages } from '../formats/ci.js';
import { isWorkloadKind, readNamespace, readResource, readWorkload } from '../formats/k8s.js';
import { readJobConfig } from '../formats/job-executor.js';
import { readDynatraceConf, readKeptnMetadata, readKltResource, readLighthouseConfig } from '../formats/monitoring.js';
import { readRemediation } from '../formats/remediation.js';
import { readShipyard } from '../formats/shipyard.js';
import { readSli } from '../formats/sli.js';
import { readSlo } from '../formats/slo.js';
import { readWebhookConfig } from '../formats/webhook.js';
import { readKustomization } from '../formats/kustomize.js';
import { deepestContaining, resolveScope, STAGE_DIRECTORY, type ProjectLocation } from './layout.js';
import { releaseUnread } from './release.js';
import type { KeptnProject, MigrationProject, UnreadableFile } from './project.js';
import { SourceRef } from './source-ref.js';
import type { Scope, Shipyard, ShipyardVersion } from './types.js';
import type { SourceFile } from '../core/source-file.js';

const KEPTN_KINDS = new Set(['shipyard', 'slo', 'sli', 'remediation', 'job-config', 'webhook-config']);

/** a project without its shipyards: what a summary model keeps of it */
export function projectSummaries(projects: readonly KeptnProject[]): Omit<KeptnProject, 'shipyard' | 'copies'>[] {
  return projects.map(({ shipyard: _s, copies: _c, ...rest }) => rest);
}

/**
 * A model that holds only the project summaries and the skipped files: what every scan reporter reads (all but the
 * readiness report). A --cache hit restores one; a scan cuts its model to one before writing the report, so the
 * documents, values and positions of the whole repository can be freed meanwhile.
 */
export function summaryModel(root: string, projects: readonly Omit<KeptnProject, 'shipyard' | 'copies'>[], skipped: MigrationProject['skipped']): MigrationProject {
  const project = emptyProject(root);
  project.projects = projects.map((p) => ({ ...p, copies: [] }));
  project.skipped = skipped;
  return project;
}

export function emptyProject(root: string): MigrationProject {
  return {
    root,
    projects: [],
    files: [],
    shipyards: [],
    slos: [],
    slis: [],
    remediations: [],
    jobConfigs: [],
    webhookConfigs: [],
    dynatraceConfs: [],
    lighthouseConfigs: [],
    workloads: [],
    namespaces: [],
    resources: [],
    helmCharts: [],
    helmArtifacts: [],
    ciUsages: [],
    kltResources: [],
    metadata: [],
    gitopsResources: [],
    testToolConfigs: [],
    helmValues: [],
    helmEndpoints: [],
    kustomizations: [],
    parseProblems: [],
    unreadable: [],
    skipped: [],
  };
}

/** Builds the Keptn v1 model of a repository from its loaded files. */
export function buildProject(root: string, files: LoadedFile[], unreadable: UnreadableFile[], skipped: SkipNotice[]): MigrationProject {
  const builder = new ModelBuilder(root);
  for (const lf of files) builder.add(lf);
  return builder.finish(unreadable, skipped);
}

interface FileInfo {
  relPath: string;
  dirName: string;
  keptnContent: boolean;
}

/**
 * Builds the model file by file, so the loaded files need not be kept: each node gets a scope object that is filled
 * in by `finish()`, once every shipyard (and so every project and stage) is known.
 */
export class ModelBuilder {
  private readonly model: MigrationProject;
  private readonly scopes: { file: SourceFile; scope: Scope }[] = [];
  private readonly infos: FileInfo[] = [];

  constructor(private readonly root: string) {
    this.model = emptyProject(root);
  }

  add(lf: LoadedFile): void {
    const model = this.model;
    const { file } = lf;
    const kinds = lf.docs.map((d) => d.cls.kind);
    this.infos.push({ relPath: file.relPath, dirName: file.dirName, keptnContent: lf.docs.some((d) => d.cls.kind !== 'shipyard') });
    const broken = lf.problems.some((p) => p.code === 'syntax') && !kinds.some((k) => KEPTN_KINDS.has(k));
    const sniffed = broken ? sniffKind(file.text) : undefined;
    model.files.push(sniffed ? { file, fileKind: lf.fileKind, kinds, sniffed } : { file, fileKind: lf.fileKind, kinds });
    for (const problem of lf.problems) model.parseProblems.push({ file, problem, templated: lf.fileKind === 'helm-template' });
    if (lf.fileKind === 'helm-package') {
      model.helmArtifacts.push({ file, kind: 'packaged-chart', detail: file.baseName });
      return;
    }
    if (mayHoldCiUsage(lf)) model.ciUsages.push(...findCiUsages(file));
    const scope: Scope = { project: '' };
    this.scopes.push({ file, scope });
    for (const { doc, cls } of lf.docs) {
      const src = new SourceRef(file, doc);
      const v = doc.value;
      switch (cls.kind) {
        case 'shipyard':
          model.shipyards.push(readShipyard(src, v, cls.variant as ShipyardVersion));
          break;
        case 'slo':
          model.slos.push(readSlo(src, v, scope, cls.variant === 'pitometer'));
          break;
        case 'sli': {
          const pitometer = cls.variant === 'pitometer';
          const provider = pitometer ? 'unknown' : (cls.variant ?? 'unknown');
          const fromPath = provider !== 'unknown' && file.dirName.toLowerCase().endsWith(provider);
          model.slis.push(readSli(src, v, scope, provider, provider === 'unknown' ? 'unknown' : fromPath ? 'path' : 'content'));
          break;
        }
        case 'remediation':
          model.remediations.push(readRemediation(src, v, scope, cls.variant === 'legacy' ? 'legacy' : '0.1.4'));
          break;
        case 'job-config':
          model.jobConfigs.push(readJobConfig(src, v, scope));
          break;
        case 'webhook-config':
          model.webhookConfigs.push(readWebhookConfig(src, v, scope));
          break;
        case 'dynatrace-conf':
          model.dynatraceConfs.push(readDynatraceConf(src, v, scope));
          break;
        case 'lighthouse-config':
          model.lighthouseConfigs.push(readLighthouseConfig(src, v));
          model.resources.push(readResource(src, v));
          break;
        case 'klt-resource':
          model.kltResources.push(readKltResource(src, v));
          break;
        case 'keptn-metadata':
          model.metadata.push(readKeptnMetadata(src, v));
          break;
        case 'jmeter-conf':
        case 'locust-conf':
          model.testToolConfigs.push({ tool: cls.kind === 'jmeter-conf' ? 'jmeter' : 'locust', src });
          break;
        case 'helm-values':
          model.helmValues.push({ src });
          break;
        case 'kustomization':
          model.kustomizations.push(readKustomization(src, v, file.dirName));
          break;
        case 'helm-endpoints':
          model.helmEndpoints.push({ src });
          break;
        case 'keptn-gitops':
          model.gitopsResources.push(readResource(src, v));
          break;
        case 'helm-chart':
          model.helmCharts.push({ dir: file.dirName, name: asString(get(v, 'name')), chartFile: file, branch: file.origin.branch });
          break;
        case 'k8s-manifest': {
          const kind = asString(get(v, 'kind')) ?? '';
          if (isWorkloadKind(kind)) model.workloads.push(readWorkload(src, v, lf.fileKind === 'helm-template', lf.templateActions));
          else if (kind === 'Namespace') model.namespaces.push(readNamespace(src, v));
          model.resources.push(readResource(src, v));
          break;
        }
        default:
          break;
      }
    }
    releaseUnread(lf);
  }

  finish(unreadable: UnreadableFile[], skipped: SkipNotice[]): MigrationProject {
    const model = this.model;
    model.unreadable = unreadable;
    model.skipped = skipped;
    model.projects = groupProjects(this.root, model.shipyards, this.infos);
    const locations = new Map<string, ProjectLocation>(model.projects.map((p) => [p.dir, { dir: p.dir, stages: p.stages }]));
    for (const { file, scope } of this.scopes) Object.assign(scope, resolveScope(file, locations));
    const services = servicesByProject(model);
    const names = new Map<string, string>();
    for (const m of model.metadata) if (m.projectName && !names.has(m.src.file.dirName)) names.set(m.src.file.dirName, m.projectName);
    for (const project of model.projects) {
      project.services = [...(services.get(project.dir) ?? [])].sort();
      const name = names.get(project.dir);
      if (name) project.name = name;
    }
    return model;
  }
}

function groupProjects(root: string, shipyards: Shipyard[], files: FileInfo[]): KeptnProject[] {
  const byDir = new Map<string, KeptnProject>();
  const ordered = [...shipyards].sort((a, b) => Number(Boolean(a.src.file.origin.branch)) - Number(Boolean(b.src.file.origin.branch)));
  for (const shipyard of ordered) {
    const dir = shipyard.src.file.dirName;
    const existing = byDir.get(dir);
    if (existing) {
      existing.copies.push(shipyard);
      continue;
    }
    byDir.set(dir, {
      dir,
      name: (shipyard.name ?? path.basename(dir === '' ? root : dir)).replace(/^shipyard-(?=.)/, ''),
      shipyard,
      copies: [],
      stages: shipyard.stages.map((s) => s.name).filter((n) => n !== ''),
      services: [],
      directoryMode: false,
      implicit: false,
    });
  }
  const needsImplicit = files.some((f) => f.keptnContent && deepestContaining(byDir, f.dirName) === undefined);
  if (needsImplicit && !byDir.has('')) {
    byDir.set('', { dir: '', name: path.basename(root), copies: [], stages: [], services: [], directoryMode: false, implicit: true });
  }
  for (const f of files) {
    const i = f.relPath.indexOf(`${STAGE_DIRECTORY}/`);
    if (i === -1) continue;
    const dir = i === 0 ? '' : f.relPath.slice(0, i - 1);
    const p = byDir.get(dir);
    if (p) p.directoryMode = true;
  }
  return [...byDir.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** project directory → the services its Keptn v1 files are scoped to */
function servicesByProject(model: MigrationProject): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const scoped = [
    ...model.slos, ...model.slis, ...model.remediations, ...model.jobConfigs, ...model.webhookConfigs, ...model.dynatraceConfs,
  ];
  for (const node of scoped) {
    if (!node.scope.service) continue;
    const set = out.get(node.scope.project) ?? new Set<string>();
    set.add(node.scope.service);
    out.set(node.scope.project, set);
  }
  return out;
}

/** Kinds whose text is configuration, never a pipeline: CI usages are looked for everywhere else. */
const NOT_CI = new Set(['k8s-manifest', 'shipyard', 'slo', 'sli', 'remediation', 'job-config', 'webhook-config', 'dynatrace-conf', 'lighthouse-config', 'klt-resource', 'helm-chart', 'helm-values', 'kustomization', 'keptn-metadata', 'empty']);

function mayHoldCiUsage(lf: LoadedFile): boolean {
  if (lf.fileKind === 'script') return true;
  if (lf.fileKind !== 'yaml' && lf.fileKind !== 'helm-template') return false;
  return lf.docs.length === 0 || lf.docs.some((d) => !NOT_CI.has(d.cls.kind));
}
