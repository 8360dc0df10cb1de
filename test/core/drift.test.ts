import { describe, expect, test } from 'vitest';
import { checkAssessmentDrift, type PathCommit } from '../../src/core/drift.js';
import { FindingSink } from '../../src/core/findings.js';
import type { Locator } from '../../src/core/locator.js';
import type { Assessment } from '../../src/schema/assessment.js';

const AT_PATHS: Locator = { value: () => ({ line: 9, column: 5 }), key: () => ({ line: 8, column: 3 }), firstKey: () => ({ line: 1, column: 1 }) };
const assessment = { assessment: { date: '2025-03-01' }, feature: { paths: ['src/**'] } } as unknown as Assessment;

/** A commit on `day` at noon UTC. */
function commit(hash: string, day: string, fields: Partial<PathCommit> = {}): PathCommit {
  return { shortHash: hash, day, time: Date.parse(`${day}T12:00:00Z`) / 1000, subject: `subject ${hash}`, touchesAssessment: false, touchesPaths: true, ...fields };
}

function drift(commits: PathCommit[]) {
  const sink = new FindingSink('a.harm.yaml', AT_PATHS);
  checkAssessmentDrift(assessment, { commits }, sink);
  return sink.findings;
}

describe('assessment-drift (SPEC §4)', () => {
  test.each([
    ['no commits', [], 0],
    ['a code commit on the assessment date is not newer', [commit('a1', '2025-03-01')], 0],
    ['a code commit the day after is', [commit('a1', '2025-03-02')], 1],
    ['a commit that changed only the assessment file', [commit('a1', '2025-03-05', { touchesAssessment: true, touchesPaths: false })], 0],
    [
      'code changed, then the assessment was committed after it',
      [commit('b2', '2025-04-01', { touchesAssessment: true, touchesPaths: false }), commit('a1', '2025-03-10')],
      0,
    ],
    [
      'code and assessment changed in one commit: the code is not newer than the assessment',
      [commit('a1', '2025-03-10', { touchesAssessment: true })],
      0,
    ],
    [
      'two code commits after the last commit of the assessment',
      [commit('c3', '2025-05-01'), commit('b2', '2025-04-15'), commit('a1', '2025-04-01', { touchesAssessment: true, touchesPaths: false })],
      2,
    ],
  ] as const)('%s', (_name, commits, count) => {
    const findings = drift([...commits]);
    if (count === 0) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ rule: 'assessment-drift', level: 'warning', line: 8, column: 3 });
    expect(f!.message).toMatch(new RegExp(`^${count} commits? changed the feature's paths`));
  });

  test('names the newest commit by committer time, whatever the order git gave', () => {
    const [f] = drift([commit('a1', '2025-03-02'), commit('c3', '2025-06-30'), commit('b2', '2025-04-01')]);
    expect(f!.message).toBe(
      '3 commits changed the feature\'s paths after this assessment (dated 2025-03-01); the newest is c3 "subject c3" on 2025-06-30. Review the assessment and update assessment.date.',
    );
  });

  test('names the last commit of the assessment when it is later than its date', () => {
    const [f] = drift([commit('c3', '2025-06-30'), commit('b2', '2025-04-01', { touchesAssessment: true, touchesPaths: false })]);
    expect(f!.message).toContain('(last changed in b2 on 2025-04-01)');
  });
  const review = (hash: string, day: string) => commit(hash, day, { touchesAssessment: true, touchesPaths: false });

  test.each([
    ['listed oldest first', [review('a1', '2025-03-20'), commit('b2', '2025-04-10'), review('c3', '2025-04-20')]],
    ['listed newest first', [review('c3', '2025-04-20'), commit('b2', '2025-04-10'), review('a1', '2025-03-20')]],
  ])('measures from the latest commit of the assessment, %s', (_order, commits) => {
    expect(drift(commits)).toEqual([]);
  });

  test.each([
    ['before the assessment date', '2025-02-15'],
    ['on the assessment date', '2025-03-01'],
  ])('names the assessment date when the file was last committed %s', (_when, day) => {
    const [f] = drift([commit('c3', '2025-04-01'), review('b2', day)]);
    expect(f!.message).toBe(
      '1 commit changed the feature\'s paths after this assessment (dated 2025-03-01); the newest is c3 "subject c3" on 2025-04-01. Review the assessment and update assessment.date.',
    );
  });

  // git lists newer commits first: of two with the same committer time, the first listed is the later one.
  test('of commits at the same time, names the first git listed', () => {
    const [f] = drift([commit('d4', '2025-05-01'), commit('c3', '2025-05-01'), review('b2', '2025-04-01'), review('a1', '2025-04-01')]);
    expect(f!.message).toBe(
      '2 commits changed the feature\'s paths after this assessment (last changed in b2 on 2025-04-01); the newest is d4 "subject d4" on 2025-05-01. Review the assessment and update assessment.date.',
    );
  });
});
