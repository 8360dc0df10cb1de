import { dirname, relative, sep } from 'node:path';
import type { AssessOptions } from '../core/assess.js';
import type { PathCommit, PathHistory } from '../core/drift.js';
import type { Assessment } from '../schema/assessment.js';
import { findRepositoryRoot } from './config-loader.js';
import { runGit } from './git.js';

const RECORD = '\x1e';
const FIELD = '\x1f';

/** The day before an ISO date: git's `--since` reads a bare date in local time, so the bound is kept loose. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The git history assessment-drift needs, looked up only when the rule can fire: `paths` given, rule on, all rules running. */
export function readHistory(path: string, assessment: Assessment, options: Pick<AssessOptions, 'documentOnly' | 'rules'>): PathHistory | undefined {
  const paths = assessment.feature.paths;
  if (!paths || paths.length === 0 || options.documentOnly || options.rules?.['assessment-drift'] === 'off') return undefined;
  return readPathHistory(path, paths, assessment.assessment.date);
}

/**
 * The commits since `date` that touched an assessment file or its feature's `paths`
 * (globs from the repository root), in one `git log`. Undefined outside a git work
 * tree, or when git is missing or fails: drift is then silent (SPEC §4).
 */
export function readPathHistory(file: string, paths: readonly string[], date: string): PathHistory | undefined {
  const root = findRepositoryRoot(dirname(file));
  if (root === undefined || paths.length === 0) return undefined;
  const self = relative(root, file).split(sep).join('/');
  const result = runGit(
    [
      'log',
      '-z',
      '--name-only',
      `--since=${dayBefore(date)}`,
      `--format=${RECORD}%h${FIELD}%ct${FIELD}%cs${FIELD}%s`,
      '--',
      `:(top,literal)${self}`,
      ...paths.map((p) => `:(top,glob)${p}`),
    ],
    { cwd: root },
  );
  if (!result.ok) return undefined;
  return { commits: parseLog(result.stdout.toString('utf8'), self) };
}

function parseLog(text: string, self: string): PathCommit[] {
  const commits: PathCommit[] = [];
  for (const record of text.split(RECORD)) {
    if (record === '') continue;
    const end = record.indexOf('\0');
    const [shortHash = '', time = '0', day = '', subject = ''] = (end < 0 ? record : record.slice(0, end)).split(FIELD);
    const names = end < 0 ? [] : record.slice(end + 1).split('\0').map((n) => n.replace(/^\n/, '')).filter((n) => n !== '');
    commits.push({
      shortHash,
      time: Number(time),
      day,
      subject,
      touchesAssessment: names.includes(self),
      touchesPaths: names.some((n) => n !== self),
    });
  }
  return commits;
}
