import { describe, expect, it } from 'vitest';
import { scoreLevels } from '../../src/core/score.js';
import { parseVector } from '../../src/core/vector.js';
import { formatScoreTable } from '../../src/reporters/score-table.js';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { measureText } from '../../src/reporters/terminal-text.js';
import { readGolden } from '../helpers/golden.js';
import { FRAMEWORK as framework } from '../fixtures/framework.js';
import { makeReporterContext } from '../fixtures/report.js';

const VECTOR = 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M';
const output = { detail: scoreLevels(framework, parseVector(VECTOR)), framework };

describe('formatScoreTable', () => {
  it('matches the golden file without colour', () => {
    const out = formatScoreTable(output, makeReporterContext());
    expect(out).toBe(readGolden('score', 'table', out));
  });

  it('is the same text with colour on', () => {
    expect(stripAnsi(formatScoreTable(output, makeReporterContext({ color: true })))).toBe(formatScoreTable(output, makeReporterContext()));
  });

  it('keeps within 40 columns, giving each factor two lines when its name leaves too little room', () => {
    const long = structuredClone(framework);
    long.factors.technology_contribution.name = 'Contribution of the technology to the harm, compared with what exists without it';
    for (const fw of [framework, long]) {
      const out = formatScoreTable({ ...output, framework: fw }, makeReporterContext({ width: 40 }));
      expect(out.split('\n').filter((l) => measureText(l) > 40)).toEqual([]);
      expect(out).toContain('Severity  7.3  high');
    }
    expect(formatScoreTable({ ...output, framework: long }, makeReporterContext({ width: 40 }))).toContain('\n  Scale\n    S:W widespread 0.8\n');
  });
});
