import { describe, expect, it } from 'vitest';
import { ASSESS_FORMATS } from '../../src/cli/run.js';
import { assessReporters } from '../../src/reporters/assess-registry.js';
import { computerUseReport, makeAssessOutput, makeReporterContext } from '../fixtures/report.js';

describe('assessReporters', () => {
  it('has one reporter for every assess format, and no other', () => {
    expect(Object.keys(assessReporters).sort()).toEqual([...ASSESS_FORMATS].sort());
  });

  it('renders the report in every format, each ending with a newline', () => {
    for (const format of ASSESS_FORMATS) {
      const out = assessReporters[format](makeAssessOutput(computerUseReport), makeReporterContext());
      expect(out.endsWith('\n'), format).toBe(true);
      expect(out, format).toContain('computer-use');
    }
  });
});
