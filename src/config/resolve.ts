import path from 'node:path';
import { allRules } from '../rules/index.js';
import { asList, ConfigError, findConfigFile, loadConfigFile, ruleSettingsFrom, type LoadedConfig } from './load.js';
import type { KeptnMigrateConfig } from './schema.js';
import type { Rule } from '../engine/rule.js';
import type { RuleSettings } from '../engine/run-rules.js';

export { ConfigError };

/**
 * The configuration a command runs with: `--config FILE` (relative to the working directory), none with
 * `--no-config`, else `.keptn-migrate.yaml` found upward from the first scanned path.
 */
export function resolveConfig(
  paths: readonly string[],
  cwd: string,
  flag: string | boolean | undefined,
  /** transform ids, to check transforms.only/skip (commands that run transforms pass them; scan does not load transforms) */
  transforms?: readonly string[],
): LoadedConfig | undefined {
  const known = { rules: allRules.map((r) => r.id), transforms };
  if (flag === false) return undefined;
  if (typeof flag === 'string') {
    return loadConfigFile(path.resolve(cwd, flag), known, flag);
  }
  const first = paths.find((p) => p !== '-') ?? '.';
  const found = findConfigFile(path.resolve(cwd, first));
  if (!found) return undefined;
  const rel = path.relative(cwd, found);
  return loadConfigFile(found, known, rel && !rel.startsWith('..') ? rel : found);
}

export interface ScanSelection {
  rules: Rule[];
  settings: RuleSettings;
  include?: string[];
  exclude?: string[];
}

/** Rules, severities and file selection from the configuration, with command-line globs taking precedence. */
export function scanSelection(config: KeptnMigrateConfig | undefined, flags: { include?: string[]; exclude?: string[] }): ScanSelection {
  const { rules, settings } = ruleSettingsFrom(config ?? {}, allRules);
  const include = flags.include ?? (config?.include ? asList(config.include) : undefined);
  const exclude = [...asList(config?.exclude), ...(flags.exclude ?? [])];
  return { rules, settings, include, exclude: exclude.length ? exclude : undefined };
}
