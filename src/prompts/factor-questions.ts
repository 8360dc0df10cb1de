import type { Harm } from '../schema/assessment.js';
import type { FactorName } from '../schema/common.js';
import type { HarmReport } from '../schema/output.js';
import { keepOrder } from './answers.js';
import type { Walk } from './walk.js';

/*
 * How bad the harm would be without safeguards: who it reaches, then the six
 * factors, each answer followed by the running score on one line.
 * Questions: harm.<n>.populations (checkbox)  harm.<n>.factor.<factor>
 */

const FACTOR_QUESTIONS: Record<FactorName, string> = {
  likelihood: 'how likely is it to happen?',
  scale: 'how many people could it reach?',
  duration: 'how long would the effects last?',
  causality: 'how directly would the feature cause it?',
  technology_contribution: 'how much does the feature add?',
  mitigation_feasibility: 'how hard is it to prevent or undo?',
};
const ASKED_FACTORS = ['likelihood', 'scale', 'duration', 'causality', 'technology_contribution', 'mitigation_feasibility'] as const;

type Factors = Harm['factors'];

/**
 * Asks the populations and factors of harm number `n`; `withFactors` makes the
 * harm from them, so that each running score is the harm's score in the draft.
 * Returns the factors and the harm's report once all are answered.
 */
export async function askFactors(
  walk: Walk,
  n: number,
  prev: Factors | undefined,
  withFactors: (factors: Factors) => Harm,
): Promise<{ factors: Factors; report: HarmReport }> {
  const framework = walk.catalog.framework;
  const q = `harm.${n}`;
  const general = framework.populations.some((p) => p.id === 'general_public') ? ['general_public'] : [];
  // Asked first: who is reached sets the vulnerability, so every running score below is a whole one.
  const populations = await walk.ask.checkbox<string>({
    name: `${q}.populations`,
    message: 'Who could be affected?',
    choices: framework.populations.map((p) => ({
      value: p.id,
      name: `${p.name} (${p.vulnerability === 'none' ? 'no extra' : p.vulnerability} vulnerability)`,
      short: p.name,
      description: p.description,
      checked: (prev?.affected_populations ?? general).includes(p.id),
    })),
    validate: (v) => (v.length > 0 ? true : 'Tick at least one population.'),
  });

  const levels = {} as Record<FactorName, string>;
  for (const factor of ASKED_FACTORS) {
    const choices = framework.factors[factor].levels;
    levels[factor] = prev?.[factor] ?? choices[Math.floor((choices.length - 1) / 2)]!.id;
  }
  const factors = (): Factors =>
    ({
      likelihood: levels.likelihood,
      scale: levels.scale,
      duration: levels.duration,
      affected_populations: keepOrder(prev?.affected_populations ?? [], populations),
      causality: levels.causality,
      technology_contribution: levels.technology_contribution,
      mitigation_feasibility: levels.mitigation_feasibility,
    }) as Factors;

  walk.say(
    'Rate the harm as it would be without the safeguards you are about to declare. Each answer shows the score so far (factors still to come count at their highlighted level).',
    walk.style.dim,
  );
  for (const [i, factor] of ASKED_FACTORS.entries()) {
    const data = framework.factors[factor];
    levels[factor] = await walk.ask.select<string>({
      name: `${q}.factor.${factor}`,
      message: `${data.name}: ${FACTOR_QUESTIONS[factor]}`,
      choices: data.levels.map((l) => ({ value: l.id, name: l.id.replace(/_/g, ' '), description: l.description })),
      default: levels[factor],
    });
    if (i < ASKED_FACTORS.length - 1) walk.show(`  ${walk.style.dim('so far:')} ${walk.formatScore(walk.reportHarm(n, withFactors(factors())).inherent)}`);
  }

  const report = walk.reportHarm(n, withFactors(factors()));
  walk.say();
  walk.show(`${walk.style.bold('Before safeguards:')} ${walk.formatScore(report.inherent)}`);
  walk.say(`  ${report.inherent.vector ?? ''}`, walk.style.dim);
  return { factors: factors(), report };
}
