export const SEVERITIES = ['blocker', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { blocker: 3, warning: 2, info: 1 };

export type Pack = 'keptn' | 'kyma' | 'tilt';

export type FixSafety = 'safe' | 'unsafe';

/** Offsets are UTF-16 code-unit offsets into the decoded text, BOM excluded; `end` is exclusive. */
export interface Range {
  start: number;
  end: number;
}

export interface Position {
  /** 1-based */
  line: number;
  /** 1-based, in UTF-16 code units */
  column: number;
}

export interface TextEdit {
  /** display path of the file the edit applies to */
  file: string;
  range: Range;
  text: string;
}

export interface Fix {
  safety: FixSafety;
  title: string;
  edits: TextEdit[];
}

export interface FindingLocation {
  /** display path: POSIX, relative to the scan root; `branch:path` for files read from another git branch */
  file: string;
  start: Position;
  end: Position;
  range?: Range;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: FindingLocation;
  /** a stable identity that survives edits elsewhere in the file */
  fingerprint: string;
  /** a short, line-number-free description of where the finding is (`Deployment/carts > spec.template`) */
  anchor: string;
  fix?: Fix;
  suggestions?: string[];
}

/** A file that was not analysed, or only partly, and why. Always shown to the user. */
export interface SkipNotice {
  file: string;
  reason: string;
}
