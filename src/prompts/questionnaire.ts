import type { Assessment } from '../schema/assessment.js';
import { askAssessment } from './assessment-questions.js';
import { askFeature } from './feature-questions.js';
import { addHarm, walkDimensions } from './harm-questions.js';
import { offerAcceptances } from './acceptance-questions.js';
import { followAcceptances, followWaivers, offerTradeoffHarms, reviewExistingHarms, showProfile } from './review.js';
import { Walk, type WalkOptions } from './walk.js';

/*
 * The questionnaire of `harm init` and `harm edit`, one module per part of the walk:
 *
 *   feature-questions     the feature, its capabilities and feature-wide safeguards
 *   assessment-questions  assessors and dates
 *   harm-questions        the harms, dimension by dimension; title, id, dimensions, category, escalation
 *   factor-questions      populations and factors, with the running score
 *   safeguard-questions   the safeguards of each harm
 *   review                keep, edit or remove existing harms; unscored trade-offs; waivers; the severity profile
 *   acceptance-questions  recording an acceptance of a residual risk that would fail the gate
 *
 * Every question goes through the asker (ask.ts) under a stable name, which the
 * tests script answers by; each module lists its names. `<n>` in `harm.<n>.…` is
 * the harm's 1-based position: existing harms keep their place in the file, new
 * harms are numbered after them. `harm edit` adds `harms.add` (add new harms?).
 */

export interface QuestionnaireOptions extends WalkOptions {
  /** Called once the feature id is known; returning false stops the walk (nothing to write). */
  onFeatureId?: (id: string) => Promise<boolean>;
}

export interface QuestionnaireResult {
  assessment: Assessment;
  /** For each harm of `assessment.harms`, its index in the existing assessment, or undefined when new. */
  harmOrigins: (number | undefined)[];
}

export async function runQuestionnaire(options: QuestionnaireOptions): Promise<QuestionnaireResult | undefined> {
  const walk = new Walk(options);
  const existing = options.existing;
  if (existing) {
    walk.say('Every answer is pre-filled from the file.');
    walk.say('Enter keeps an answer, Tab edits it, Backspace clears it; Ctrl-C stops without writing.', walk.style.dim);
  } else {
    walk.say('Questions about the feature, then its possible harms, one dimension at a time.');
    walk.say('Enter accepts the answer in brackets or the highlighted choice; Ctrl-C stops without writing.', walk.style.dim);
  }
  walk.feature = await askFeature(walk, existing?.feature);
  if (options.onFeatureId && !(await options.onFeatureId(walk.feature.id))) return undefined;
  walk.meta = await askAssessment(walk, existing?.assessment);

  if (existing) {
    existing.harms.forEach((harm, origin) => walk.harms.push({ harm, origin, n: origin + 1 }));
    walk.nextNumber = existing.harms.length + 1;
    await reviewExistingHarms(walk);
    walk.section('New harms');
    if (await walk.ask.confirm({ name: 'harms.add', message: 'Add a new harm?', default: false })) await walkDimensions(walk);
  } else {
    await walkDimensions(walk);
  }
  if (walk.harms.length === 0) {
    walk.say();
    walk.say('An assessment names at least one harm. Name the most serious one you can think of, however unlikely: its score will show how small it is.');
    await addHarm(walk, undefined);
  }

  await offerTradeoffHarms(walk);
  const waivers = followWaivers(walk);
  const followed = followAcceptances(walk);
  const accepted = await offerAcceptances(walk, followed ?? []);
  const acceptances = accepted.length > (followed?.length ?? 0) ? accepted : followed;
  const assessment = walk.draft(
    walk.harms.map((h) => h.harm),
    { waivers, acceptances },
  );
  showProfile(walk, walk.evaluate(assessment).profile);
  return { assessment, harmOrigins: walk.harms.map((h) => h.origin) };
}
