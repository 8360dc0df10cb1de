import type { Assessment } from '../schema/assessment.js';
import { addMonths, compact, sameList, splitList, validateDate } from './answers.js';
import type { Walk } from './walk.js';

/*
 * Who assessed the feature, when, and when to look again.
 * Questions: assessment.assessors  assessment.date  assessment.review_by
 */

export async function askAssessment(walk: Walk, prev: Assessment['assessment'] | undefined): Promise<Assessment['assessment']> {
  const { ask } = walk;
  walk.section('Assessment');
  const assessors = splitList(
    await ask.input({
      name: 'assessment.assessors',
      message: 'Assessors (names or emails, comma-separated):',
      default: prev?.assessors.join(', '),
      validate: (v) => (splitList(v).length > 0 ? true : 'Name at least one assessor.'),
    }),
  );
  const date = await ask.input({
    name: 'assessment.date',
    message: 'Assessment date (YYYY-MM-DD):',
    default: prev?.date ?? walk.today,
    validate: validateDate,
  });
  const reviewBy = await ask.input({
    name: 'assessment.review_by',
    message: 'Review again by (YYYY-MM-DD, optional):',
    default: prev ? prev.review_by : addMonths(date, 6),
    validate: (v) => {
      if (v === '' || v === prev?.review_by) return true;
      const verdict = validateDate(v);
      if (verdict !== true) return verdict;
      return v >= date ? true : `The review date comes before the assessment date (${date}).`;
    },
  });
  return compact({
    ...prev,
    date,
    assessors: prev && sameList(prev.assessors, assessors) ? prev.assessors : assessors,
    review_by: reviewBy === '' ? undefined : reviewBy,
  }) as Assessment['assessment'];
}
