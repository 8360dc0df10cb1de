import { describe, expect, test } from 'vitest';
import { diffAssessments, type DiffSide } from '../../src/core/diff.js';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import type { Score } from '../../src/schema/output.js';
import { buildFixtureDiff, readFixtureSide, scoreFixtureSide, scoreSideText } from '../fixtures/diff.js';

// Built in each test that reads it, never while the file is collected nor once for all (docs/testing.md).
const fixtureDiff = () => buildFixtureDiff().diff;

const OLD = readFixtureSide('old.harm.yaml');
const scoredOld = () => scoreSideText(OLD, 'old.harm.yaml');

/** The old fixture with each `[from, to]` replaced; every `from` must occur exactly once. */
function edit(...edits: [string, string][]): string {
  return edits.reduce((text, [from, to]) => {
    if (text.split(from).length !== 2) throw new Error(`"${from}" is not in the fixture exactly once`);
    return text.replace(from, to);
  }, OLD);
}

/** The old fixture against an edited copy of it. */
const diffEdited = (...edits: [string, string][]) => diffAssessments(scoredOld(), scoreSideText(edit(...edits), 'new.harm.yaml'), '1.0.0');

/** A scored side changed after scoring, for states an edit of the file cannot reach alone. */
function tweak(side: DiffSide, change: (report: DiffSide['report']) => void): DiffSide {
  const report = structuredClone(side.report);
  change(report);
  return { ...side, report };
}

const harmOf = (report: DiffSide['report'], id: string) => report.harms.find((h) => h.id === id)!;
const pairOf = (s: { inherent: Score; residual: Score }) => ({ inherent: s.inherent, residual: s.residual });

describe('diffAssessments (SPEC §7 Diff)', () => {
  test('lists harms added and removed by id, and changed harms with what changed', () => {
    const diff = fixtureDiff();
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

  test('is a Diff by this tool, carrying both sides\' scores, so that each number can be checked against its report', () => {
    const diff = fixtureDiff();
    expect(diff).toMatchObject({ apiVersion: 'harm/v1', kind: 'Diff', tool: { name: 'harm', version: '1.0.0' } });
    const before = scoreFixtureSide('old.harm.yaml', 'a');
    const after = scoreFixtureSide('new.harm.yaml', 'b');
    const [change] = diff.harms.changed;
    expect(change!.title).toBe(harmOf(after.report, 'unauthorized-purchases').title);
    expect(change!.old).toEqual(pairOf(harmOf(before.report, 'unauthorized-purchases')));
    expect(change!.new).toEqual(pairOf(harmOf(after.report, 'unauthorized-purchases')));
    expect(diff.overall).toEqual({ old: pairOf(before.report.profile.overall), new: pairOf(after.report.profile.overall) });
    expect(diff.profile).toEqual(
      after.report.profile.dimensions.map((d) => ({ id: d.id, old: pairOf(before.report.profile.dimensions.find((o) => o.id === d.id)!), new: pairOf(d) })),
    );
  });

  test('riskIncreased is whether some dimension\'s residual risk rose', () => {
    const diff = fixtureDiff();
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

describe('what counts as a change of a harm', () => {
  const PURCHASES = 'unauthorized-purchases';
  const AMOUNTS = 'wrong-amounts';
  const RECEIPTS = 'receipts-leak';

  // Each edit changes one thing of one harm; the harm is listed with that thing alone.
  test.each<[string, [string, string][], string, Record<string, unknown>]>([
    ['a level', [['likelihood: possible\n      scale: widespread', 'likelihood: likely\n      scale: widespread']], PURCHASES, { factors: { likelihood: { old: 'possible', new: 'likely' } } }],
    [
      'a population added',
      [['affected_populations: [general_public, older_adults]', 'affected_populations: [general_public, older_adults, people_with_disabilities]']],
      PURCHASES,
      { factors: { affected_populations: { old: ['general_public', 'older_adults'], new: ['general_public', 'older_adults', 'people_with_disabilities'] } } },
    ],
    [
      'a population exchanged for another',
      [['affected_populations: [general_public]\n      causality: contributing\n      technology_contribution: significant\n      mitigation_feasibility: high\n  - id: receipts', 'affected_populations: [children]\n      causality: contributing\n      technology_contribution: significant\n      mitigation_feasibility: high\n  - id: receipts']],
      AMOUNTS,
      { factors: { affected_populations: { old: ['general_public'], new: ['children'] } } },
    ],
    // Planned and in progress both leave the residual state as it was: only the status moved.
    [
      'a safeguard status',
      [['status: planned', 'status: in_progress']],
      PURCHASES,
      { factors: {}, safeguards: [{ id: 'product.human-confirmation', old: 'planned', new: 'in_progress' }], moved: false },
    ],
    [
      'the category',
      [['category: unintended_actions', 'category: privacy']],
      AMOUNTS,
      { factors: {}, safeguards: [], category: { old: 'unintended_actions', new: 'privacy' }, moved: false },
    ],
    [
      'the dimensions',
      [['dimensions: [economic]\n    factors:\n      likelihood: possible\n      scale: group', 'dimensions: [psychological]\n    factors:\n      likelihood: possible\n      scale: group']],
      AMOUNTS,
      { factors: {}, safeguards: [], dimensions: { old: ['economic'], new: ['psychological'] }, moved: false },
    ],
  ])('%s', (_what, edits, id, expected) => {
    const diff = diffEdited(...edits);
    expect(diff.harms.added).toEqual([]);
    expect(diff.harms.removed).toEqual([]);
    expect(diff.harms.changed.map((c) => c.id)).toEqual([id]);
    const [change] = diff.harms.changed;
    const { moved, ...fields } = expected;
    expect(change).toMatchObject(fields);
    if (moved === false) expect(change!.new).toEqual(change!.old);
    for (const key of ['category', 'dimensions', 'raisedBy'] as const) if (!(key in fields)) expect(change![key]).toBeUndefined();
  });

  test('a reordered list is no change, in either direction', () => {
    const reordered = scoreSideText(
      edit(['affected_populations: [general_public, older_adults]', 'affected_populations: [older_adults, general_public]'], ['dimensions: [economic, individual_autonomy]', 'dimensions: [individual_autonomy, economic]']),
      'new.harm.yaml',
    );
    expect(diffAssessments(scoredOld(), reordered, '1.0.0').harms.changed).toEqual([]);
    expect(diffAssessments(reordered, scoredOld(), '1.0.0').harms.changed).toEqual([]);
  });

  test('lists of different populations are different, whatever characters their ids hold', () => {
    const populations = 'affected_populations: [general_public, older_adults]';
    const diff = diffAssessments(
      scoreSideText(edit([populations, 'affected_populations: ["a\\0b", c]']), 'a'),
      scoreSideText(edit([populations, 'affected_populations: [a, "b\\0c"]']), 'b'),
      '1.0.0',
    );
    expect(diff.harms.changed[0]!.factors).toEqual({ affected_populations: { old: ['a\0b', 'c'], new: ['a', 'b\0c'] } });
  });

  test('a safeguard on one side only is missing on the other', () => {
    const declared = edit([
      'dimensions: [individual_autonomy]\n    factors:',
      'dimensions: [individual_autonomy]\n    safeguards:\n      - id: transparency.limitations-notice\n        status: implemented\n    factors:',
    ]);
    const without = scoredOld();
    const withIt = scoreSideText(declared, 'new.harm.yaml');
    expect(harmOf(without.report, RECEIPTS).recommendations.map((r) => r.safeguard)).not.toContain('transparency.limitations-notice');
    const added = diffAssessments(without, withIt, '1.0.0').harms.changed.find((c) => c.id === RECEIPTS)!;
    expect(added.safeguards).toEqual([{ id: 'transparency.limitations-notice', old: 'missing', new: 'implemented' }]);
    const dropped = diffAssessments(withIt, without, '1.0.0').harms.changed.find((c) => c.id === RECEIPTS)!;
    expect(dropped.safeguards).toEqual([{ id: 'transparency.limitations-notice', old: 'implemented', new: 'missing' }]);
  });

  test('safeguard changes are in id order', () => {
    const diff = diffEdited(['        status: planned', '        status: implemented\n      - id: detection.user-reporting\n        status: implemented']);
    expect(diff.harms.changed.find((c) => c.id === PURCHASES)!.safeguards).toEqual([
      { id: 'detection.user-reporting', old: 'missing', new: 'implemented' },
      { id: 'product.human-confirmation', old: 'planned', new: 'implemented' },
    ]);
  });

  test('a harm whose scores moved under another framework is listed with no edit', () => {
    const catalog = structuredClone(loadBuiltinCatalog());
    catalog.framework.weights.likelihood = 0.2;
    const diff = diffAssessments(scoredOld(), scoreSideText(OLD, 'new.harm.yaml', catalog), '1.0.0');
    expect(diff.harms.changed.length).toBeGreaterThan(0);
    for (const change of diff.harms.changed) {
      expect(change).toMatchObject({ factors: {}, safeguards: [] });
      expect(change.new).not.toEqual(change.old);
    }
  });

  // A score that differs in one field alone is a moved score.
  test.each(
    (['inherent', 'residual'] as const).flatMap((state) =>
      [
        ['severity', (s: Score) => ({ ...s, severity: s.severity + 0.1 })],
        ['risk', (s: Score) => ({ ...s, risk: s.risk + 0.1 })],
        ['vector', (s: Score) => ({ ...s, vector: `${s.vector}/X:1` })],
      ].map(([field, move]) => [`${state} ${field as string}`, state, move as (s: Score) => Score] as const),
    ),
  )('a harm whose %s alone moved is listed', (_what, state, move) => {
    const after = tweak(scoredOld(), (r) => {
      const harm = harmOf(r, AMOUNTS);
      harm[state] = move(harm[state]);
    });
    const [change, ...rest] = diffAssessments(scoredOld(), after, '1.0.0').harms.changed;
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ id: AMOUNTS, factors: {}, safeguards: [] });
    expect(change!.new[state]).toEqual(move(harmOf(scoredOld().report, AMOUNTS)[state]));
  });

  test('the safeguards that raised a harm, changed alone, are a change', () => {
    const after = tweak(scoredOld(), (r) => {
      harmOf(r, AMOUNTS).raisedBy = ['enforcement.prompt-modification'];
    });
    const [change, ...rest] = diffAssessments(scoredOld(), after, '1.0.0').harms.changed;
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ id: AMOUNTS, factors: {}, safeguards: [], raisedBy: { old: [], new: ['enforcement.prompt-modification'] } });
    expect(change!.new).toEqual(change!.old);
  });
});

describe('the profile of the two sides', () => {
  const dropDimension = (side: DiffSide, id: string) =>
    tweak(side, (r) => {
      r.profile.dimensions = r.profile.dimensions.filter((d) => d.id !== id);
    });

  test('a dimension only the old side has comes last, with nothing new, and is no increase', () => {
    const old = scoredOld();
    const diff = diffAssessments(old, dropDimension(old, 'economic'), '1.0.0');
    const economic = old.report.profile.dimensions.find((d) => d.id === 'economic')!;
    expect(diff.profile.map((d) => d.id)).toEqual(['physical', 'psychological', 'societal', 'individual_autonomy', 'economic']);
    expect(diff.profile.at(-1)).toEqual({ id: 'economic', old: pairOf(economic), new: null });
    expect(diff.riskIncreased).toBe(false);
  });

  test('a dimension only the new side has starts from nothing', () => {
    const old = scoredOld();
    const idle = diffAssessments(dropDimension(old, 'physical'), old, '1.0.0');
    expect(idle.profile.find((d) => d.id === 'physical')).toEqual({ id: 'physical', old: null, new: pairOf(old.report.profile.dimensions[0]!) });
    expect(old.report.profile.dimensions[0]!.residual.risk).toBe(0);
    expect(idle.riskIncreased).toBe(false);
    const raised = diffAssessments(dropDimension(old, 'economic'), old, '1.0.0');
    expect(raised.riskIncreased).toBe(true);
  });
});
