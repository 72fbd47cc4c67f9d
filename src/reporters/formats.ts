/** the scan output formats, apart from the reporters so the CLI can list them without loading any */
export const SCAN_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];
