import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatAssessYaml } from '../../src/reporters/assess-yaml.js';
import { reportSchema } from '../../src/schema/output.js';
import { brokenReport, computerUseReport, makeAssessOutput, makeReporterContext, readAssessGolden } from '../fixtures/report.js';

describe('formatAssessYaml', () => {
  it('matches the golden file', () => {
    const out = formatAssessYaml(makeAssessOutput(computerUseReport), makeReporterContext());
    expect(out).toBe(readAssessGolden('yaml', out));
  });

  it('parses back to the same report, which passes the Report schema', () => {
    for (const report of [computerUseReport, brokenReport]) {
      const out = formatAssessYaml(makeAssessOutput(report), makeReporterContext());
      expect(parse(out)).toEqual(report);
      expect(parse(out, { version: '1.1' })).toEqual(report);
      expect(reportSchema.safeParse(parse(out)).success).toBe(true);
    }
  });

  it('writes shared objects in full instead of as anchors and aliases', () => {
    // The fixture reuses score and recommendation objects, as an evaluator may.
    const out = formatAssessYaml(makeAssessOutput(computerUseReport), makeReporterContext());
    expect(out).not.toMatch(/[&*]a\d/);
  });

  it('quotes strings that other YAML readers would take for something else', () => {
    const report = structuredClone(computerUseReport);
    report.feature = { id: 'yes', name: 'null', owner: '2025-01-01', stage: 'beta' };
    report.tool.version = '1.0';
    report.findings[0]!.message = 'on: off # not a comment\nsecond line';
    const out = formatAssessYaml(makeAssessOutput(report), makeReporterContext());
    expect(parse(out)).toEqual(report);
    expect(parse(out, { version: '1.1' })).toEqual(report);
    expect(out).toContain('id: "yes"');
  });
});
