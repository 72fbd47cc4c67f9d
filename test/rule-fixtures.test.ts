import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';
import { FIXTURES, UPDATE, listCases, readExpected, runFixture, writeExpected } from './support/fixture-harness.js';

/**
 * Every rule has golden cases under fixtures/rules/<rule-id>/: at least one that fires (findings.txt lists each
 * finding with its position) and at least one `valid-*` case that must produce none. Run with UPDATE_FIXTURES=1
 * to rewrite findings.txt after a deliberate change, then review the diff.
 */
describe.each(allRules.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  const dir = path.join(FIXTURES, 'rules', id);
  const cases = listCases(dir);

  it('has a firing case and a valid-* case', () => {
    expect(cases.filter((c) => !c.startsWith('valid-')), `fixtures/rules/${id} needs a case that fires`).not.toHaveLength(0);
    expect(cases.filter((c) => c.startsWith('valid-')), `fixtures/rules/${id} needs a valid-* case`).not.toHaveLength(0);
  });

  it('has documentation', () => {
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(rule.meta.docs.why.length).toBeGreaterThan(40);
    expect(rule.meta.docs.instead.length).toBeGreaterThan(20);
    expect(rule.meta.docs.sources.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', async (name) => {
    const caseDir = path.join(dir, name);
    const actual = await runFixture(caseDir, [rule]);
    if (UPDATE && !name.startsWith('valid-')) writeExpected(caseDir, actual);
    if (name.startsWith('valid-')) expect(actual).toEqual([]);
    else {
      expect(actual.length, 'a firing case must produce findings').toBeGreaterThan(0);
      expect(actual).toEqual(readExpected(caseDir));
    }
  });
});
