import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCheckResultEnvelope, toJsonFile } from '../../src/reporters/check-json.js';
import { splitJsonArray } from '../../src/reporters/json-stream.js';
import { escapeQuotedActing } from '../../src/reporters/sanitize.js';
import { renderFileSuite, renderTestsuitesOpen, renderWarningLimitSuite } from '../../src/reporters/junit.js';
import { buildSarifLog, buildSarifResults } from '../../src/reporters/sarif.js';
import { buildSarifRules, RuleTally } from '../../src/reporters/sarif-rules.js';
import type { CheckRun, FileResult, ReporterContext } from '../../src/reporters/types.js';
import type { RuleId } from '../../src/schema/rules.js';
import { RULE_IDS } from '../../src/schema/rules.js';
import { buildCheckRun, buildCleanRun, buildContext, CHECK_INFO, renderFormat, CHECK_FRAMEWORK } from '../fixtures/check-run.js';

/*
 * The whole-report versions: each format built as one document in memory and
 * serialised at once, as harm did before reports were streamed. The streamed
 * reports must produce exactly these bytes.
 */
const wholeReports = {
  json: (run: CheckRun) => `${escapeQuotedActing(JSON.stringify({ ...buildCheckResultEnvelope(run.info, run.summary), files: run.files.map(toJsonFile) }, null, 2))}\n`,
  sarif: (run: CheckRun, ctx: ReporterContext) => {
    const risk = new RuleTally();
    const results = run.files.flatMap((file) => buildSarifResults(file, ctx.verbose, risk));
    return `${escapeQuotedActing(JSON.stringify(buildSarifLog(run.info, ctx, buildSarifRules(risk), results), null, 2))}\n`;
  },
  junit: (run: CheckRun, ctx: ReporterContext) => {
    const suites = run.files.map((file) => renderFileSuite(file, ctx.verbose));
    if (run.warningsExceeded !== undefined) suites.push(renderWarningLimitSuite(run.warningsExceeded));
    const tests = suites.reduce((n, s) => n + s.tests, 0);
    const failures = suites.reduce((n, s) => n + s.failures, 0);
    return [renderTestsuitesOpen(tests, failures), ...suites.map((s) => s.xml), '</testsuites>', ''].join('\n');
  },
};
const FORMATS = ['json', 'sarif', 'junit'] as const;

const goldenRuns: [string, CheckRun][] = [
  ['the golden run', buildCheckRun()],
  ['a clean run', buildCleanRun()],
  ['no files', buildCheckRun([])],
  ['too many warnings', { ...buildCheckRun(), warningsExceeded: '3 warnings exceed --max-warnings 0.' }],
  ['no config, no repository', buildCheckRun(undefined, { version: '1.0.0', framework: CHECK_FRAMEWORK, config: null, command: 'validate' })],
];

describe('streamed JSON, SARIF and JUnit', () => {
  for (const format of FORMATS) {
    for (const [name, run] of goldenRuns) {
      for (const verbose of [false, true]) {
        it(`are byte-identical to the whole ${format} report: ${name}${verbose ? ', --verbose' : ''}`, () => {
          const ctx = buildContext({ verbose });
          expect(renderFormat(format, run, ctx)).toBe(wholeReports[format](run, ctx));
        });
      }
    }
  }

  const finding = fc.record(
    {
      rule: fc.constantFrom(...RULE_IDS),
      level: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
      message: fc.string({ unit: 'binary', maxLength: 40 }),
      file: fc.constant('f'),
      line: fc.integer({ min: 1, max: 500 }),
      column: fc.integer({ min: 1, max: 80 }),
      harm: fc.constantFrom('h1', 'h2'),
    },
    { requiredKeys: ['rule', 'level', 'message', 'file', 'line', 'column'] },
  );
  const file: fc.Arbitrary<FileResult> = fc.record(
    {
      file: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
      uri: fc.string({ minLength: 1, maxLength: 20 }),
      feature: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
      findings: fc.array(finding, { maxLength: 6 }),
      scored: fc.record({
        name: fc.string({ maxLength: 10 }),
        stage: fc.constant('beta'),
        residual: fc.constant({ severity: 5, severityLevel: 'medium' as const, risk: 4, riskLevel: 'medium' as const, vector: null }),
        harmRisk: fc.record({ h1: fc.double({ min: 0, max: 10, noNaN: true }) }),
      }),
    },
    { requiredKeys: ['file', 'uri', 'feature', 'findings'] },
  );

  it('are byte-identical to the whole reports on generated runs', () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 8 }), fc.boolean(), fc.option(fc.string(), { nil: undefined }), (files, verbose, exceeded) => {
        const run: CheckRun = { ...buildCheckRun(files), ...(exceeded === undefined ? {} : { warningsExceeded: exceeded }) };
        const ctx = buildContext({ verbose });
        for (const format of FORMATS) expect(renderFormat(format, run, ctx)).toBe(wholeReports[format](run, ctx));
      }),
      { numRuns: 200 },
    );
  });
});

describe('splitJsonArray', () => {
  const json = fc.jsonValue({ maxDepth: 3 });

  it('cuts JSON.stringify around the array at any path, for any items', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), fc.dictionary(fc.string(), json), fc.array(json, { maxLength: 5 }), (before, after, items) => {
        // The streamed array two levels down, between other keys, as in SARIF's runs[0].results.
        const build = (list: unknown[]) => ({ ...before, runs: [{ ...after, results: list }, 'next'], tail: after });
        const parts = splitJsonArray(build([]), ['runs', 0, 'results']);
        const streamed = parts.head + items.map((item, i) => parts.item(item, i)).join('') + parts.tail(items.length);
        expect(streamed).toBe(JSON.stringify(build(items), null, 2));
      }),
    );
  });

  it('refuses a path that does not lead to an empty array', () => {
    expect(() => splitJsonArray({ a: [1] }, ['a'])).toThrow();
    expect(() => splitJsonArray({ a: {} }, ['b'])).toThrow();
  });

  it('keeps the envelope built in one place: the JSON head holds every key before `files`', () => {
    const parts = splitJsonArray(buildCheckResultEnvelope(CHECK_INFO, { files: 0, errors: 0, warnings: 0, infos: 0 }), ['files']);
    expect(parts.head).toBe(`{\n  "apiVersion": "harm/v1",\n  "kind": "CheckResult",\n  "tool": {\n    "name": "harm",\n    "version": "1.0.0"\n  },\n  "framework": {\n    "id": "harm-default",\n    "version": 2,\n    "digest": "${CHECK_FRAMEWORK.digest}"\n  },\n  "config": "harm.config.yaml",\n  "files": [`);
  });
});
