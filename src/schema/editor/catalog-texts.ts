import { SCORED_FACTORS, type FactorName } from '../common.js';
import { under, type DocumentTexts, type IdKind } from './annotate.js';

const FACTOR_NAMES: Record<FactorName, string> = {
  likelihood: 'Likelihood: how likely the harm is to happen.',
  scale: 'Scale: how many people the harm would reach.',
  duration: 'Duration: how long the harm would last.',
  causality: 'Causality: how directly the feature would cause the harm.',
  technology_contribution: 'Technology contribution: how much the technology makes the harm easier or larger.',
  mitigation_feasibility: 'Mitigation feasibility: how hard the harm is to mitigate (not scored).',
};

function factorTexts(factor: FactorName): Record<string, string> {
  const scored = factor !== 'mitigation_feasibility';
  return {
    '': FACTOR_NAMES[factor],
    name: 'The factor\'s name, as reports show it.',
    levels: `The levels, ${scored ? 'least to most severe' : 'easiest to hardest'}: a list merged by id. Ids and codes are fixed; ${scored ? 'values and ' : ''}descriptions may change.`,
    'levels[].id': 'The level\'s id (fixed).',
    'levels[].code': 'The level\'s letter in vectors (fixed).',
    ...(scored ? { 'levels[].value': 'The level\'s value in the scoring formula, from 0 to 1, never lower than the level before.' } : {}),
    'levels[].description': 'One sentence on what the level means; the questionnaire and `--explain` show it.',
  };
}

const CONDITION = {
  dimension: 'Holds for a harm that lists this dimension (or any of these).',
  category: 'Holds for a harm of this category (or any of these).',
  capability: 'Holds for a feature with this capability (or any of these).',
  population: 'Holds for a harm that affects this population (or any of these).',
  stage: 'Holds for a feature at this stage (or any of these).',
  min_severity: 'Holds for a harm whose inherent severity is at this level or above.',
  min_risk: 'Holds for a harm whose inherent risk is at this level or above.',
  factor: 'Holds for a harm whose factors are at least these levels (for `mitigation_feasibility`: at least this hard).',
  ...Object.fromEntries(SCORED_FACTORS.map((f) => [`factor.${f}`, `Holds when the harm's ${f.replaceAll('_', ' ')} is at least this level.`])),
  'factor.mitigation_feasibility': 'Holds when the harm is at least this hard to mitigate.',
  'factor.vulnerability': 'Holds when the harm\'s vulnerability (from its populations) is at least this level.',
};
const CONDITION_IDS: Record<string, IdKind> = { dimension: 'dimension', category: 'category', capability: 'capability', population: 'population' };

const CONDITION_LISTS = {
  recommend_when: 'When the catalog recommends the safeguard: a harm that any entry matches. An entry matches when all its keys hold, on the inherent harm and the feature.',
  require_when: 'When the catalog requires the safeguard: a harm that any entry matches. A required safeguard that is not implemented or waived is a gap.',
  effects_when: 'Which harms the `effects` apply to: those that any entry matches, on the inherent harm and the feature. Absent: every harm the safeguard is declared for.',
};

const SAFEGUARD = {
  id: 'The safeguard\'s id: `<kind>.<kebab-case-name>`.',
  title: 'The safeguard in a few words.',
  kind: 'What sort of measure the safeguard is.',
  stage: 'When in the feature\'s life the safeguard acts.',
  burden: 'What the safeguard costs legitimate users.',
  description: 'What the safeguard does, in a sentence or two.',
  reference: 'Where the safeguard is documented: an http(s) URL.',
  mappings: 'The clauses of other frameworks the safeguard serves: framework slug (`nist-ai-rmf`, `eu-ai-act`, `iso-42001`) → clause ids. Reports and SARIF tags show them.',
  effects: 'How the safeguard lowers a harm\'s factors while it is in effect.',
  ...Object.fromEntries(SCORED_FACTORS.map((f) => [`effects.${f}`, `Whole steps down the ${f.replaceAll('_', ' ')} levels, as a negative number (\`-1\`).`])),
  'effects.exclude_populations': 'Populations the safeguard takes out of the harm\'s affected populations (an age check takes out `children`).',
  raises: 'What the safeguard costs elsewhere: category id → steps up on the harms of that category in the same assessment, while the safeguard is in effect.',
  ...Object.fromEntries(SCORED_FACTORS.map((f) => [`raises.*.${f}`, `Whole steps up the ${f.replaceAll('_', ' ')} levels, as a positive number.`])),
  ...CONDITION_LISTS,
  ...Object.assign({}, ...Object.keys(CONDITION_LISTS).map((list) => under(`${list}[]`, CONDITION))),
};

export const CATALOG_TEXTS: DocumentTexts = {
  keys: {
    $schema: 'The JSON Schema editors check this file with; harm ignores it.',
    apiVersion: 'The version of the file format: `harm/v1`.',
    kind: 'What the file holds: `Catalog`.',
    extends: 'The catalogs this layer builds on, merged before it: paths relative to this file, or `builtin`. Absent: `[builtin]`; `[]`: a catalog of its own.',
    remove: 'Ids taken out after the layers are merged.',
    'remove.safeguards': 'Safeguard ids to take out.',
    'remove.categories': 'Category ids to take out.',
    'remove.populations': 'Population ids to take out.',
    'remove.dimensions': 'Dimension ids to take out.',
    framework: 'The scoring model: dimensions, factor levels, populations, weights and bands. Every number is data here.',
    'framework.id': 'The framework\'s id; reports name the framework they were scored with.',
    'framework.version': 'The version of the framework: `2` adds `max_shift`, `effects_when` and `raises`.',
    'framework.dimensions': 'The dimensions harms fall on: a list merged by id, so a new id adds a dimension.',
    'framework.dimensions[].id': 'The dimension\'s id.',
    'framework.dimensions[].name': 'The dimension\'s name, as reports show it.',
    'framework.dimensions[].description': 'One sentence on what the dimension covers.',
    'framework.factors': 'The rated factors and their levels.',
    ...Object.assign({}, ...(Object.keys(FACTOR_NAMES) as FactorName[]).map((f) => under(`framework.factors.${f}`, factorTexts(f)))),
    'framework.vulnerability': 'The vulnerability levels, which a harm takes from the most vulnerable of its populations.',
    'framework.vulnerability.levels': 'The levels, least to most vulnerable: a list merged by id. Ids and codes are fixed; values and descriptions may change.',
    'framework.vulnerability.levels[].id': 'The level\'s id (fixed).',
    'framework.vulnerability.levels[].code': 'The level\'s letter in vectors (fixed).',
    'framework.vulnerability.levels[].value': 'The level\'s value in the scoring formula, from 0 to 1.',
    'framework.vulnerability.levels[].description': 'One sentence on what the level means.',
    'framework.populations': 'The populations a harm may affect: a list merged by id.',
    'framework.populations[].id': 'The population\'s id.',
    'framework.populations[].name': 'The population\'s name, as reports show it.',
    'framework.populations[].vulnerability': 'How vulnerable the population is.',
    'framework.populations[].description': 'One sentence on who the population is.',
    'framework.weights': 'The weights of the scoring formula.',
    'framework.weights.scale': 'The weight of scale in a harm\'s base impact; `scale` and `duration` add up to 1.',
    'framework.weights.duration': 'The weight of duration in a harm\'s base impact; `scale` and `duration` add up to 1.',
    'framework.weights.attribution': 'How much indirect causality and a small technology contribution can lower severity, from 0 to 1.',
    'framework.weights.likelihood': 'How much a low likelihood lowers risk below severity, from 0 to 1.',
    'framework.bands': 'The lowest score of each level; below the first is `none`.',
    'framework.bands[].id': 'The level.',
    'framework.bands[].min': 'The lowest score at this level, from 0 to 10.',
    'framework.max_shift': 'The most levels that safeguards together may move each factor, each way. A factor left out: 2.',
    ...Object.fromEntries(SCORED_FACTORS.map((f) => [`framework.max_shift.${f}`, `The most levels ${f.replaceAll('_', ' ')} may move, as a whole number.`])),
    categories: 'The harm categories: a list merged by id.',
    'categories[].id': 'The category\'s id.',
    'categories[].name': 'The category\'s name, as reports show it.',
    'categories[].description': 'One sentence on what the category covers.',
    'categories[].dimensions': 'The dimensions the questionnaire offers first for a harm of this category.',
    'categories[].escalate': 'Whether every harm of this category needs an escalation record. Default: `false`.',
    'categories[].escalation_message': 'What to do about the escalation, shown with `escalation-required`.',
    'categories[].mappings': 'The clauses of other frameworks the category relates to: framework slug (`nist-ai-rmf`, `eu-ai-act`, `iso-42001`) → clause ids.',
    safeguards: 'The safeguards: a list merged by id.',
    ...under('safeguards[]', SAFEGUARD),
  },
  ids: {
    'remove.safeguards': 'safeguard',
    'remove.categories': 'category',
    'remove.populations': 'population',
    'remove.dimensions': 'dimension',
    'categories[].dimensions': 'dimension',
    'safeguards[].effects.exclude_populations': 'population',
    ...Object.assign({}, ...Object.keys(CONDITION_LISTS).map((list) => under(`safeguards[].${list}[]`, CONDITION_IDS))),
  },
};
