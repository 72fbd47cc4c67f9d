import type { ScanResult } from '../engine/scan.js';

export interface ReporterContext {
  /** colour output (stylish only) */
  color: boolean;
  toolVersion: string;
  /** the severity at which the run fails, for reporters that mark failures */
  failOn: 'blocker' | 'warning' | 'info' | 'never';
}

export type Reporter = (result: ScanResult, context: ReporterContext) => string;
