import { describe, expect, it } from 'vitest';
import type { ScriptedAnswer } from '../../src/prompts/ask.js';
import { SAFEGUARD_KINDS } from '../../src/schema/catalog.js';
import { ALL_NO, catalog, FEATURE, walk } from '../helpers/questionnaire.js';

/** A medium harm for which the built-in catalog requires 4 safeguards and recommends 14. */
const MEDIUM_HARM: Record<string, ScriptedAnswer> = {
  ...FEATURE,
  'feature.capabilities': ['computer_use', 'payments'],
  ...ALL_NO,
  'dimension.economic.1': true,
  'harm.1.title': 'Purchases made for a scammer',
  'harm.1.category': 'fraud_scams',
  'harm.1.factor.likelihood': 'likely',
  'harm.1.factor.scale': 'widespread',
  'harm.1.factor.duration': 'long_term',
  'dimension.economic.2': false,
};
const REQUIRED = ['usage_policy.aup-coverage', 'enforcement.stricter-thresholds', 'product.human-confirmation', 'product.rate-limits'];

const kindOf = (id: string) => catalog.safeguards.find((s) => s.id === id)!.kind;
const statusQuestions = (names: readonly string[]) => names.filter((n) => /^harm\.1\.safeguard\.[^.]+\.[^.]+$/.test(n));

async function walkHarm(script: Record<string, ScriptedAnswer>) {
  const { asker, result, output } = walk({ ...MEDIUM_HARM, ...script });
  const done = await result;
  expect(asker.unused()).toEqual([]);
  return { names: asker.asked.map((q) => q.name), asked: asker.asked, harm: done!.assessment.harms[0]!, output: output() };
}

describe('the safeguards of one harm', () => {
  it('offers a way through them first, and by default asks only about the required ones', async () => {
    const { asked, names, harm } = await walkHarm({});
    const mode = asked.find((q) => q.name === 'harm.1.safeguards.mode')!;
    expect(mode.message).toBe('How do you want to go through these 18?');
    expect(mode.choices).toEqual(['plan', 'each', 'required']);
    expect(mode.answer).toBe('required');
    expect(statusQuestions(names)).toEqual(REQUIRED.map((id) => `harm.1.safeguard.${id}`));
    // Enter on each status skips it: nothing is declared that nobody decided.
    expect(harm.safeguards).toBeUndefined();
  });

  it('marks the required ones planned without a question each, then asks one question per kind for the others', async () => {
    const { names, harm, output } = await walkHarm({
      'harm.1.safeguards.mode': 'plan',
      'harm.1.safeguards.kind.detection': ['detection.user-reporting'],
      'harm.1.safeguard.detection.user-reporting': 'implemented',
    });
    const kinds = names.filter((n) => n.startsWith('harm.1.safeguards.kind.')).map((n) => n.slice('harm.1.safeguards.kind.'.length));
    // Usage policy has only a required safeguard here, so no question of its own.
    expect(kinds).toEqual(['evaluation', 'detection', 'enforcement', 'product']);
    expect(statusQuestions(names)).toEqual(['harm.1.safeguard.detection.user-reporting']);
    expect(harm.safeguards).toEqual([...REQUIRED.map((id) => ({ id, status: 'planned' })), { id: 'detection.user-reporting', status: 'implemented' }]);
    expect(output).toMatch(/Marked planned: /);
    // Five questions instead of eighteen.
    expect(kinds.length + statusQuestions(names).length).toBe(5);
  });

  it('walks them one by one when asked, grouped by kind in the catalog order of kinds', async () => {
    const { names, output } = await walkHarm({ 'harm.1.safeguards.mode': 'each' });
    const ids = statusQuestions(names).map((n) => n.slice('harm.1.safeguard.'.length));
    expect(ids).toHaveLength(18);
    const kinds = ids.map(kindOf);
    expect(kinds).toEqual([...kinds].sort((a, b) => SAFEGUARD_KINDS.indexOf(a) - SAFEGUARD_KINDS.indexOf(b)));
    for (const heading of ['Usage policy (1)', 'Evaluation (3)', 'Detection (5)', 'Enforcement (5)', 'Product controls (4)'])
      expect(output).toContain(`\n${heading}\n`);
    expect(output).toContain('[18/18] ');
  });

  it('offers only the ways that apply, and no choice at all for a single safeguard', async () => {
    // Nothing required at this risk: marking the required as planned is no way through.
    const { asked } = await walkHarm({
      'feature.capabilities': ['payments'],
      'harm.1.factor.likelihood': 'possible',
      'harm.1.factor.scale': 'community',
      'harm.1.factor.duration': 'short_term',
    });
    expect(asked.find((q) => q.name === 'harm.1.safeguards.mode')!.choices).toEqual(['each', 'required']);
  });

  it('keeps, when editing, what the file declares: planned marks only undeclared required ones, an unticked one goes', async () => {
    const existing = (await walk({
      ...MEDIUM_HARM,
      'harm.1.safeguards.mode': 'each',
      'harm.1.safeguard.evaluation.red-teaming': 'implemented',
      'harm.1.safeguard.detection.user-reporting': 'in_progress',
      'harm.1.safeguard.product.rate-limits': 'implemented',
    }).result)!.assessment;
    expect(existing.harms[0]!.safeguards!.map((d) => d.id)).toEqual(['evaluation.red-teaming', 'detection.user-reporting', 'product.rate-limits']);
    const { asker, result } = walk({ 'harm.1.action': 'edit', 'harm.1.safeguards.mode': 'plan', 'harm.1.safeguards.kind.evaluation': [] }, { existing });
    const edited = (await result)!.assessment.harms[0]!;
    expect(asker.unused()).toEqual([]);
    // Pre-ticked and pre-filled: Enter keeps the in-progress one.
    expect(asker.asked.find((q) => q.name === 'harm.1.safeguard.detection.user-reporting')!.answer).toBe('in_progress');
    expect(edited.safeguards).toEqual([
      { id: 'detection.user-reporting', status: 'in_progress' },
      { id: 'product.rate-limits', status: 'implemented' },
      ...REQUIRED.filter((id) => id !== 'product.rate-limits').map((id) => ({ id, status: 'planned' })),
    ]);
  });
});

describe('trade-offs', () => {
  it('says which safeguard raises a category no harm scores, offers to add such a harm, and shows what raises it', async () => {
    const { asker, result, output } = walk({
      ...MEDIUM_HARM,
      'harm.1.safeguard.enforcement.stricter-thresholds': 'implemented',
      'harms.tradeoff': true,
      'harm.2.title': 'Legitimate purchases refused',
      'harm.2.dimensions': ['individual_autonomy'],
      'harm.2.category': 'over_refusal',
    });
    const done = await result;
    expect(asker.unused()).toEqual([]);
    expect(done!.assessment.harms.map((h) => h.category)).toEqual(['fraud_scams', 'over_refusal']);
    const text = output().replace(/\n/g, ' ');
    expect(text).toContain(
      'Safeguard "enforcement.stricter-thresholds" raises the harms of category "over_refusal", but this assessment has no "over_refusal" harm',
    );
    expect(text).toContain('raised by the trade-offs of enforcement.stricter-thresholds');
  });

  it('asks only when a declared safeguard raises a category the assessment does not assess', async () => {
    const { asker, result } = walk({ ...MEDIUM_HARM, 'harm.1.safeguard.enforcement.stricter-thresholds': 'planned' });
    await result;
    expect(asker.asked.map((q) => q.name)).toContain('harms.tradeoff');
    const none = walk(MEDIUM_HARM);
    await none.result;
    expect(none.asker.asked.map((q) => q.name)).not.toContain('harms.tradeoff');
  });
});
