import { describe, expect, it } from 'vitest';
import { countBarCells, formatLevelBar, formatMeasure, paintScoreLevel } from '../../src/reporters/level-style.js';
import { createPaint } from '../../src/reporters/text.js';

const ESC = '\u001b';

describe('level style', () => {
  it.each([
    [0, 0],
    [0.1, 1],
    [0.4, 1],
    [0.5, 1],
    [3.9, 4],
    [5.5, 6],
    [7.6, 8],
    [9.4, 9],
    [10, 10],
  ])('fills %d of 10 with %d cells', (value, cells) => {
    expect(countBarCells(value, 10)).toBe(cells);
  });

  it('draws a bar of exactly the asked cells, plain without colour', () => {
    expect(formatLevelBar(createPaint(false), 7.6, 'high')).toBe('████████░░');
    expect(formatLevelBar(createPaint(false), 0, 'none', 6)).toBe('░░░░░░');
    expect(formatLevelBar(createPaint(false), 10, 'critical', 5)).toBe('█████');
    expect(formatLevelBar(createPaint(true), 5.5, 'medium')).toBe(`${ESC}[33m██████${ESC}[39m${ESC}[2m░░░░${ESC}[22m`);
  });

  it('colours each level, and only with colour on', () => {
    const on = createPaint(true);
    expect(paintScoreLevel(on, 'none', 'x')).toBe(`${ESC}[2mx${ESC}[22m`);
    expect(paintScoreLevel(on, 'low', 'x')).toBe(`${ESC}[32mx${ESC}[39m`);
    expect(paintScoreLevel(on, 'medium', 'x')).toBe(`${ESC}[33mx${ESC}[39m`);
    expect(paintScoreLevel(on, 'high', 'x')).toBe(`${ESC}[31mx${ESC}[39m`);
    expect(paintScoreLevel(on, 'critical', 'x')).toBe(`${ESC}[1m${ESC}[35mx${ESC}[39m${ESC}[22m`);
    for (const level of ['none', 'low', 'medium', 'high', 'critical'] as const) {
      expect(paintScoreLevel(createPaint(false), level, 'x')).toBe('x');
    }
  });

  it('shows a number with one decimal next to its level', () => {
    const score = { severity: 10, severityLevel: 'critical', risk: 4, riskLevel: 'medium', vector: null } as const;
    expect(formatMeasure(score, 'severity')).toEqual({ value: '10.0', level: 'critical' });
    expect(formatMeasure(score, 'risk')).toEqual({ value: '4.0', level: 'medium' });
  });
});
