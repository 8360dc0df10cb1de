import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/reporters/types.js';
import { buildCheckRun, buildCleanRun, buildContext, renderFormat } from '../fixtures/check-run.js';
import { expectGolden } from './check-golden.js';

describe('formatGithub', () => {
  it('matches the golden file', () => {
    expectGolden('github', renderFormat('github', buildCheckRun(), buildContext()));
  });

  it('writes one command per finding with the repository-relative path and escaped values', () => {
    const file: FileResult = {
      file: 'a,b:c.harm.yaml',
      uri: 'sub/a,b:c.harm.yaml',
      feature: 'a',
      findings: [
        {
          rule: 'schema',
          level: 'error',
          message: 'Unknown key "x": 50% of <a & b>, \'c\' | d\nsee line 2\r',
          file: 'a,b:c.harm.yaml',
          line: 4,
          column: 7,
        },
        { rule: 'review-overdue', level: 'warning', message: 'overdue', file: 'a,b:c.harm.yaml', line: 2, column: 12 },
        { rule: 'recommended-safeguard', level: 'info', message: 'consider it', file: 'a,b:c.harm.yaml', line: 9, column: 3 },
      ],
    };
    const run = buildCheckRun([file]);
    expect(renderFormat('github', run, buildContext())).toBe(
      [
        '::error file=sub/a%2Cb%3Ac.harm.yaml,line=4,col=7,title=schema::Unknown key "x": 50%25 of <a & b>, \'c\' | d%0Asee line 2%0A',
        '::warning file=sub/a%2Cb%3Ac.harm.yaml,line=2,col=12,title=review-overdue::overdue',
        'harm: 2 problems (1 error, 1 warning), 1 file checked; 1 info not shown, use --verbose to see them',
        '',
      ].join('\n'),
    );
    expect(renderFormat('github', run, buildContext({ verbose: true }))).toContain(
      '::notice file=sub/a%2Cb%3Ac.harm.yaml,line=9,col=3,title=recommended-safeguard::consider it\n',
    );
  });

  it('ends with a one-line summary, also when clean', () => {
    expect(renderFormat('github', buildCleanRun(), buildContext())).toBe('harm: 1 file checked, no problems\n');
    const lines = renderFormat('github', buildCheckRun(), buildContext()).trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines.slice(0, 8).every((l) => /^::(error|warning) file=assessments\//.test(l))).toBe(true);
  });

  it('never writes colour codes', () => {
    expect(renderFormat('github', buildCheckRun(), buildContext({ color: true, verbose: true }))).not.toContain('\u001b');
  });
});
