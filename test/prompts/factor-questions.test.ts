import { describe, expect, it } from 'vitest';
import { ALL_NO, FEATURE, walk } from '../helpers/questionnaire.js';

/*
 * The running score after each factor answer, checked against SPEC §2.1 written
 * out here from the SPEC alone: the built-in values, weights and bands.
 */
const VALUES = {
  likelihood: { rare: 0.1, unlikely: 0.3, possible: 0.5, likely: 0.75, almost_certain: 1.0 },
  scale: { individual: 0.2, group: 0.4, community: 0.6, widespread: 0.8, societal: 1.0 },
  duration: { transient: 0.2, short_term: 0.4, long_term: 0.7, irreversible: 1.0 },
  causality: { indirect: 0.3, contributing: 0.6, direct: 1.0 },
  technology_contribution: { negligible: 0.1, marginal: 0.4, significant: 0.7, essential: 1.0 },
} as const;
const VULNERABILITY = { general_public: 0, older_adults: 0.25, children: 0.5 } as const;

type Levels = { [F in keyof typeof VALUES]: keyof (typeof VALUES)[F] };

const round1 = (x: number) => Math.round(Math.round(x * 1e5) / 1e4) / 10;
const band = (x: number) => (x >= 9 ? 'critical' : x >= 7 ? 'high' : x >= 4 ? 'medium' : x >= 0.1 ? 'low' : 'none');

function oracle(levels: Levels, population: keyof typeof VULNERABILITY): string {
  const v = (f: keyof typeof VALUES) => (VALUES[f] as Record<string, number>)[levels[f] as string]!;
  const base = 0.5 * v('scale') + 0.5 * v('duration');
  const impact = base + (1 - base) * VULNERABILITY[population];
  const attribution = 1 - 0.3 * (1 - (v('causality') + v('technology_contribution')) / 2);
  const severity = round1(10 * impact * attribution);
  const risk = round1(severity * (1 - 0.5 * (1 - v('likelihood'))));
  return `severity ${severity.toFixed(1)} ${band(severity)}, risk ${risk.toFixed(1)} ${band(risk)}`;
}

describe('the running score', () => {
  it('follows every factor answer on one line, the factors to come counted at their highlighted level', async () => {
    // The SPEC's first worked example, HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M: 7.3 high, 5.5 medium.
    const answers: Levels = {
      likelihood: 'possible',
      scale: 'widespread',
      duration: 'long_term',
      causality: 'contributing',
      technology_contribution: 'significant',
    };
    const { result, output } = walk({
      ...FEATURE,
      ...ALL_NO,
      'dimension.physical.1': true,
      'harm.1.title': 'Unsafe route advice',
      'harm.1.category': 'dangerous_advice',
      'harm.1.populations': ['older_adults'],
      ...Object.fromEntries(Object.entries(answers).map(([f, level]) => [`harm.1.factor.${f}`, level])),
      'harm.1.factor.mitigation_feasibility': 'moderate',
      'dimension.physical.2': false,
    });
    await result;
    // The highlighted levels of a new harm: the middle ones.
    const running: Levels = {
      likelihood: 'possible',
      scale: 'community',
      duration: 'short_term',
      causality: 'contributing',
      technology_contribution: 'marginal',
    };
    const expected = (Object.keys(answers) as (keyof Levels)[]).map((factor) => {
      (running as Record<string, string>)[factor] = answers[factor];
      return `  so far: ${oracle(running, 'older_adults')}`;
    });
    const lines = output().split('\n');
    expect(lines.filter((l) => l.startsWith('  so far: '))).toEqual(expected);
    // After the last factor (not scored), the whole score before safeguards.
    expect(lines).toContain('Before safeguards: severity 7.3 high, risk 5.5 medium');
    expect(expected.at(-1)).toBe('  so far: severity 7.3 high, risk 5.5 medium');
  });

  it('asks who is affected before the factors, so that each running score counts their vulnerability', async () => {
    const { asker, result } = walk({
      ...FEATURE,
      ...ALL_NO,
      'dimension.physical.1': true,
      'harm.1.title': 'x',
      'harm.1.category': 'dangerous_advice',
      'dimension.physical.2': false,
    });
    await result;
    const names = asker.asked.map((q) => q.name);
    expect(names.indexOf('harm.1.populations')).toBeLessThan(names.indexOf('harm.1.factor.likelihood'));
  });
});
