import { describe, expect, it } from 'vitest';
import { formatAssessJson } from '../../src/reporters/assess-json.js';
import { reportSchema } from '../../src/schema/output.js';
import { brokenReport, computerUseReport, makeAssessOutput, makeReporterContext, readAssessGolden } from '../fixtures/report.js';

describe('formatAssessJson', () => {
  it('matches the golden file', () => {
    const out = formatAssessJson(makeAssessOutput(computerUseReport), makeReporterContext());
    expect(out).toBe(readAssessGolden('json', out));
  });

  it('is exactly the report, indented by two spaces, with a trailing newline, colour or not', () => {
    for (const report of [computerUseReport, brokenReport]) {
      const out = formatAssessJson(makeAssessOutput(report, 'explanation is not part of it'), makeReporterContext({ color: true }));
      expect(out).toBe(`${JSON.stringify(report, null, 2)}\n`);
      expect(JSON.parse(out)).toEqual(report);
    }
  });

  it('passes the Report schema', () => {
    for (const report of [computerUseReport, brokenReport]) {
      const parsed = reportSchema.safeParse(JSON.parse(formatAssessJson(makeAssessOutput(report), makeReporterContext())));
      expect(parsed.success, parsed.error?.message).toBe(true);
    }
  });
});
