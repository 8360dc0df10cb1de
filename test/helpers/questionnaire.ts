import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import { createScriptedAsker, type ScriptedAnswer } from '../../src/prompts/ask.js';
import { runQuestionnaire, type QuestionnaireOptions } from '../../src/prompts/questionnaire.js';

export const TODAY = '2026-01-15';
export const catalog = loadBuiltinCatalog();

/** The feature and assessment answers of a new walk. */
export const FEATURE: Record<string, ScriptedAnswer> = {
  'feature.name': 'Trip Planner',
  'feature.owner': 'travel-team',
  'feature.stage': 'beta',
  'feature.capabilities': ['web_browsing', 'payments'],
  'feature.capabilities.other': 'booking_api',
  'assessment.assessors': 'a@example.com, b@example.com',
};

/** "No harm here" for the first question of every built-in dimension. */
export const ALL_NO: Record<string, ScriptedAnswer> = Object.fromEntries(catalog.framework.dimensions.map((d) => [`dimension.${d.id}.1`, false]));

/** Runs the questionnaire with scripted answers, collecting what it writes. */
export function walk(script: Record<string, ScriptedAnswer>, extra: Partial<QuestionnaireOptions> = {}) {
  const asker = createScriptedAsker(script);
  let out = '';
  const result = runQuestionnaire({ asker, write: (s) => (out += s), catalog, today: TODAY, file: 'test.harm.yaml', ...extra });
  return { asker, result, output: () => out };
}
