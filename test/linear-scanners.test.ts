// The patterns test/regex-safety.test.ts made keptn-migrate rewrite (quadratic on crafted input) against the
// regular expressions they replace, on generated strings short enough for the old ones: same matches, same
// results. Alphabets are the characters each pattern cares about.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffKind } from '../src/core/classify.js';
import { actionBody, replaceActions, templateActions } from '../src/core/template-actions.js';
import { templateReferences } from '../src/formats/webhook.js';
import { goParseFloat } from '../src/formats/slo-criteria.js';
import { durationSeconds } from '../src/gates/sli-templates.js';
import { withoutStringLiterals } from '../src/rules/lib/integrations.js';
import { echoedToTheEnd } from '../src/rules/lib/manifests.js';

const RUNS = { numRuns: 3_000, seed: 7 };
const text = (chars: string[], maxLength = 40) => fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));

describe('linear scanners give what the regular expressions they replace gave', () => {
  it('template actions, their replacement and their bodies', () => {
    fc.assert(
      fc.property(text(['{', '}', '-', ' ', 'a', '.', '\n', '"']), (t) => {
        const old = [...t.matchAll(/\{\{[\s\S]*?\}\}/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
        expect(templateActions(t)).toEqual(old);
        expect(replaceActions(t, (a) => `<${a.start}>`)).toBe(t.replace(/\{\{[\s\S]*?\}\}/g, (_m, offset: number) => `<${offset}>`));
        const bodies = [...t.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)].map((m) => [m.index, m[1]]);
        expect(templateActions(t).map((a) => [a.start, actionBody(a)])).toEqual(bodies);
      }),
      RUNS,
    );
  });

  it('Go string literals', () => {
    fc.assert(
      fc.property(text(['"', '`', '\\', 'a', ' ', '\n', '\r', '\u2028']), (t) => {
        expect(withoutStringLiterals(t)).toBe(t.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""'));
      }),
      RUNS,
    );
  });

  it('webhook template references', () => {
    const old = (t: string) => {
      const out: { ref: string; index: number; length: number }[] = [];
      const re = /\{\{-?\s*(?:[a-z]+\s+)?(\.[A-Za-z0-9_.]+)[^}]*\}\}/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(t))) out.push({ ref: m[1] as string, index: m.index, length: m[0].length });
      return out;
    };
    fc.assert(
      fc.property(text(['{', '}', '-', ' ', 'a', 'if', '.', 'X', '\n']), (t) => {
        expect(templateReferences(t)).toEqual(old(t));
      }),
      RUNS,
    );
  });

  it('an echo that prints the rest of the line', () => {
    fc.assert(
      fc.property(text(['echo', ' ', '-n', '-', 'x', '"', "'", '|', ';', '&', 'e']), (t) => {
        expect(echoedToTheEnd(t)).toBe(/\becho\s+(-\w+\s+)*["']?[^"'|;&]*$/.test(t));
      }),
      RUNS,
    );
  });

  it('numbers and durations', () => {
    const oldFloat = (lower: string) =>
      /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower) || /^[+-]?0x(_?[0-9a-f])*\.?[0-9a-f]*p[+-]?\d+$/.test(lower);
    const oldHex = (s: string) => {
      const m = /^([+-]?)0x([0-9a-f]*)\.?([0-9a-f]*)p([+-]?\d+)$/.exec(s);
      return m ? [m[1], m[2], m[3], m[4]] : undefined;
    };
    fc.assert(
      fc.property(text(['0', '1', 'f', '.', 'e', 'p', 'x', '_', '+', '-'], 12), (t) => {
        const lower = t.toLowerCase();
        expect(goParseFloat(lower) !== undefined || lower === 'inf' || lower === 'nan').toBe(oldFloat(lower) || ['inf', 'infinity', 'nan', '+inf', '-inf'].includes(lower));
        const now = /^([+-]?)0x([0-9a-f]*)(?:\.([0-9a-f]*))?p([+-]?\d+)$/.exec(lower);
        expect(now ? [now[1], now[2], now[3] ?? '', now[4]] : undefined).toEqual(oldHex(lower));
      }),
      RUNS,
    );
    const oldDurations = (d: string) => [...d.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)].map((m) => [m.index, m[0]]);
    fc.assert(
      fc.property(text(['1', '0', '.', 'm', 's', 'h', ' ', 'x'], 16), (t) => {
        expect([...t.matchAll(/(?<!\d)(\d+(?:\.\d+)?)(ms|s|m|h)/g)].map((m) => [m.index, m[0]])).toEqual(oldDurations(t));
      }),
      RUNS,
    );
    expect(durationSeconds('1h30m')).toBe(5400);
  });

  it('runs of one character trimmed from the end', () => {
    fc.assert(
      fc.property(text(['-', '/', '\n', 'a']), (t) => {
        expect(t.replace(/^-+|(?<!-)-+$/g, '')).toBe(t.replace(/^-+|-+$/g, ''));
        expect(t.replace(/(?<!\/)\/+$/, '')).toBe(t.replace(/\/+$/, ''));
        expect(t.replace(/(?<!\n)\n*$/, '\n')).toBe(t.replace(/\n*$/, '\n'));
      }),
      RUNS,
    );
  });
});

describe('sniffKind (what a file that does not parse most likely is)', () => {
  it('names a broken job config by an actions: line and an indented tasks: line after it', () => {
    const broken = 'apiVersion: v2\nactions:\n  - name: "run"\n    events: [\n    tasks:\n      - name: t\n';
    expect(sniffKind(broken)).toBe('job-config');
    expect(sniffKind('actions:   \n\n\n  - name: x\n\n    tasks:\n')).toBe('job-config');
    expect(sniffKind('actions: [a]\n  tasks:\n')).toBeUndefined();
    expect(sniffKind('tasks:\n  - x\nactions:\n')).toBeUndefined();
    expect(sniffKind(`actions:\n${'\n'.repeat(100_000)}x: [\n`)).toBeUndefined();
    expect(sniffKind('objectives:\n  - sli: [\n')).toBe('slo');
  });
});
