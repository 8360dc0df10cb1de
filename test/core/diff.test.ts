import { describe, expect, test } from 'vitest';
import { diffAssessments } from '../../src/core/diff.js';
import { buildFixtureDiff, readFixtureSide, scoreFixtureSide, scoreSideText } from '../fixtures/diff.js';

const { diff } = buildFixtureDiff();

describe('diffAssessments (SPEC §7 Diff)', () => {
  test('lists harms added and removed by id, and changed harms with what changed', () => {
    expect(diff.harms.added).toEqual(['refused-payments']);
    expect(diff.harms.removed).toEqual(['receipts-leak']);
    expect(diff.harms.changed.map((c) => c.id)).toEqual(['unauthorized-purchases']);
    const [change] = diff.harms.changed;
    expect(change!.factors).toEqual({
      likelihood: { old: 'possible', new: 'likely' },
      affected_populations: { old: ['general_public', 'older_adults'], new: ['older_adults', 'general_public', 'children'] },
    });
    expect(change!.safeguards).toEqual([{ id: 'product.human-confirmation', old: 'planned', new: 'implemented' }]);
    // The same dimensions in another order are no change.
    expect(change!.dimensions).toBeUndefined();
  });

  test('carries both sides\' scores, so that each number can be checked against its report', () => {
    const before = scoreFixtureSide('old.harm.yaml', 'a');
    const after = scoreFixtureSide('new.harm.yaml', 'b');
    const [change] = diff.harms.changed;
    const harm = (side: typeof before) => side.report.harms.find((h) => h.id === 'unauthorized-purchases')!;
    expect(change!.old).toEqual({ inherent: harm(before).inherent, residual: harm(before).residual });
    expect(change!.new).toEqual({ inherent: harm(after).inherent, residual: harm(after).residual });
    expect(diff.overall.old.residual).toEqual(before.report.profile.overall.residual);
  });

  test('riskIncreased is whether some dimension\'s residual risk rose', () => {
    const rose = diff.profile.some((d) => (d.new?.residual.risk ?? 0) > (d.old?.residual.risk ?? 0));
    expect(rose).toBe(true);
    expect(diff.riskIncreased).toBe(rose);
    const back = diffAssessments(scoreFixtureSide('new.harm.yaml', 'b'), scoreFixtureSide('old.harm.yaml', 'a'), '1.0.0');
    expect(back.riskIncreased).toBe(false);
    // Swapping the sides swaps added and removed.
    expect(back.harms.added).toEqual(diff.harms.removed);
    expect(back.harms.removed).toEqual(diff.harms.added);
  });

  test('a file compared with itself has no change', () => {
    const side = scoreFixtureSide('old.harm.yaml', 'a');
    const same = diffAssessments(side, side, '1.0.0');
    expect(same.harms).toEqual({ added: [], removed: [], changed: [] });
    expect(same.riskIncreased).toBe(false);
    expect(same.frameworkChanged).toBe(false);
    expect(same.profile.every((d) => JSON.stringify(d.old) === JSON.stringify(d.new))).toBe(true);
  });

  test('a changed digest is a changed framework', () => {
    const changed = buildFixtureDiff(true).diff;
    expect(changed.frameworkChanged).toBe(true);
    expect(changed.old.framework.digest).not.toBe(changed.new.framework.digest);
  });
});

test('lists of different populations are different, whatever characters their ids hold', () => {
  const populations = 'affected_populations: [general_public, older_adults]';
  const side = (list: string, file: string) => scoreSideText(readFixtureSide('old.harm.yaml').replace(populations, `affected_populations: ${list}`), file);
  const diff = diffAssessments(side('["a\\0b", c]', 'a'), side('[a, "b\\0c"]', 'b'), '1.0.0');
  expect(diff.harms.changed[0]!.factors).toEqual({ affected_populations: { old: ['a\0b', 'c'], new: ['a', 'b\0c'] } });
});
