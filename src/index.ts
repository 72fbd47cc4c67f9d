export { scan, type ScanOptions, type ScanResult } from './engine/scan.js';
export { defineRule, type Rule, type RuleMeta, type RuleContext } from './engine/rule.js';
export { allRules } from './rules/index.js';
export type { Finding, Severity, Range, SkipNotice } from './core/types.js';
export type { MigrationProject, KeptnProject } from './model/project.js';
export { reporters } from './reporters/index.js';
