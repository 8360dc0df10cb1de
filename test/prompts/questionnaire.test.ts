import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAssessmentText } from '../../src/io/load-assessment.js';
import type { ScriptedAnswer } from '../../src/prompts/ask.js';
import { addMonths, keepOrder, slugify, uniqueSlug } from '../../src/prompts/answers.js';
import { formatProfileTable } from '../../src/prompts/review.js';
import { assessmentSchema, type Assessment } from '../../src/schema/assessment.js';
import { ALL_NO, catalog, FEATURE, TODAY, walk } from '../helpers/questionnaire.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');

/** Two harms: one physical (with a safeguard marked not applicable), one economic. */
const TWO_HARMS: Record<string, ScriptedAnswer> = {
  ...FEATURE,
  ...ALL_NO,
  'dimension.physical.1': true,
  'harm.1.title': 'Unsafe route advice',
  'harm.1.category': 'dangerous_advice',
  'harm.1.factor.likelihood': 'likely',
  'harm.1.factor.scale': 'widespread',
  'harm.1.factor.duration': 'irreversible',
  'harm.1.factor.causality': 'contributing',
  'harm.1.factor.technology_contribution': 'significant',
  'harm.1.factor.mitigation_feasibility': 'moderate',
  'harm.1.populations': ['general_public', 'older_adults'],
  'harm.1.safeguards.mode': 'each',
  'harm.1.safeguard.usage_policy.aup-coverage': 'not_applicable',
  'harm.1.safeguard.usage_policy.aup-coverage.note': 'Covered by the travel terms of service.',
  'harm.1.safeguard.evaluation.red-teaming': 'implemented',
  'dimension.physical.2': false,
  'dimension.economic.1': true,
  'harm.2.title': 'Bookings the traveller did not intend',
  'harm.2.category': 'unintended_actions',
  'harm.2.factor.likelihood': 'possible',
  'harm.2.populations': ['general_public'],
  'dimension.economic.2': false,
};

describe('runQuestionnaire: a new assessment', () => {
  it('builds a valid assessment from the answers, two harms with safeguards', async () => {
    const { asker, result, output } = walk(TWO_HARMS);
    const done = await result;
    expect(done).toBeDefined();
    const assessment = assessmentSchema.parse(done!.assessment);
    expect(done!.harmOrigins).toEqual([undefined, undefined]);
    expect(asker.unused()).toEqual([]);

    expect(assessment.feature).toEqual({
      id: 'trip-planner',
      name: 'Trip Planner',
      owner: 'travel-team',
      stage: 'beta',
      capabilities: ['web_browsing', 'payments', 'booking_api'],
    });
    expect(assessment.assessment).toEqual({ date: TODAY, assessors: ['a@example.com', 'b@example.com'], review_by: '2026-07-15' });
    const [first, second] = assessment.harms;
    expect(first).toMatchObject({
      id: 'unsafe-route-advice',
      category: 'dangerous_advice',
      factors: {
        likelihood: 'likely',
        scale: 'widespread',
        duration: 'irreversible',
        affected_populations: ['general_public', 'older_adults'],
        causality: 'contributing',
        technology_contribution: 'significant',
        mitigation_feasibility: 'moderate',
      },
    });
    // The dimension being walked is ticked.
    expect(first!.dimensions).toEqual(['physical']);
    expect(first!.safeguards).toEqual(
      expect.arrayContaining([
        { id: 'usage_policy.aup-coverage', status: 'not_applicable', note: 'Covered by the travel terms of service.' },
        { id: 'evaluation.red-teaming', status: 'implemented' },
      ]),
    );
    // Skipped safeguards are not declared.
    expect(first!.safeguards).toHaveLength(2);
    expect(second).toMatchObject({ id: 'bookings-the-traveller-did-not-intend', category: 'unintended_actions' });
    expect(second!.dimensions).toContain('economic');
    expect(second!.safeguards).toBeUndefined();

    const text = output();
    expect(text).toMatch(/Before safeguards: severity \d+\.\d \w+, risk \d+\.\d \w+/);
    expect(text).toMatch(/HARM:1\/L:L\/S:W\/D:I\/V:E\/C:C\/T:S\/M:M/);
    expect(text).toContain('Severity profile');
    expect(text).toContain("Could this feature affect someone's health or safety? For example");
    // Nothing printed is wider than the terminal.
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('shows each factor level with its catalog description', async () => {
    const { asker, result } = walk(TWO_HARMS);
    await result;
    const likelihood = asker.asked.find((q) => q.name === 'harm.1.factor.likelihood');
    expect(likelihood?.kind).toBe('select');
    expect(likelihood?.message).toMatch(/^Likelihood:/);
  });

  it('asks for a note when a safeguard is marked not applicable, and insists on one', async () => {
    const { asker, result } = walk(TWO_HARMS);
    await result;
    const names = asker.asked.map((q) => q.name);
    const status = names.indexOf('harm.1.safeguard.usage_policy.aup-coverage');
    expect(status).toBeGreaterThan(-1);
    expect(names[status + 1]).toBe('harm.1.safeguard.usage_policy.aup-coverage.note');
    // Safeguards marked otherwise get no note question.
    expect(names).not.toContain('harm.1.safeguard.evaluation.red-teaming.note');

    const empty = walk({ ...TWO_HARMS, 'harm.1.safeguard.usage_policy.aup-coverage.note': '  ' });
    await expect(empty.result).rejects.toThrow(/\.note": answer "  " rejected/);
  });

  it('asks for one harm anyway when no dimension had one, with nothing ticked or chosen for it', async () => {
    const script = { ...FEATURE, ...ALL_NO, 'harm.1.title': 'Something small', 'harm.1.dimensions': ['individual_autonomy'], 'harm.1.category': 'privacy' };
    const { asker, result, output } = walk(script);
    const done = await result;
    expect(done!.assessment.harms).toHaveLength(1);
    expect(done!.assessment.harms[0]).toMatchObject({ dimensions: ['individual_autonomy'], category: 'privacy' });
    expect(output()).toContain('An assessment names at least one harm');
    expect(asker.unused()).toEqual([]);
    // No dimension was being walked: Enter on the dimensions is refused rather than guessed.
    const { 'harm.1.dimensions': _, ...noDimensions } = script;
    await expect(walk(noDimensions).result).rejects.toThrow(/"harm\.1\.dimensions": answer rejected: Tick at least one dimension/);
  });

  it.each([
    ['no dimension walked', { ...FEATURE, ...ALL_NO, 'harm.1.title': 'x', 'harm.1.dimensions': ['physical'] }],
    ['a dimension walked', { ...FEATURE, ...ALL_NO, 'dimension.physical.1': true, 'harm.1.title': 'x' }],
  ])('never picks a category by itself (%s): Enter on the category is refused', async (_name, script) => {
    // Before, Enter here gave cbrn, the one category that escalates.
    await expect(walk(script).result).rejects.toThrow(/"harm\.1\.category": needs an answer \(Choose a category: none is assumed\.\)/);
  });

  it('lists first the categories that share the most chosen dimensions, in catalog order within each count', async () => {
    const dimensions = ['economic', 'individual_autonomy'];
    const { asker, result } = walk({
      ...FEATURE,
      ...ALL_NO,
      'dimension.economic.1': true,
      'harm.1.title': 'x',
      'harm.1.dimensions': dimensions,
      'harm.1.category': 'fraud_scams',
      'dimension.economic.2': false,
    });
    await result;
    const question = asker.asked.find((q) => q.name === 'harm.1.category')!;
    const listed = catalog.categories.map((c) => ({ id: c.id, shared: (c.dimensions ?? []).filter((d) => dimensions.includes(d)).length }));
    const expected = [...listed].sort((a, b) => b.shared - a.shared || listed.indexOf(a) - listed.indexOf(b));
    expect(expected[0]!.shared).toBeGreaterThan(0);
    // After the placeholder that is no category.
    expect(question.choices).toEqual(['', ...expected.map((c) => c.id)]);
    // The escalating category says so in its name.
    expect(question.shown).toContain(`${catalog.categories.find((c) => c.id === 'cbrn')!.name} (always escalated)`);
  });

  it('declares feature-level safeguards once and does not ask about them again per harm', async () => {
    const script: Record<string, ScriptedAnswer> = {
      ...TWO_HARMS,
      'feature.safeguards.any': true,
      'feature.safeguards': ['usage_policy.aup-coverage'],
      'feature.safeguard.usage_policy.aup-coverage': 'implemented',
    };
    delete script['harm.1.safeguard.usage_policy.aup-coverage'];
    delete script['harm.1.safeguard.usage_policy.aup-coverage.note'];
    const { asker, result, output } = walk(script);
    const done = await result;
    expect(done!.assessment.feature.safeguards).toEqual([{ id: 'usage_policy.aup-coverage', status: 'implemented' }]);
    expect(asker.asked.map((q) => q.name)).not.toContain('harm.1.safeguard.usage_policy.aup-coverage');
    expect(output()).toContain('✓ 1 safeguard is declared for the whole feature (1 implemented).');
  });

  it('offers an escalation record where the category needs one', async () => {
    const { result, output } = walk({
      ...FEATURE,
      ...ALL_NO,
      'dimension.physical.1': true,
      'harm.1.title': 'Weapons uplift',
      'harm.1.category': 'cbrn',
      'harm.1.escalation': true,
      'harm.1.escalation.ticket': 'RISK-9',
      'harm.1.escalation.decided_by': 'safety board',
      'dimension.physical.2': false,
    });
    const done = await result;
    expect(done!.assessment.harms[0]!.escalation).toEqual({ ticket: 'RISK-9', decided_by: 'safety board', date: TODAY });
    expect(output()).toContain('Escalation: Route to the catastrophic-risk process');
  });

  it('lets onFeatureId stop the walk before any harm is asked', async () => {
    const seen: string[] = [];
    const { asker, result } = walk(FEATURE, { onFeatureId: async (id) => (seen.push(id), false) });
    expect(await result).toBeUndefined();
    expect(seen).toEqual(['trip-planner']);
    expect(asker.asked.some((q) => q.name.startsWith('assessment.') || q.name.startsWith('harm.'))).toBe(false);
  });
});

function loadExample(name: string): Assessment {
  const text = readFileSync(join(EXAMPLES, name), 'utf8');
  const checked = checkAssessmentText(text, name, catalog, { today: TODAY });
  expect(checked.assessment, JSON.stringify(checked.findings)).toBeDefined();
  return checked.assessment!;
}

describe('runQuestionnaire: editing', () => {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

  it.each(examples)('pre-fills every answer from %s: pressing Enter throughout changes nothing', async (name) => {
    const existing = loadExample(name);
    const editEverything = Object.fromEntries(existing.harms.map((_, i) => [`harm.${i + 1}.action`, 'edit']));
    const { asker, result } = walk(editEverything, { existing });
    const done = await result;
    expect(done!.assessment).toEqual(existing);
    expect(done!.harmOrigins).toEqual(existing.harms.map((_, i) => i));
    // Every harm was walked with its answers as defaults.
    expect(asker.asked.some((q) => q.name === 'harm.1.factor.likelihood')).toBe(true);
  });

  it('keeps, edits, removes and adds harms, remembering where each came from', async () => {
    const existing = loadExample('computer-use.yaml');
    expect(existing.harms.length).toBeGreaterThanOrEqual(2);
    const n = existing.harms.length;
    const { result } = walk(
      {
        'harm.1.action': 'edit',
        'harm.1.factor.likelihood': 'almost_certain',
        'harm.2.action': 'remove',
        'harms.add': true,
        ...ALL_NO,
        'dimension.societal.1': true,
        [`harm.${n + 1}.title`]: 'Election misinformation',
        [`harm.${n + 1}.category`]: 'misinformation',
        'dimension.societal.2': false,
      },
      { existing },
    );
    const done = await result;
    const harms = done!.assessment.harms;
    expect(done!.harmOrigins).toEqual([0, ...existing.harms.slice(2).map((_, i) => i + 2), undefined]);
    expect(harms[0]).toEqual({ ...existing.harms[0], factors: { ...existing.harms[0]!.factors, likelihood: 'almost_certain' } });
    expect(harms.map((h) => h.id)).not.toContain(existing.harms[1]!.id);
    expect(harms.at(-1)).toMatchObject({ id: 'election-misinformation', category: 'misinformation' });
  });

  it('does not offer an id another harm already has', async () => {
    const existing = loadExample('computer-use.yaml');
    const n = existing.harms.length;
    const { result } = walk(
      // A title whose slug is the first harm's id.
      {
        'harms.add': true,
        ...ALL_NO,
        'dimension.economic.1': true,
        [`harm.${n + 1}.title`]: existing.harms[0]!.id,
        [`harm.${n + 1}.category`]: 'fraud_scams',
        'dimension.economic.2': false,
      },
      { existing },
    );
    const done = await result;
    expect(done!.assessment.harms.at(-1)!.id).toBe(`${existing.harms[0]!.id}-2`);
    const clash = walk(
      { 'harms.add': true, ...ALL_NO, 'dimension.economic.1': true, [`harm.${n + 1}.title`]: 'x', [`harm.${n + 1}.id`]: existing.harms[0]!.id },
      { existing },
    );
    await expect(clash.result).rejects.toThrow(/already has the id/);
  });
});

describe('runQuestionnaire: accepting residual risk', () => {
  const HIGH_RISK: Record<string, ScriptedAnswer> = {
    ...FEATURE,
    ...ALL_NO,
    'dimension.economic.1': true,
    'harm.1.title': 'Bookings the traveller did not intend',
    'harm.1.category': 'unintended_actions',
    'harm.1.populations': ['general_public', 'children'],
    'harm.1.factor.likelihood': 'almost_certain',
    'harm.1.factor.scale': 'widespread',
    'harm.1.factor.duration': 'long_term',
    'harm.1.factor.causality': 'direct',
    'harm.1.factor.technology_contribution': 'essential',
    'dimension.economic.2': false,
  };

  it('offers to record an acceptance for a risk that would fail the gate, at the level scored', async () => {
    const { asker, result } = walk({
      ...HIGH_RISK,
      'harm.1.accept': true,
      'harm.1.accept.reason': 'Bookings above 200 EUR need a second confirmation by e-mail.',
      'harm.1.accept.approved_by': 'travel-risk-board',
      'harm.1.accept.expires': '2026-06-30',
    });
    const done = await result;
    expect(asker.unused()).toEqual([]);
    // L:A S:W D:L V:H C:D T:E: B 0.75, I 0.875, A 1 → severity 8.8, risk 8.8: high (SPEC §2.1).
    expect(done!.assessment.acceptances).toEqual([
      { harm: 'bookings-the-traveller-did-not-intend', up_to: 'high', reason: 'Bookings above 200 EUR need a second confirmation by e-mail.', approved_by: 'travel-risk-board', expires: '2026-06-30' },
    ]);
    const checked = checkAssessmentText(JSON.stringify(done!.assessment), 'x.harm.yaml', catalog, { today: TODAY });
    expect(checked.findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('asks nothing more when the answer is no, and refuses an expiry in the past', async () => {
    const declined = walk({ ...HIGH_RISK, 'harm.1.accept': false });
    expect((await declined.result)!.assessment.acceptances).toBeUndefined();
    expect(declined.asker.asked.map((q) => q.name)).not.toContain('harm.1.accept.reason');
    const past = walk({
      ...HIGH_RISK,
      'harm.1.accept': true,
      'harm.1.accept.reason': 'r',
      'harm.1.accept.approved_by': 'a',
      'harm.1.accept.expires': '2025-12-31',
    });
    await expect(past.result).rejects.toThrow(/an acceptance that has expired stops nothing/);
  });

  it('does not ask for a harm whose risk is already accepted, and acceptances follow a renamed harm in edit', async () => {
    const existing = loadExample('model-response-boundaries.yaml');
    const i = existing.harms.findIndex((h) => h.id === 'over-refusal');
    const { asker, result } = walk({ [`harm.${i + 1}.action`]: 'edit', [`harm.${i + 1}.id`]: 'unnecessary-refusals' }, { existing });
    const done = await result;
    expect(asker.asked.map((q) => q.name)).not.toContain(`harm.${i + 1}.accept`);
    expect(done!.assessment.acceptances).toEqual([{ ...existing.acceptances![0]!, harm: 'unnecessary-refusals' }]);
  });
});

describe('helpers', () => {
  it.each([
    ['Computer Use', 'computer-use'],
    ['  Crème brûlée: Ordering!! ', 'creme-brulee-ordering'],
    ['***', 'fallback'],
    ['A very long title that goes on and on about many things beyond any reason', 'a-very-long-title-that-goes-on-and-on-about-many'],
    ['A very long title that goes on and on about manythings beyond any reason', 'a-very-long-title-that-goes-on-and-on-about'],
  ])('slugify(%j) is %j', (text, slug) => {
    expect(slugify(text, 'fallback')).toBe(slug);
  });

  it('uniqueSlug appends the first free number', () => {
    expect(uniqueSlug('a', new Set())).toBe('a');
    expect(uniqueSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
  });

  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2023-08-29', 6, '2024-02-29'],
    ['2025-12-31', 6, '2026-06-30'],
  ])('addMonths(%s, %i) is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('keepOrder keeps the existing order of items still chosen, then adds new ones', () => {
    expect(keepOrder(['b', 'a'], ['a', 'b'])).toEqual(['b', 'a']);
    expect(keepOrder(['b', 'a'], ['a', 'c'])).toEqual(['a', 'c']);
    expect(keepOrder([], ['x', 'y'])).toEqual(['x', 'y']);
  });

  it('formatProfileTable fits 80 columns and dashes dimensions without harms', async () => {
    const { result } = walk(TWO_HARMS);
    const done = await result;
    const { evaluateAssessment } = await import('../../src/core/evaluate.js');
    const { FindingSink } = await import('../../src/core/findings.js');
    const { nowhere } = await import('../../src/core/locator.js');
    const { profile } = evaluateAssessment({ assessment: done!.assessment, catalog, sink: new FindingSink('x', nowhere), today: TODAY });
    const table = formatProfileTable(profile, catalog);
    const lines = table.split('\n');
    expect(lines).toHaveLength(catalog.framework.dimensions.length + 2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.find((l) => l.startsWith('Societal'))).toMatch(/^Societal\s+0\s+—$/);
    const physical = profile.dimensions.find((d) => d.id === 'physical')!;
    expect(lines.find((l) => l.startsWith('Physical'))).toContain(`${physical.inherent.severity.toFixed(1)} ${physical.inherent.severityLevel}`);
  });
});
