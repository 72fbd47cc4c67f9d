/**
 * Characters a terminal, a CI log or a rendered page would act on instead of showing: C0 and C1 controls (line breaks,
 * ESC and CSI start terminal escape sequences), DEL, bidirectional overrides and isolates (text shown in another
 * order than it is written, "Trojan Source"), line and paragraph separators, and invisible marks (zero-width space,
 * byte order mark). Tab is kept; line feed and carriage return only when asked.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is what it is for
const HIDDEN = /[\x00-\x08\x0A-\x1F\x7F-\x9F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// eslint-disable-next-line no-control-regex -- the same without \n and \r
const HIDDEN_BUT_LINE_BREAKS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/**
 * Text from the scanned files (names, values, paths) as it may be printed in a human-readable output: every
 * character HIDDEN matches is written as an escape (`\n`, `\x1b`, `\u202e`), so a repository cannot move the cursor,
 * clear the screen, retitle the terminal, start a line of its own (a CI workflow command: `::error::`, `##vso[`) or
 * reorder what is shown. `lineBreaks: 'keep'` is for outputs where a line break is only layout (HTML) or is escaped
 * by the format itself (a workflow command's message). Machine formats (JSON, SARIF, JUnit, GitLab) keep the text as
 * it is, in their own escaping.
 */
export function visible(s: string, lineBreaks: 'escape' | 'keep' = 'escape'): string {
  const hidden = lineBreaks === 'keep' ? HIDDEN_BUT_LINE_BREAKS : HIDDEN;
  hidden.lastIndex = 0;
  if (!hidden.test(s)) return s;
  return s.replace(hidden, (c) => SHORT[c] ?? escapeCode(c.charCodeAt(0)));
}

function escapeCode(code: number): string {
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
