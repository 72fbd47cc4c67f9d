import type * as Re2js from 're2js';
import { loadRe2js } from './re2js.js';

let re2js: typeof Re2js | undefined;
const compiled = new Map<string, Re2js.RE2JS | undefined>();

/**
 * A pattern as Go's `regexp` package compiles it (RE2 syntax: `(?i)`, `(?P<name>…)`, `\A`, `\z`, `[[:alpha:]]`, no
 * backreferences or lookaround), matched in time linear in the text by re2js, a port of RE2: what job-executor-service
 * did with `regexp.MatchString(pattern, eventType)`. JavaScript's RegExp differs from Go on such patterns and, given a
 * pattern from the repository such as `(a|a)*$`, can backtrack for hours. Undefined when Go would refuse the pattern.
 */
export function goRegexp(pattern: string): { test(text: string): boolean } | undefined {
  if (!compiled.has(pattern)) {
    re2js ??= loadRe2js();
    let re: Re2js.RE2JS | undefined;
    try {
      re = re2js.RE2JS.compile(pattern);
    } catch {
      re = undefined;
    }
    compiled.set(pattern, re);
  }
  const re = compiled.get(pattern);
  return re && { test: (text: string) => re.matcher(text).find() };
}
