// Job-executor-service matched event names with Go's regexp (RE2): keptn-migrate matches them with re2js, a port of
// RE2, not with JavaScript's RegExp, whose syntax differs and which backtracks exponentially on some patterns.
import { describe, expect, it } from 'vitest';
import { goRegexp } from '../src/core/go-regexp.js';

const matches = (pattern: string, text: string) => goRegexp(pattern)?.test(text);

describe('goRegexp', () => {
  it('matches unanchored, with Go syntax JavaScript lacks', () => {
    expect(matches('test.triggered', 'sh.keptn.event.load-test.triggered')).toBe(true);
    expect(matches('^sh\\.keptn\\.event\\.test\\.triggered$', 'sh.keptn.event.load-test.triggered')).toBe(false);
    expect(matches('(?i)TEST', 'sh.keptn.event.test.triggered')).toBe(true);
    expect(matches('\\Ash\\.keptn\\.event\\.(?P<task>[[:alpha:]]+)\\.triggered\\z', 'sh.keptn.event.test.triggered')).toBe(true);
    // Go's `.` stops only at \n; JavaScript's also at \r, U+2028 and U+2029
    expect(matches('a.b', 'a\rb')).toBe(true);
  });

  it('refuses what Go refuses (backreferences, lookaround), which JavaScript would accept', () => {
    expect(goRegexp('(a)\\1')).toBeUndefined();
    expect(goRegexp('test(?=\\.triggered)')).toBeUndefined();
    expect(goRegexp('(unclosed')).toBeUndefined();
  });

  it('runs in time linear in the text: a pattern RegExp backtracks on for hours answers at once', () => {
    expect(matches('(a|a)*$', `sh.keptn.event.${'a'.repeat(10_000)}x.triggered`)).toBe(true);
    expect(matches('^(a|a)*$', `${'a'.repeat(10_000)}x`)).toBe(false);
  });
});
