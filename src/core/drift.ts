import type { Assessment } from '../schema/assessment.js';
import type { FindingSink } from './findings.js';

/** One commit that touched the assessment file or the feature's `paths`, as git reported it. */
export interface PathCommit {
  shortHash: string;
  /** Committer date, seconds since the epoch. */
  time: number;
  /** Committer date as a calendar day in the committer's time zone, YYYY-MM-DD. */
  day: string;
  subject: string;
  /** The commit changed the assessment file itself. */
  touchesAssessment: boolean;
  /** The commit changed a file matching `feature.paths` other than the assessment file. */
  touchesPaths: boolean;
}

/** What the io layer found in git for one assessment; absent outside a work tree or without `paths`. */
export interface PathHistory {
  commits: readonly PathCommit[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `assessment-drift` (SPEC §4): commits to the feature's code newer, by committer date,
 * than both `assessment.date` and the last commit that changed the assessment file.
 */
export function checkAssessmentDrift(assessment: Assessment, history: PathHistory, sink: FindingSink): void {
  let lastReview: PathCommit | undefined;
  for (const c of history.commits) if (c.touchesAssessment && (!lastReview || c.time > lastReview.time)) lastReview = c;
  const since = lastReview?.time ?? Number.NEGATIVE_INFINITY;
  const date = assessment.assessment.date;
  const newer = history.commits.filter((c) => c.touchesPaths && c.day > date && c.time > since);
  if (newer.length === 0) return;
  let newest = newer[0]!;
  for (const c of newer) if (c.time > newest.time) newest = c;
  const baseline = lastReview && lastReview.day > date ? `last changed in ${lastReview.shortHash} on ${lastReview.day}` : `dated ${date}`;
  sink.at(
    'assessment-drift',
    ['feature', 'paths'],
    `${plural(newer.length, 'commit')} changed the feature's paths after this assessment (${baseline}); the newest is ${newest.shortHash} "${newest.subject}" on ${newest.day}. Review the assessment and update assessment.date.`,
    { anchor: 'key' },
  );
}
